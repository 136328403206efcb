import type { HttpError } from "../http/errors.js";
import { err, ok, type Result } from "../result.js";
import type { CallOptions, JobRef, PeRef, StreamsApi } from "../streams/api.js";
import type { MetricOwner } from "../streams/models.js";

/** What a Streams metric is read from: the `metric(target, name)` builtin's targets. */
export type MetricTarget =
  | { readonly kind: "operator"; readonly job: JobRef; readonly operator: string }
  /** summed over the job's operators (the application's value in one datacenter) */
  | { readonly kind: "job"; readonly job: JobRef }
  | { readonly kind: "pe"; readonly pe: PeRef }
  /** a host, by its resource id */
  | { readonly kind: "resource"; readonly resource: string };

/**
 * A metric's current value read through the REST API (reference §1.7): a number, or
 * undefined when the target has no metric of that name. A job's value is the sum over its
 * operators that have the metric.
 */
export async function readStreamsMetric(api: StreamsApi, target: MetricTarget, name: string, o?: CallOptions): Promise<Result<number | undefined, HttpError>> {
  const owners = await metricOwners(api, target, o);
  if (!owners.ok) return owners;
  let sum: number | undefined;
  for (const owner of owners.value) {
    const m = await api.metric(owner, name, o);
    if (!m.ok) return m;
    if (m.value) sum = (sum ?? 0) + m.value.value;
  }
  return ok(sum);
}

async function metricOwners(api: StreamsApi, target: MetricTarget, o: CallOptions | undefined): Promise<Result<readonly MetricOwner[], HttpError>> {
  switch (target.kind) {
    case "operator": {
      const ops = await api.operators(target.job, o);
      if (!ops.ok) return ops;
      const op = ops.value.find((x) => x.name === target.operator);
      if (op) return ok([op]);
      const job = typeof target.job === "string" ? target.job : target.job.id;
      return err({ kind: "not-found", method: "GET", path: "", message: `job ${job} has no operator \`${target.operator}\`; it has ${ops.value.map((x) => x.name).join(", ")}` });
    }
    case "job":
      return api.operators(target.job, o);
    case "pe": {
      const pe = typeof target.pe === "string" ? await api.pe(target.pe, o) : ok(target.pe);
      return pe.ok ? ok([pe.value]) : pe;
    }
    case "resource": {
      const hosts = await api.resources(o);
      if (!hosts.ok) return hosts;
      const host = hosts.value.find((h) => h.id === target.resource);
      return host ? ok([host]) : err({ kind: "not-found", method: "GET", path: "", message: `the instance has no host \`${target.resource}\`` });
    }
  }
}
