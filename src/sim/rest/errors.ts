import type { ModelError, ModelErrorCode } from "../model/errors.js";

/**
 * Every error the REST server answers, with its HTTP status and message id. The CDISW5000E–
 * 5011E ids are Streams' own (reference §1.5); the twin adds CDISW51xxE for cases whose real
 * id is not public, documented in docs/twin-rest.md.
 */
export const REST_ERRORS = {
  notFound: { status: 404, id: "CDISW5000E" },
  unexpected: { status: 500, id: "CDISW5001E" },
  notAuthorized: { status: 401, id: "CDISW5003E" },
  missingAction: { status: 400, id: "CDISW5011E" },
  badInput: { status: 400, id: "CDISW5100E" },
  methodNotAllowed: { status: 405, id: "CDISW5101E" },
  conflict: { status: 409, id: "CDISW5102E" },
  unavailable: { status: 503, id: "CDISW5103E" },
  tooLarge: { status: 413, id: "CDISW5104E" },
} as const;

export type RestErrorKind = keyof typeof REST_ERRORS;

export interface ErrorReply {
  readonly status: number;
  readonly json: { readonly id: string; readonly message: string };
}

/** `{"id":"CDISW5000E","message":"CDISW5000E …"}`: the message starts with its id, as Streams' do. */
export function restError(kind: RestErrorKind, message: string): ErrorReply {
  const { status, id } = REST_ERRORS[kind];
  return { status, json: { id, message: `${id} ${message}` } };
}

const MODEL_ERRORS: Record<ModelErrorCode, RestErrorKind> = { "not-found": "notFound", "bad-input": "badInput", conflict: "conflict" };

export const fromModelError = (e: ModelError): ErrorReply => restError(MODEL_ERRORS[e.code], e.message);

export const notFoundResource = (resourceType: string, restid: string): ErrorReply =>
  restError("notFound", `The resource with the ${resourceType} resourceType and restid ${restid} cannot be found.`);
