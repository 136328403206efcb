import type { AppRuntime } from "../app/runtime.js";
import type { Authenticator } from "../rest/auth.js";
import { restError } from "../rest/errors.js";
import type { Reply } from "../rest/reply.js";
import { endpointPath } from "./endpoints.js";

/**
 * The data service's discovery document (reference §2.2), at `/xdc-data` on the datacenter's
 * REST address: every running job with Data Exchange endpoints, each endpoint with the URL to
 * use, which points at the host its PE runs on now.
 */
export const DISCOVERY_PATH = "/xdc-data";

export interface EndpointEntry {
  readonly operator: string;
  readonly port: number;
  readonly url: string;
}

export interface DiscoveryJob {
  readonly instance: string;
  readonly jobId: string;
  readonly jobName: string;
  readonly applicationName: string;
  readonly inject: readonly EndpointEntry[];
  readonly inspect: readonly EndpointEntry[];
}

export function discoveryDocument(instance: string, runtime: AppRuntime, hostOrigin: (hostId: string) => string | undefined): { instance: string; jobs: DiscoveryJob[] } {
  const jobs: DiscoveryJob[] = [];
  for (const r of runtime.jobs()) {
    const entries = (operators: readonly string[], kind: "inject" | "inspect"): EndpointEntry[] =>
      operators.flatMap((name) => {
        const op = r.job.operators.find((o) => o.name === name);
        const origin = op ? hostOrigin(op.pe.hostId) : undefined;
        if (!op || !origin) return [];
        const count = kind === "inject" ? op.outputPorts.length : op.inputPorts.length;
        return Array.from({ length: count }, (_, port) => ({ operator: name, port, url: `${origin}${endpointPath(r.job.id, name, port, kind)}` }));
      });
    const inject = entries(r.topology.sources.map((s) => s.operator), "inject");
    const inspect = entries(r.topology.sinks.map((s) => s.operator), "inspect");
    if (inject.length + inspect.length === 0) continue;
    jobs.push({ instance, jobId: r.job.id, jobName: r.job.name, applicationName: r.job.applicationName, inject, inspect });
  }
  return { instance, jobs };
}

/** `GET /xdc-data` with Basic authentication; other paths are not its business (undefined). */
export function discoveryReply(path: string, method: string | undefined, authorization: string | undefined, auth: Authenticator, document: () => unknown): Reply | undefined {
  if (path !== DISCOVERY_PATH && path !== `${DISCOVERY_PATH}/`) return undefined;
  if (!auth.check(authorization)) return restError("notAuthorized", "The request is not authorized: give a valid user name and password.");
  if (method !== "GET" && method !== "HEAD") return { ...restError("methodNotAllowed", `${DISCOVERY_PATH} answers GET only.`), headers: { Allow: "GET" } };
  return { status: 200, json: document() };
}
