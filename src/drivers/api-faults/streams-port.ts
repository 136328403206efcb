import { readFile } from "node:fs/promises";
import type { ApiCall } from "../faults/types.js";
import type { StreamsApi, StreamsError } from "../streams/api.js";
import { err, ok, type Result } from "../result.js";
import type { ApiFaultError, ApiFaultPort } from "./port.js";

type Answer = Promise<Result<string, StreamsError>>;
type Calls = { readonly [K in ApiCall["op"]]: (api: StreamsApi, c: Extract<ApiCall, { op: K }>) => Answer };

const done = (r: Result<unknown, StreamsError>): Result<string, StreamsError> => (r.ok ? ok("done") : r);
/** A probe's answer: the status, or `absent` when Streams no longer knows the resource. */
const status = (r: Result<{ readonly status: string }, StreamsError>): Result<string, StreamsError> =>
  r.ok ? ok(r.value.status) : r.error.kind === "not-found" ? ok("absent") : r;

/** Each REST call of the API faults, as the Streams driver makes it. */
const CALLS: Calls = {
  // A job already gone is what a cancel wants: recover may run it twice.
  cancelJob: async (api, c) => {
    const r = await api.cancelJob(c.jobId);
    return !r.ok && r.error.kind === "not-found" ? ok("absent") : done(r);
  },
  // A job of that name already running is what a resubmission wants: recover may run it twice.
  submitJob: async (api, c) => {
    const running = await api.findJob(c.jobName);
    if (!running.ok) return running;
    if (running.value && running.value.status === "running") return ok("done");
    let bytes: Buffer;
    try {
      bytes = await readFile(c.bundle);
    } catch (e) {
      const error: StreamsError = { kind: "configuration", message: `cannot read the bundle ${c.bundle}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, method: "POST", path: "applicationbundles" };
      return err(error);
    }
    const up = await api.uploadBundle(bytes);
    if (!up.ok) return up;
    return done(await api.submitJob({ bundleId: up.value.bundleId, jobName: c.jobName, parameters: c.parameters }));
  },
  jobNamed: async (api, c) => {
    const found = await api.findJob(c.jobName);
    return found.ok ? ok(found.value?.status ?? "absent") : found;
  },
  stopPe: async (api, c) => done(await api.stopPe(c.peId)),
  restartPe: async (api, c) => done(await api.restartPe(c.peId)),
  stopInstance: async (api) => done(await api.stopInstance()),
  startInstance: async (api) => done(await api.startInstance()),
  jobStatus: async (api, c) => status(await api.job(c.jobId)),
  peStatus: async (api, c) => status(await api.pe(c.peId)),
  instanceStatus: async (api) => status(await api.instance()),
};

const LASTING: ReadonlySet<StreamsError["kind"]> = new Set<StreamsError["kind"]>(["authentication", "configuration", "unsupported", "bad-request"]);

/** The API faults' port over one StreamsApi per datacenter. */
export function streamsFaultPort(apis: Readonly<Record<string, StreamsApi>>): ApiFaultPort {
  return {
    async call(dc, c): Promise<Result<string, ApiFaultError>> {
      const api = apis[dc];
      if (!api) return err({ dc, message: `no REST connection to datacenter ${dc}` });
      const r = await (CALLS[c.op] as (api: StreamsApi, c: ApiCall) => Answer)(api, c);
      return r.ok ? r : err({ dc, message: r.error.message, lasting: LASTING.has(r.error.kind) });
    },
  };
}
