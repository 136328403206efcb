import { describe, isObject } from "../bundle/validate.js";
import type { SubmitRequest } from "../model/instance.js";
import { readParameterList } from "../model/overlay.js";
import { err, ok, type Result } from "../model/result.js";
import { restError, type ErrorReply } from "./errors.js";

export interface SubmitBody {
  readonly request: SubmitRequest;
  readonly preview: boolean;
}

/**
 * The body of `POST {instance}/jobs` and `POST {instance}/jobsubmissions`:
 * `{"application": bundleId, "jobConfigurationOverlay": {…}, "preview": false}` (Python client),
 * with the VS Code client's `jobName`, `jobGroup` and `submitParameters` beside them.
 * `applicationCredentials` is accepted and ignored: the twin never keeps or logs it.
 */
export function readSubmitBody(body: unknown, startedBy: string): Result<SubmitBody, ErrorReply> {
  if (!isObject(body)) return bad("body", `expected a JSON object with "application", found ${describe(body)}`);
  const application = body["application"];
  if (typeof application !== "string" || application.length === 0) {
    return bad("application", `expected the bundleId answered by POST …/applicationbundles, found ${describe(application)}`);
  }
  if (/^[a-z]+:\/\//i.test(application)) return bad("application", "the twin takes the bundleId of an uploaded bundle, not a URL to a .sab");
  for (const key of ["jobName", "jobGroup"] as const) {
    const value = body[key];
    if (value !== undefined && (typeof value !== "string" || value.trim().length === 0)) return bad(key, `expected a non-empty string, found ${describe(value)}`);
  }
  const preview = body["preview"];
  if (preview !== undefined && typeof preview !== "boolean") return bad("preview", `expected true or false, found ${describe(preview)}`);
  const params = readParameterList(body["submitParameters"], "submitParameters");
  if (!params.ok) return bad(params.error.field, params.error.message);
  const jobName = body["jobName"];
  const jobGroup = body["jobGroup"];
  return ok({
    preview: preview === true,
    request: {
      bundleId: application,
      startedBy,
      overlay: body["jobConfigurationOverlay"],
      parameters: Object.fromEntries(params.value),
      ...(typeof jobName === "string" ? { jobName } : {}),
      ...(typeof jobGroup === "string" ? { jobGroup } : {}),
    },
  });
}

const bad = (field: string, message: string) => err(restError("badInput", `${field}: ${message}`));
