import { describe, isObject } from "../bundle/validate.js";
import { err, ok, type Result } from "./result.js";

/**
 * What a job configuration overlay (reference §1.5) may set:
 * `{"jobConfigOverlays":[{"jobConfig":{"jobName","jobGroup","tracing","submissionParameters":[{"name","value"}]},
 *   "deploymentConfig":{…}}]}`. Streams applies the first overlay of the list; so does the twin.
 * Fields it does not model (deploymentConfig, operationConfig…) are kept and otherwise ignored.
 */
export interface OverlaySettings {
  readonly jobName?: string;
  readonly jobGroup?: string;
  readonly tracing?: string;
  readonly submissionParameters: ReadonlyMap<string, string>;
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const TRACING_LEVELS = ["off", "error", "warn", "info", "debug", "trace"] as const;

const PREFIX = "jobConfigurationOverlay";

export function readOverlay(overlay: unknown): Result<OverlaySettings, FieldError> {
  if (overlay === undefined || overlay === null) return ok({ submissionParameters: new Map() });
  if (!isObject(overlay)) return fail(PREFIX, `expected an object, found ${describe(overlay)}`);
  const list = overlay["jobConfigOverlays"];
  if (list === undefined) return ok({ submissionParameters: new Map() });
  if (!Array.isArray(list)) return fail(`${PREFIX}.jobConfigOverlays`, `expected an array, found ${describe(list)}`);
  if (list.length === 0) return ok({ submissionParameters: new Map() });
  const first: unknown = list[0];
  const at = `${PREFIX}.jobConfigOverlays[0]`;
  if (!isObject(first)) return fail(at, `expected an object, found ${describe(first)}`);
  const jobConfig = first["jobConfig"];
  if (jobConfig === undefined) return ok({ submissionParameters: new Map() });
  if (!isObject(jobConfig)) return fail(`${at}.jobConfig`, `expected an object, found ${describe(jobConfig)}`);
  const settings: { jobName?: string; jobGroup?: string; tracing?: string; submissionParameters: Map<string, string> } = {
    submissionParameters: new Map(),
  };
  for (const key of ["jobName", "jobGroup"] as const) {
    const value = jobConfig[key];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.trim().length === 0) return fail(`${at}.jobConfig.${key}`, `expected a non-empty string, found ${describe(value)}`);
    settings[key] = value;
  }
  const tracing = jobConfig["tracing"];
  if (tracing !== undefined) {
    if (!TRACING_LEVELS.includes(tracing as (typeof TRACING_LEVELS)[number])) {
      return fail(`${at}.jobConfig.tracing`, `expected one of ${TRACING_LEVELS.join(", ")}, found ${describe(tracing)}`);
    }
    settings.tracing = tracing as string;
  }
  const params = readParameterList(jobConfig["submissionParameters"], `${at}.jobConfig.submissionParameters`);
  if (!params.ok) return params;
  settings.submissionParameters = params.value;
  return ok(settings);
}

/** `[{"name":"role","value":"standby"}]` → a map; values must be strings, as Streams' are. */
export function readParameterList(list: unknown, field: string): Result<Map<string, string>, FieldError> {
  const out = new Map<string, string>();
  if (list === undefined) return ok(out);
  if (!Array.isArray(list)) return fail(field, `expected an array of {"name","value"} objects, found ${describe(list)}`);
  for (const [i, entry] of list.entries()) {
    if (!isObject(entry)) return fail(`${field}[${i}]`, `expected an object with "name" and "value", found ${describe(entry)}`);
    const name = entry["name"];
    const value = entry["value"];
    if (typeof name !== "string" || name.length === 0) return fail(`${field}[${i}].name`, `expected a parameter name, found ${describe(name)}`);
    if (typeof value !== "string") return fail(`${field}[${i}].value`, `expected a string (submission parameters are strings), found ${describe(value)}`);
    out.set(name, value);
  }
  return ok(out);
}

const fail = (field: string, message: string) => err({ field, message });
