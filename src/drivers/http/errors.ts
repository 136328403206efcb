/**
 * What can go wrong talking HTTP to a deployment (the Streams REST API, Prometheus), as a
 * value. The kind says whose problem it is and whether trying again can help; the rest says
 * where (method, path), what the server said (status, message id) and how it failed on the
 * wire (code). Messages never hold credentials: they are built from redacted parts.
 */
export const HTTP_ERROR_KINDS = [
  "authentication",
  "not-found",
  "conflict",
  "bad-request",
  "unsupported",
  "server",
  "network",
  "timeout",
  "protocol",
  "cancelled",
  "configuration",
] as const;
export type HttpErrorKind = (typeof HTTP_ERROR_KINDS)[number];

export interface HttpError {
  readonly kind: HttpErrorKind;
  /** One line a user can act on. */
  readonly message: string;
  readonly method: string;
  /** The URL's path and query, without origin or user info. */
  readonly path: string;
  readonly status?: number;
  /** The server's message id: Streams' `CDISW5000E`, Prometheus' `errorType` (`bad_data`). */
  readonly messageId?: string;
  /** The server's own words about what was wrong (redacted), when its answer gave them: Prometheus' `error`. */
  readonly detail?: string;
  /** The socket or TLS error code (`ECONNRESET`, `SELF_SIGNED_CERT_IN_CHAIN`). */
  readonly code?: string;
  /** How long the server asked us to wait (Retry-After), in ms. */
  readonly retryAfterMs?: number;
  /** How many times the request was sent before giving up. */
  readonly attempts?: number;
}

/** HTTP status → kind; unlisted 4xx are bad requests, unlisted 5xx server errors. */
const STATUS_KIND: Readonly<Record<number, HttpErrorKind>> = {
  400: "bad-request",
  401: "authentication",
  403: "authentication",
  404: "not-found",
  405: "unsupported",
  408: "timeout",
  409: "conflict",
  410: "not-found",
  413: "bad-request",
  415: "bad-request",
  422: "bad-request",
  429: "server",
  501: "unsupported",
};

export const statusKind = (status: number): HttpErrorKind => STATUS_KIND[status] ?? (status >= 500 ? "server" : status >= 400 ? "bad-request" : "protocol");

interface WireFailure {
  readonly kind: HttpErrorKind;
  /** whether trying again can help */
  readonly retry: boolean;
  /** whether the request may have reached the server (so a non-idempotent one may have acted) */
  readonly maybeSent: boolean;
  readonly hint: string;
}

/** Socket and TLS error codes, as node reports them. */
const WIRE: Readonly<Record<string, WireFailure>> = {
  ECONNREFUSED: { kind: "network", retry: true, maybeSent: false, hint: "the connection was refused: is the server running and the port right?" },
  ECONNRESET: { kind: "network", retry: true, maybeSent: true, hint: "the connection was reset before an answer came" },
  EPIPE: { kind: "network", retry: true, maybeSent: true, hint: "the connection closed while the request was being sent" },
  ERR_SOCKET_CONNECTION_TIMEOUT: { kind: "timeout", retry: true, maybeSent: false, hint: "connecting took too long" },
  EHOSTUNREACH: { kind: "network", retry: true, maybeSent: false, hint: "the host is unreachable" },
  ENETUNREACH: { kind: "network", retry: true, maybeSent: false, hint: "the network is unreachable" },
  EAI_AGAIN: { kind: "network", retry: true, maybeSent: false, hint: "the host name could not be resolved right now" },
  ENOTFOUND: { kind: "network", retry: false, maybeSent: false, hint: "the host name does not resolve" },
  ETIMEDOUT: { kind: "timeout", retry: true, maybeSent: true, hint: "no answer within the timeout" },
  ECONNABORTED: { kind: "timeout", retry: true, maybeSent: true, hint: "no answer within the timeout" },
  ERR_BAD_RESPONSE: { kind: "protocol", retry: true, maybeSent: true, hint: "the answer could not be read" },
  HPE_INVALID_CONSTANT: { kind: "protocol", retry: false, maybeSent: true, hint: "the answer is not HTTP" },
};

const TLS: WireFailure = {
  kind: "network",
  retry: false,
  maybeSent: false,
  hint: "the server's TLS certificate is not trusted: set `ca_file` (the driver's `tls.caFile`) to the CA that signed it, or, for a test system only, `insecure: true`",
};
const CLIENT_CERTIFICATE: WireFailure = {
  ...TLS,
  hint: "the server wants a client certificate: set `client_cert` and `client_key` (the driver's `tls.clientCert`, `tls.clientKey`)",
};
const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|EPROTO|SSL/;
/** The alerts a server ends the handshake with when it wants a client certificate it did not get. */
const CLIENT_CERTIFICATE_CODE = /ALERT_CERTIFICATE_REQUIRED|ALERT_HANDSHAKE_FAILURE/;

const UNKNOWN_WIRE: WireFailure = { kind: "network", retry: true, maybeSent: true, hint: "the request failed on the network" };

export const wireFailure = (code: string): WireFailure => WIRE[code] ?? (CLIENT_CERTIFICATE_CODE.test(code) ? CLIENT_CERTIFICATE : TLS_CODE.test(code) ? TLS : UNKNOWN_WIRE);

/** Statuses by which a server says it did not process the request: too many requests, or a request it did not wait for. */
const UNPROCESSED: ReadonlySet<number> = new Set([408, 429]);

/** Whether an error is worth sending the same (idempotent) request again for. */
export function isRetryable(e: HttpError): boolean {
  if (e.status !== undefined) return e.status === 429 || e.status === 408 || (e.status >= 500 && e.status !== 501);
  if (e.code !== undefined) return wireFailure(e.code).retry;
  return false;
}

/**
 * Whether the server may have acted on a request that failed: the case where a
 * non-idempotent request must not be sent again before looking at what it did.
 */
export function isAmbiguous(e: HttpError): boolean {
  if (e.status !== undefined) return !UNPROCESSED.has(e.status) && isRetryable(e);
  if (e.code !== undefined) return isRetryable(e) && wireFailure(e.code).maybeSent;
  return false;
}


/** A mistake in what xdc was told (a URL that is not one, an unreadable CA file): nothing was sent. */
export const configurationError = (message: string): HttpError => ({ kind: "configuration", message, method: "", path: "" });
