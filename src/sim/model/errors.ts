/**
 * Why the model refused a call. The REST server turns each code into a status and a
 * CDISW message (src/sim/rest/errors.ts); the runtime reads `message`.
 */
export type ModelErrorCode =
  /** no such job, PE, bundle, host… (`resourceType` and `restid` say which) */
  | "not-found"
  /** the request is wrong; `field` names the part */
  | "bad-input"
  /** the request is fine but the state forbids it (instance stopped, name taken, PE not running) */
  | "conflict";

export interface ModelError {
  readonly code: ModelErrorCode;
  readonly message: string;
  readonly field?: string;
  readonly resourceType?: string;
  readonly restid?: string;
}

export const notFound = (resourceType: string, restid: string): ModelError => ({
  code: "not-found",
  resourceType,
  restid,
  message: `The resource with the ${resourceType} resourceType and restid ${restid} cannot be found.`,
});

export const badInput = (field: string, message: string): ModelError => ({ code: "bad-input", field, message: `${field}: ${message}` });

export const conflict = (message: string): ModelError => ({ code: "conflict", message });
