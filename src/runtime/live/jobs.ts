import { readFile } from "node:fs/promises";
import type { StreamsApi, StreamsError } from "../../drivers/streams/index.js";
import { readToolkitSettings, type JobToolkit } from "../../drivers/toolkit/settings.js";
import type { Resubmission } from "../../drivers/api-faults/index.js";
import { jobName, resubmission, submissionKey, submissionParameters } from "../submission.js";
import type { AppRef, JobRef, PeRef } from "../value.js";
import { reading, type Reading, type SubmitRequest, type WorldError, type WorldResult } from "../world.js";
import { err, ok } from "../../drivers/result.js";
import { isRetryable } from "../../drivers/http/errors.js";

/** A REST failure as the World reports it: the datacenter's problem, in one redacted line. */
export const restError = (dc: string, e: StreamsError): WorldError => ({ class: "environment", message: `${dc}: ${e.message}` });

/**
 * A reading whose REST call failed: a failure that trying again can cure (a 503, a reset, a
 * timeout) is a gap in observation, no data this time, which `await` polls past and judges
 * by how long it lasted; anything else (a wrong password, no such instance) is an error.
 */
export const restGap = <T>(dc: string, e: StreamsError): WorldResult<Reading<T>> =>
  isRetryable(e) ? ok({ kind: "no-data", reason: `${dc}: ${e.message}` }) : err(restError(dc, e));
const environment = (message: string): WorldError => ({ class: "environment", message });

export { jobName, submissionParameters };

/**
 * The application's jobs as this run submitted them, per datacenter: deployment through the
 * REST API and the look-ups the faults and checks need (its job, the PE of an operator).
 */
export class Jobs {
  private readonly ids = new Map<string, string>();
  private readonly submitted = new Map<string, SubmitRequest>();

  constructor(
    private readonly streams: Readonly<Record<string, StreamsApi>>,
    private readonly run: string,
  ) {}

  private api(dc: string): WorldResult<StreamsApi> {
    const api = this.streams[dc];
    return api ? ok(api) : err(environment(`the environment has no datacenter ${dc}`));
  }

  async submit(r: SubmitRequest, signal: AbortSignal): Promise<WorldResult<JobRef>> {
    const api = this.api(r.dc);
    if (!api.ok) return api;
    let bytes: Buffer;
    try {
      bytes = await readFile(r.app.bundlePath);
    } catch (e) {
      return err(environment(`cannot read the bundle ${r.app.bundle}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`));
    }
    const up = await api.value.uploadBundle(bytes, { signal });
    if (!up.ok) return err(restError(r.dc, up.error));
    const job = await api.value.submitJob({ bundleId: up.value.bundleId, jobName: jobName(r.app, r.dc, this.run), parameters: submissionParameters(r) }, { signal });
    if (!job.ok) return err(restError(r.dc, job.error));
    this.ids.set(submissionKey(r.app, r.dc), job.value.id);
    this.submitted.set(submissionKey(r.app, r.dc), r);
    return ok({ kind: "job", app: r.app, dc: r.dc, id: job.value.id });
  }

  /** How this run submitted the application's job to `dc`: what undoing its cancel submits again. */
  resubmission(app: AppRef, dc: string): Resubmission | undefined {
    const r = this.submitted.get(submissionKey(app, dc));
    return r && resubmission(r, this.run, r.app.bundlePath);
  }

  /** The job was submitted again outside `submit` (a cancel undone): its id is looked up anew. */
  forget(dc: string, name: string): void {
    for (const r of this.submitted.values()) if (r.dc === dc && jobName(r.app, r.dc, this.run) === name) this.ids.delete(submissionKey(r.app, r.dc));
  }

  /** The toolkit's effective settings of a submitted job, as its REST API shows them. */
  async toolkit(dc: string, jobId: string, signal: AbortSignal): Promise<WorldResult<JobToolkit>> {
    const api = this.api(dc);
    if (!api.ok) return api;
    const read = await readToolkitSettings(api.value, jobId, { signal });
    return read.ok ? read : err(restError(dc, read.error));
  }

  async job(app: AppRef, dc: string, signal: AbortSignal): Promise<WorldResult<JobRef>> {
    const known = this.ids.get(submissionKey(app, dc));
    if (known) return ok({ kind: "job", app, dc, id: known });
    const api = this.api(dc);
    if (!api.ok) return api;
    const found = await api.value.findJob(jobName(app, dc, this.run), { signal });
    if (!found.ok) return err(restError(dc, found.error));
    if (!found.value) return err(environment(`${dc} runs no job of ${app.name} submitted by this run`));
    return ok({ kind: "job", app, dc, id: found.value.id });
  }

  async cancel(app: AppRef, dcs: readonly string[], signal: AbortSignal): Promise<WorldResult<void>> {
    for (const dc of dcs) {
      const api = this.api(dc);
      if (!api.ok) return api;
      const found = await api.value.findJob(jobName(app, dc, this.run), { signal });
      if (!found.ok) return err(restError(dc, found.error));
      this.ids.delete(submissionKey(app, dc));
      if (!found.value) continue;
      const gone = await api.value.cancelJob(found.value, { signal });
      if (!gone.ok && gone.error.kind !== "not-found") return err(restError(dc, gone.error));
    }
    return ok(undefined);
  }

  async pe(app: AppRef, operator: string, dc: string, signal: AbortSignal): Promise<WorldResult<PeRef>> {
    const job = await this.job(app, dc, signal);
    if (!job.ok) return job;
    const api = this.streams[dc]!;
    const ops = await api.operators(job.value.id, { signal });
    if (!ops.ok) return err(restError(dc, ops.error));
    const op = ops.value.find((o) => o.name === operator);
    if (!op) return err(environment(`job ${job.value.id} of ${app.name} on ${dc} has no operator ${operator}`));
    const pe = await api.peOf(op, { signal });
    if (!pe.ok) return err(restError(dc, pe.error));
    return ok({ kind: "pe", app, operator, dc, id: pe.value.id });
  }

  /** Running and healthy: the job and every one of its PEs. A job that is not there is not healthy. */
  async healthy(app: AppRef, dc: string, signal: AbortSignal): Promise<WorldResult<Reading<boolean>>> {
    const api = this.api(dc);
    if (!api.ok) return api;
    const found = await api.value.findJob(jobName(app, dc, this.run), { signal });
    if (!found.ok) return restGap(dc, found.error);
    const job = found.value;
    if (!job || job.status !== "running" || job.health !== "healthy") return ok(reading(false));
    const pes = await api.value.pes(job, { signal });
    if (!pes.ok) return restGap(dc, pes.error);
    return ok(reading(pes.value.every((p) => p.status === "running")));
  }
}
