import type { Verdict } from "../runtime/journal/events.js";

// A broken harness proves nothing either way, so it outranks a failure.
const RANK: Record<Verdict, number> = { pass: 0, "no-data": 1, fail: 2, error: 3 };
export const VERDICTS: readonly Verdict[] = ["pass", "fail", "error", "no-data"];

export const combine = (a: Verdict, b: Verdict): Verdict => (RANK[a] >= RANK[b] ? a : b);

/** The verdict of a whole run: its worst scenario; a run with no scenario proved nothing. */
export const worst = (verdicts: readonly Verdict[]): Verdict => (verdicts.length === 0 ? "no-data" : verdicts.reduce(combine));

export const countVerdicts = (verdicts: readonly Verdict[]): Record<Verdict, number> => {
  const counts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, "no-data": 0 };
  for (const v of verdicts) counts[v]++;
  return counts;
};
