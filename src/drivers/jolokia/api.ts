import type { HttpError } from "../http/errors.js";
import type { Result } from "../result.js";

/** One Jolokia `read`: an MBean's attribute, optionally a path into its value (`used`, `Operators/Ingest/nTuplesSubmitted`). */
export interface JolokiaRead {
  /** The ObjectName, `java.lang:type=Memory`. */
  readonly mbean: string;
  readonly attribute: string;
  /** Keys into a composite or map value, `/`-separated; Jolokia escapes a literal `/` as `!/` and `!` as `!!`. */
  readonly path?: string;
}

/** What the agent answered to one read. */
export interface JolokiaValue {
  /** The value as Jolokia serialised it: a number, string, boolean, null, an object (composite, map) or an array. */
  readonly value: unknown;
  /** When the agent read it, epoch ms (Jolokia answers seconds). */
  readonly timestampMs: number;
}

/**
 * A failure of a Jolokia call. Besides the HTTP layer's failures (an unreachable agent, a 401,
 * a body that is not Jolokia's), each request of a bulk answer carries its own `status`: a 404
 * (no such MBean or attribute) is `not-found`, a 400 `bad-request`, and so on; `messageId`
 * holds Jolokia's `error_type` (`javax.management.InstanceNotFoundException`) and the message
 * Jolokia's `error` text.
 */
export type JolokiaError = HttpError;

export interface JolokiaCallOptions {
  readonly signal?: AbortSignal;
}

export interface JolokiaApi {
  /** Reads one attribute (or a path into it). */
  read(r: JolokiaRead, o?: JolokiaCallOptions): Promise<Result<JolokiaValue, JolokiaError>>;
  /**
   * Reads several in one bulk request. The outer result fails only when the exchange itself
   * did (nothing came back that says anything of a single read); each read has its own result.
   */
  readAll(rs: readonly JolokiaRead[], o?: JolokiaCallOptions): Promise<Result<readonly Result<JolokiaValue, JolokiaError>[], JolokiaError>>;
  /** Drops kept-alive connections. */
  close(): void;
}
