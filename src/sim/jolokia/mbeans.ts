import type { StreamsInstance } from "../model/instance.js";
import type { MetricSet } from "../model/metrics.js";
import type { Health } from "../model/types.js";
import type { ObjectName } from "./object-name.js";

/**
 * The twin's MBeans: its Streams metrics and state as JMX would show them, under Streams' JMX
 * domain. Twin-only names (docs/twin-rest.md): Streams documents no JMX interface that serves
 * these metrics. The ObjectNames follow the shape of Streams 4.x's JMX API
 * (`type=domain.instance.job,domain=…,instance=…,name=…`) without the domain level, which
 * Streams 5 and Teracloud Streams no longer have:
 *
 *   com.ibm.streams.management:type=instance,name=INSTANCE
 *   com.ibm.streams.management:type=instance.job,instance=INSTANCE,name=JOB_ID
 *   com.ibm.streams.management:type=instance.pe,instance=INSTANCE,name=PE_ID
 *   com.ibm.streams.management:type=instance.resource,instance=INSTANCE,name=HOST_ID
 *
 * Attributes are read afresh at every request. Each MBean's `Metrics` is a composite of its
 * Streams metrics by their Streams names, with the values the REST API's metrics show.
 */
export const STREAMS_DOMAIN = "com.ibm.streams.management";

export type AttributeValue = number | string | boolean | null | { readonly [key: string]: AttributeValue };
export type Attributes = Readonly<Record<string, AttributeValue>>;

const HEALTHY: Readonly<Record<Health, number>> = { healthy: 1, partiallyHealthy: 0, partiallyUnhealthy: 0, unhealthy: 0, unknown: 0 };

const metricsOf = (set: MetricSet): Record<string, number> => Object.fromEntries(set.list().map((m) => [m.name, m.value]));

/** Sums the metrics of several sets by name: a job's value of a metric, as `metric(job, …)` reads it over REST. */
function sum(sets: readonly MetricSet[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const set of sets) for (const m of set.list()) out[m.name] = (out[m.name] ?? 0) + m.value;
  return out;
}

const ports = (list: readonly { readonly index: number; readonly metrics: MetricSet }[]) => Object.fromEntries(list.map((p) => [String(p.index), metricsOf(p.metrics)]));

/** The attributes of the MBean an ObjectName names, or undefined when the twin has no such MBean. */
export function mbeanAttributes(instance: StreamsInstance, name: ObjectName): Attributes | undefined {
  if (name.domain !== STREAMS_DOMAIN) return undefined;
  const p = name.properties;
  const has = (...keys: string[]) => p.size === keys.length && keys.every((k) => p.has(k));
  const type = p.get("type");
  const id = p.get("name");
  if (id === undefined) return undefined;
  if (type === "instance" && has("type", "name")) {
    if (id !== instance.id) return undefined;
    const up = instance.status === "running" || instance.status === "partiallyFailed";
    return {
      Id: instance.id,
      Status: instance.status,
      Health: instance.health,
      ProductVersion: instance.productVersion,
      StartTime: instance.startTime,
      Up: up ? 1 : 0,
      JobCount: instance.jobs().length,
      PeCount: instance.pes().length,
      RunningPeCount: instance.pes().filter((pe) => pe.status === "running").length,
    };
  }
  if (!has("type", "instance", "name") || p.get("instance") !== instance.id) return undefined;
  if (type === "instance.job") {
    const job = instance.job(id);
    if (!job) return undefined;
    return {
      Id: job.id,
      Name: job.name,
      ApplicationName: job.applicationName,
      JobGroup: job.jobGroup,
      Status: job.status,
      Health: job.health,
      Healthy: HEALTHY[job.health],
      SubmitTime: job.submitTime,
      PeCount: job.pes.length,
      Metrics: sum(job.operators.map((op) => op.metrics)),
      Operators: Object.fromEntries(job.operators.map((op) => [op.name, metricsOf(op.metrics)])),
    };
  }
  if (type === "instance.pe") {
    const pe = instance.pe(id);
    if (!pe) return undefined;
    return {
      Id: pe.id,
      JobId: pe.job.id,
      Host: pe.hostId,
      Status: pe.status,
      StatusReason: pe.statusReason,
      Health: pe.health,
      Healthy: HEALTHY[pe.health],
      LaunchCount: pe.launchCount,
      Metrics: metricsOf(pe.metrics),
      InputPorts: ports(pe.inputPorts),
      OutputPorts: ports(pe.outputPorts),
    };
  }
  if (type === "instance.resource") {
    const host = instance.host(id);
    if (!host) return undefined;
    return { Id: host.id, Status: host.status, Up: host.status === "failed" || host.status === "unknown" ? 0 : 1, Metrics: metricsOf(host.metrics) };
  }
  return undefined;
}
