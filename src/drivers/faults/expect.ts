import type { ExecResult } from "../ssh/types.js";
import type { Expectation } from "./types.js";

/** Whether a probe's result meets the expectation: undefined when it does, else why not. */
export function unmet(e: Expectation, r: ExecResult): string | undefined {
  if (r.exitCode === null || !e.exit.includes(r.exitCode)) {
    const status = r.exitCode === null ? `died of ${r.signal ?? "an unknown signal"}` : `exited ${r.exitCode}`;
    return `the probe ${status}${r.stderr.trim() ? `: ${r.stderr.trim().split("\n")[0]}` : ""}`;
  }
  const re = new RegExp(e.pattern);
  const n = r.stdout.split("\n").filter((line) => line !== "" && re.test(line)).length;
  if (n >= e.min && n <= e.max) return undefined;
  const wanted = e.min === e.max ? `${e.min}` : e.max === Number.MAX_SAFE_INTEGER ? `at least ${e.min}` : `${e.min} to ${e.max}`;
  return `found ${n} where ${wanted} should be`;
}

/** Lines matching `pattern`, exactly `n` of them. */
export const exactly = (n: number, pattern: string, exit: readonly number[] = [0]): Expectation => ({ exit, pattern, min: n, max: n });
/** Lines matching `pattern`, at least `n`. */
export const atLeast = (n: number, pattern: string, exit: readonly number[] = [0]): Expectation => ({ exit, pattern, min: n, max: Number.MAX_SAFE_INTEGER });
