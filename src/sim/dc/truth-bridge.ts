import type { HostEvent } from "../host/types.js";
import type { StreamsInstance } from "../model/instance.js";
import { HOST_CHANGE_TYPES, type HostChange, type TwinEventBody } from "../twin-events.js";

/**
 * What the model and the hosts do, as ground-truth events: jobs, PE crashes and restarts,
 * signals, firewall rules and qdiscs. Returns how to stop listening.
 */
export function reportInstance(instance: StreamsInstance, record: (e: TwinEventBody, time: number) => void): () => void {
  const dc = instance.id;
  const offs = [
    instance.on("job-submitted", (e) =>
      record({ type: "job.submitted", dc, jobId: e.job.id, jobName: e.job.name, application: e.job.applicationName, role: e.job.parameter("role") ?? "primary" }, e.time),
    ),
    instance.on("job-canceled", (e) => record({ type: "job.cancelled", dc, jobId: e.job.id, jobName: e.job.name }, e.time)),
    instance.on("pe-crashed", (e) =>
      record({ type: "pe.crashed", dc, jobId: e.pe.job.id, peId: e.pe.id, pid: e.pid ?? null, host: e.hostId, reason: e.detail ? `${e.reason} (${e.detail})` : e.reason }, e.time),
    ),
    instance.on("pe-restarted", (e) =>
      record({ type: "pe.restarted", dc, jobId: e.pe.job.id, peId: e.pe.id, pid: e.pid, host: e.hostId, launchCount: e.launchCount }, e.time),
    ),
    instance.on("pe-stopped", (e) => record({ type: "pe.stopped", dc, jobId: e.pe.job.id, peId: e.pe.id, pid: e.pid ?? null, restarting: e.restarting }, e.time)),
    instance.on("pe-suspended", (e) => record({ type: "pe.suspended", dc, jobId: e.pe.job.id, peId: e.pe.id, pid: e.pid }, e.time)),
    instance.on("pe-resumed", (e) => record({ type: "pe.resumed", dc, jobId: e.pe.job.id, peId: e.pe.id, pid: e.pid }, e.time)),
  ];
  return () => {
    for (const off of offs) off();
  };
}

const KNOWN = new Set<string>(HOST_CHANGE_TYPES);

/** A host's change under its own name, with the datacenter added. */
export function hostChange(dc: string, e: HostEvent): HostChange | undefined {
  if (!KNOWN.has(e.kind)) return undefined;
  const { kind, host, time: _time, ...fields } = e;
  return { ...fields, type: kind as HostChange["type"], dc, host };
}
