import type { Resubmission } from "../drivers/api-faults/index.js";
import { toolkitParameters } from "../drivers/toolkit/settings.js";
import type { AppRef } from "./value.js";
import type { SubmitRequest } from "./world.js";

/** Job names carry the run, so a submission's name is its own and a leftover job never answers for it. */
export const jobName = (app: AppRef, dc: string, run: string) => `${app.name}-${dc}-${run}`.replace(/[^A-Za-z0-9_.-]/g, "_");

/**
 * What a submission sends: the scenario's `params`, then the toolkit's settings under the
 * toolkit's own keys and units (seconds; `toolkit:` wins over the same key in `params`, being
 * typed), then the role.
 */
export const submissionParameters = (r: SubmitRequest): Record<string, string> => ({ ...r.params, ...toolkitParameters(r.toolkit ?? {}), role: r.role });

/** What undoing a `cancel_job` submits again, as `bundle` names the bundle file. */
export const resubmission = (r: SubmitRequest, run: string, bundle: string): Resubmission => ({ bundle, jobName: jobName(r.app, r.dc, run), parameters: submissionParameters(r) });

/** Submissions by application and datacenter. */
export const submissionKey = (app: AppRef, dc: string): string => `${app.name}\0${dc}`;
