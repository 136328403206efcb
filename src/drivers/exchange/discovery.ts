import { err, ok, type Result } from "../result.js";

/** One Data Exchange endpoint, as the data service's root document lists it. */
export interface Endpoint {
  readonly kind: "inject" | "inspect";
  readonly jobId: string;
  readonly jobName: string;
  readonly operator: string;
  readonly port: number;
  /** Taken as given: xdc never builds an endpoint's URL. */
  readonly url: string;
}

export interface DataService {
  readonly instance?: string;
  readonly endpoints: readonly Endpoint[];
}

/** Which endpoint a caller means: a job (by name) and an operator; the port defaults to 0. */
export interface EndpointQuery {
  readonly jobName: string;
  readonly operator: string;
  readonly port?: number;
}

/**
 * Reads the data service's root document (reference §2.2; the twin's `/xdc-data`):
 * `{"jobs":[{"jobId","jobName","inject":[{operator,port,url}],"inspect":[…]}]}`. A relative
 * `url` is resolved against the document's own URL. Anything else is an error message naming
 * what was wrong, for a `protocol` error.
 */
export function parseDataService(json: unknown, documentUrl: string): Result<DataService, string> {
  const jobs = (json as { jobs?: unknown } | null)?.jobs;
  if (!Array.isArray(jobs)) return err("the data service's document has no `jobs` list");
  const endpoints: Endpoint[] = [];
  for (const job of jobs as Record<string, unknown>[]) {
    const jobId = job?.["jobId"];
    const jobName = job?.["jobName"];
    if (typeof jobId !== "string" || typeof jobName !== "string") return err("a job of the data service's document has no `jobId` or `jobName` string");
    for (const kind of ["inject", "inspect"] as const) {
      const list = job[kind] ?? [];
      if (!Array.isArray(list)) return err(`job ${jobName}: \`${kind}\` is not a list`);
      for (const e of list as Record<string, unknown>[]) {
        const operator = e?.["operator"];
        const port = e?.["port"] ?? 0;
        const url = e?.["url"];
        if (typeof operator !== "string" || typeof url !== "string" || typeof port !== "number") return err(`job ${jobName}: an ${kind} endpoint lacks \`operator\` or \`url\``);
        let resolved: string;
        try {
          resolved = new URL(url, documentUrl).toString();
        } catch {
          return err(`job ${jobName}: ${operator}'s url ${JSON.stringify(url)} is not a URL`);
        }
        endpoints.push({ kind, jobId, jobName, operator, port, url: resolved });
      }
    }
  }
  const instance = (json as { instance?: unknown }).instance;
  return ok({ ...(typeof instance === "string" ? { instance } : {}), endpoints });
}

/** The endpoint a query names, or a message listing what there is. */
export function findEndpoint(service: DataService, kind: Endpoint["kind"], q: EndpointQuery): Result<Endpoint, string> {
  const port = q.port ?? 0;
  const hit = service.endpoints.find((e) => e.kind === kind && e.jobName === q.jobName && e.operator === q.operator && e.port === port);
  if (hit) return ok(hit);
  const there = service.endpoints.filter((e) => e.kind === kind && e.jobName === q.jobName).map((e) => `${e.operator} port ${e.port}`);
  const known = there.length > 0 ? `job ${q.jobName} has ${kind} endpoints ${there.join(", ")}` : `the data service lists no ${kind} endpoint of a job named ${q.jobName}`;
  return err(`no ${kind} endpoint ${q.operator} port ${port} of job ${q.jobName}: ${known}`);
}
