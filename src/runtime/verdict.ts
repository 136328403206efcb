import type { ErrorClass, Verdict } from "./journal/events.js";

/** How a scenario ended. */
export interface Outcome {
  readonly verdict: Verdict;
  readonly errorClass?: ErrorClass;
  readonly reason?: string;
}

// A broken harness proves nothing either way, so it outranks a failure; a failure outranks no data.
const RANK: Record<Verdict, number> = { pass: 0, "no-data": 1, fail: 2, error: 3 };
export const combine = (a: Verdict, b: Verdict): Verdict => (RANK[a] >= RANK[b] ? a : b);
export const combineAll = (vs: readonly Verdict[]): Verdict => vs.reduce(combine, "pass");
