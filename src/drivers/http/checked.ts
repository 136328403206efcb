import { err, ok, type Result } from "../result.js";
import { isAmbiguous, isRetryable, type HttpError } from "./errors.js";
import { pauseBeforeRetry, type RetryContext } from "./retry.js";

export interface CheckedRequest<T> {
  /** What is being done, for logs: "submitting job orders-dc1". */
  readonly what: string;
  /** Sends the request once. */
  readonly send: () => Promise<Result<T, HttpError>>;
  /** Looks for what an earlier send may have done: its result, or undefined when nothing happened. */
  readonly check: () => Promise<Result<T | undefined, HttpError>>;
}

/**
 * Sends a request that must not be repeated blindly (a job submission: twice is two jobs).
 *
 * - A failure that proves nothing was done (connection refused, 429) is retried after a backoff.
 * - After a failure that leaves it open whether the server acted (a reset, a timeout, a 5xx),
 *   `check` looks for the effect first: found, it is the result; not found, the request is
 *   sent again; and when the check itself fails, nothing is sent again.
 * - A conflict after such a failure means an earlier send did act (the job name is taken by
 *   our own job): `check` then finds it.
 */
export async function sendChecked<T>(r: CheckedRequest<T>, ctx: RetryContext): Promise<Result<T, HttpError>> {
  let unsure = false;
  for (let n = 0; ; n++) {
    const sent = await r.send();
    if (sent.ok) return sent;
    const e = sent.error;
    const ambiguous = isAmbiguous(e);
    if (ambiguous || (unsure && e.kind === "conflict")) {
      unsure = true;
      const found = await r.check();
      if (!found.ok) {
        return err({ ...e, attempts: n + 1, message: `${e.message}; whether ${r.what} took effect is unknown, since looking for it failed too (${found.error.message}), so it was not sent again` });
      }
      if (found.value !== undefined) {
        ctx.logger.log("info", `${r.what}: the request failed (${e.message}) but had taken effect; not sending it again`, { method: e.method, path: e.path });
        return ok(found.value);
      }
      if (!ambiguous) return err({ ...e, attempts: n + 1 });
    } else if (!isRetryable(e)) {
      return err({ ...e, attempts: n + 1 });
    }
    if (n + 1 >= ctx.policy.attempts) return err({ ...e, attempts: n + 1 });
    const stopped = await pauseBeforeRetry(e, n, ctx, `${r.what}: ${e.message}; it did not take effect, so it is sent again`);
    if (stopped) return err(stopped);
  }
}
