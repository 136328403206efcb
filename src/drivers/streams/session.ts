import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { Random } from "../../runtime/random.js";
import { pathOf, type HttpClient, type HttpRequest, type HttpResponse } from "../http/client.js";
import type { HttpError } from "../http/errors.js";
import { withRetries, type RetryPolicy } from "../http/retry.js";
import { err, ok, type Result } from "../result.js";
import type { Authorizer } from "./auth.js";
import type { Parser } from "./parse.js";

export interface SessionOptions {
  readonly http: HttpClient;
  readonly auth: Authorizer;
  readonly clock: Clock;
  readonly random: Random;
  readonly policy: RetryPolicy;
  readonly logger: Logger;
}

/**
 * Authenticated requests to one Streams REST API: `once` sends a request a single time (for
 * requests that must not be repeated blindly), `call` retries it by the policy (for idempotent
 * ones). A 401 on a bearer token is not a failure of the request: the token is dropped and the
 * request sent once more with a new one.
 */
export class Session {
  constructor(private readonly o: SessionOptions) {}

  get clock(): Clock {
    return this.o.clock;
  }
  get random(): Random {
    return this.o.random;
  }
  get policy(): RetryPolicy {
    return this.o.policy;
  }
  get logger(): Logger {
    return this.o.logger;
  }

  async once(req: HttpRequest): Promise<Result<HttpResponse, HttpError>> {
    for (let fresh = 0; ; fresh++) {
      const header = await this.o.auth.header((r) => this.retried(r));
      if (!header.ok) return header;
      const res = await this.o.http.send({ ...req, headers: { ...req.headers, Authorization: header.value } });
      if (!res.ok && res.error.kind === "authentication" && fresh === 0 && this.o.auth.rejected(header.value)) continue;
      return res;
    }
  }

  /** An idempotent request, retried on 5xx, 429, resets and timeouts. */
  call(req: HttpRequest): Promise<Result<HttpResponse, HttpError>> {
    return withRetries(() => this.once(req), this.retryContext(req.signal));
  }

  /** GET a JSON element and parse it. */
  async element<T>(url: string, parse: Parser<T>, signal?: AbortSignal): Promise<Result<T, HttpError>> {
    const res = await this.call({ method: "GET", url, ...(signal ? { signal } : {}) });
    return res.ok ? this.parsed(res.value, parse, "GET", url) : res;
  }

  /** The element an action answered with, or, when its answer holds none (a 204), the element read afresh. */
  answered<T>(res: HttpResponse, url: string, parse: Parser<T>, signal?: AbortSignal): Promise<Result<T, HttpError>> {
    const value = res.json === undefined ? undefined : parse(res.json);
    return value?.ok ? Promise.resolve(ok(value.value)) : this.element(url, parse, signal);
  }

  /** Reads a model from a response body, or a `protocol` error that names what was wrong. */
  parsed<T>(res: HttpResponse, parse: Parser<T>, method: string, url: string): Result<T, HttpError> {
    if (res.json === undefined) return err(protocolError(method, url, `expected JSON, found ${res.headers["content-type"] ?? "no content type"}`));
    const value = parse(res.json);
    return value.ok ? ok(value.value) : err(protocolError(method, url, value.error));
  }

  retryContext(signal: AbortSignal | undefined) {
    return { clock: this.o.clock, random: this.o.random, policy: this.o.policy, logger: this.o.logger, ...(signal ? { signal } : {}) };
  }

  /** Sends with the given headers only (no auth added), retried: the token request. */
  private retried(req: HttpRequest): Promise<Result<HttpResponse, HttpError>> {
    return withRetries(() => this.o.http.send(req), this.retryContext(req.signal));
  }
}

export function protocolError(method: string, url: string, problem: string): HttpError {
  const path = pathOf(url);
  return { kind: "protocol", message: `${method} ${path}: the answer is not what the Streams REST API gives: ${problem}`, method, path };
}
