import { wallTime, type Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { Random } from "../../runtime/random.js";
import { err, type Result } from "../result.js";
import { isRetryable, type HttpError } from "./errors.js";

export interface RetryPolicy {
  /** How many times a request is sent at most (1 = no retry). */
  readonly attempts: number;
  /** The first backoff's ceiling; each retry doubles it. */
  readonly baseDelayMs: number;
  /** No backoff ceiling grows past this. */
  readonly maxDelayMs: number;
  /** A Retry-After longer than this ends the retries instead of waiting. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };

/**
 * "Full jitter" (AWS architecture blog, 2015): a uniformly random wait below an exponentially
 * growing ceiling. Clients that failed together do not come back together.
 */
export const backoffMs = (retry: number, policy: RetryPolicy, random: Random): number =>
  Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry));

/** `Retry-After` as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | undefined, clock: Clock): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - wallTime(clock));
}

/** The wait before retry number `retry` (0-based): the server's Retry-After when it gave one, else the backoff. */
export function retryDelayMs(error: HttpError, retry: number, policy: RetryPolicy, random: Random): number {
  return error.retryAfterMs ?? backoffMs(retry, policy, random);
}

export interface RetryContext {
  readonly clock: Clock;
  readonly random: Random;
  readonly policy: RetryPolicy;
  readonly logger: Logger;
  readonly signal?: AbortSignal;
  /** Which failures to try again after; default: isRetryable. */
  readonly retryOn?: (e: HttpError) => boolean;
}

/**
 * Runs `attempt` until it succeeds, fails in a way not worth retrying, or the policy's
 * attempts run out; waits between attempts on the clock. The error returned is the last one,
 * with `attempts` set.
 */
export async function withRetries<T>(attempt: (n: number) => Promise<Result<T, HttpError>>, ctx: RetryContext): Promise<Result<T, HttpError>> {
  const retryOn = ctx.retryOn ?? isRetryable;
  for (let n = 0; ; n++) {
    const result = await attempt(n);
    if (result.ok) return result;
    const e = result.error;
    if (n + 1 >= ctx.policy.attempts || !retryOn(e)) return err({ ...e, attempts: n + 1 });
    const stopped = await pauseBeforeRetry(e, n, ctx, e.message);
    if (stopped) return err(stopped);
  }
}

/**
 * Waits before retry `n + 1` after error `e`: the server's Retry-After, else the backoff.
 * Answers the error to give up with instead (the wait was cancelled, or the server asked for
 * longer than the policy allows), or undefined once the wait is over.
 */
export async function pauseBeforeRetry(e: HttpError, n: number, ctx: RetryContext, why: string): Promise<HttpError | undefined> {
  if (e.retryAfterMs !== undefined && e.retryAfterMs > ctx.policy.maxRetryAfterMs) {
    const asked = Math.round(e.retryAfterMs / 1000);
    return { ...e, attempts: n + 1, message: `${e.message}; the server asked to wait ${asked} s, longer than the ${Math.round(ctx.policy.maxRetryAfterMs / 1000)} s allowed` };
  }
  const delay = retryDelayMs(e, n, ctx.policy, ctx.random);
  ctx.logger.log("info", `${why}; retry ${n + 1} of ${ctx.policy.attempts - 1} in ${delay} ms`, { method: e.method, path: e.path, retry: n + 1, delayMs: delay });
  try {
    await ctx.clock.sleep(delay, ctx.signal);
    return undefined;
  } catch {
    return { kind: "cancelled", message: `${e.method} ${e.path} was cancelled while waiting to retry`, method: e.method, path: e.path, attempts: n + 1 };
  }
}
