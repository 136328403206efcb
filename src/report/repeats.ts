import type { ComparisonOp, ErrorClass, Figures, OverRepeats, RepeatStat, Verdict } from "../runtime/journal/events.js";
import { formatMeasure } from "../text/numbers.js";
import { combine } from "./verdict.js";

/**
 * The summary of a run that repeated its scenarios (`xdc exec --repeat N`, or a scenario's
 * `repeat:`), written as `summary.json` at the top of `--out`; each repeat's own journal and
 * reports are in `repeat-K/` beside it. docs/reports.md documents every field. As with the
 * run summary, a minor version bump only adds fields; a major one changes or removes one.
 */
export const REPEATS_FORMAT_VERSION = "1.1";

/** The figures a repeat run reports the distribution of, as the journal names them. */
export const REPEAT_FIGURES = ["rtoMs", "detectionMs", "rpoMs", "lostTuples", "duplicateTuples"] as const;
export type RepeatFigure = (typeof REPEAT_FIGURES)[number];

/** One figure over the repeats: each repeat's value (null: that repeat had none) and their spread. */
export interface FigureStats {
  readonly values: readonly (number | null)[];
  /** How many repeats had a value: the statistics are over those; all null when none had. */
  readonly count: number;
  readonly min: number | null;
  readonly median: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

/** One repeat of one scenario: what its journal's `scenario.end` says. */
export interface RepeatOutcome {
  /** 1-based. */
  readonly repeat: number;
  readonly verdict: Verdict;
  readonly errorClass?: ErrorClass;
  readonly reason?: string;
  readonly durationMs: number;
  readonly figures: Figures;
  /** The repeat's journal, relative to the summary's directory (`repeat-3/journal.jsonl`). */
  readonly journal: string;
}

export interface RepeatScenario {
  readonly name: string;
  readonly file: string;
  /** `file:line` of the `scenario` keyword. */
  readonly location: string;
  readonly tags: readonly string[];
  /** The verdict over the repeats: pass when the pass rate reaches `min_pass`. */
  readonly verdict: Verdict;
  /** Why the verdict is not pass, in a sentence. */
  readonly reason?: string;
  /** Repeats asked for, and repeats that ran to a verdict (fewer when the run was interrupted). */
  readonly repeats: number;
  readonly runs: number;
  readonly passed: number;
  /** passed / runs, from 0 to 1; null when nothing ran. */
  readonly pass_rate: number | null;
  /** The pass rate the verdict needs, from 0 to 1. */
  readonly min_pass: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly figures: Readonly<Record<RepeatFigure, FigureStats>>;
  /** The checks over repeats (`expect p95(fo.rto) <= 2s`), judged after the last repeat; their verdicts are part of `verdict`. */
  readonly checks: readonly RepeatCheck[];
  readonly outcomes: readonly RepeatOutcome[];
}

/** What one repeat's journal says of a check over repeats: its deferred `expect` event. */
export interface ObservedCheck {
  readonly source: string;
  /** `file:line:col` of the `expect`: what tells two checks of one scenario apart. */
  readonly location: string;
  readonly overRepeats: OverRepeats;
}

/** A check over repeats, judged: the statistic of the repeats' values against the limit. */
export interface RepeatCheck {
  readonly source: string;
  readonly location: string;
  readonly stat: RepeatStat;
  readonly op: ComparisonOp;
  /** The journal's unit of the values and the limit (`ms`, `/s`, `%`, `B`, or "" for a number). */
  readonly unit: string;
  /** The limit the last repeat that knew one had: a limit computed live (a baseline) can differ between repeats. */
  readonly limit: number | null;
  /** Each repeat's value, in repeat order (null: that repeat had none, or did not reach the check). */
  readonly values: readonly (number | null)[];
  /** How many repeats had a value: the statistic is over those. */
  readonly count: number;
  /** The statistic over the values; null when no repeat had one (then the verdict is no-data). */
  readonly value: number | null;
  readonly verdict: Verdict;
  /** As the terminal and the reports say it: `p95 <= 2 s`, `p95 1.5 s over 3 values`. */
  readonly expected: string;
  readonly actual: string;
}

export interface RepeatsSummary {
  readonly format_version: typeof REPEATS_FORMAT_VERSION;
  /** Tells this summary from a single run's (which has no `kind`). */
  readonly kind: "repeats";
  readonly xdc: string;
  /** The seed of repeat 1; repeat K runs with seed + K - 1. */
  readonly seed: number;
  readonly environment: string;
  readonly files: readonly string[];
  readonly started: string;
  readonly exitCode: number;
  readonly interrupted: boolean;
  readonly verdict: Verdict;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly scenarios: readonly RepeatScenario[];
}

/** The value at quantile q (0..1) by nearest rank: always one of the values, never an interpolation. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The median: the middle value, or the mean of the middle two. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function figureStats(values: readonly (number | undefined)[]): FigureStats {
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v)).sort((a, b) => a - b);
  return {
    values: values.map((v) => (v === undefined ? null : v)),
    count: present.length,
    min: present[0] ?? null,
    median: median(present),
    p95: quantile(present, 0.95),
    max: present.at(-1) ?? null,
  };
}

/** How each statistic is taken of the sorted values: the median as the figures' is, the percentiles by nearest rank. */
export const REPEAT_STAT: Readonly<Record<RepeatStat, (sorted: readonly number[]) => number | null>> = {
  median,
  p95: (sorted) => quantile(sorted, 0.95),
  p99: (sorted) => quantile(sorted, 0.99),
};

const COMPARE: Readonly<Record<ComparisonOp, (a: number, b: number) => boolean>> = {
  "==": (a, b) => a === b,
  "!=": (a, b) => a !== b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/**
 * Judges each check over repeats of one scenario: the repeats' values (by repeat number) go
 * through the statistic, then against the limit. A check no repeat had a value for is no-data,
 * never a pass; so is one whose limit was never known.
 */
export function repeatChecks(repeats: readonly number[], observed: ReadonlyMap<number, readonly ObservedCheck[]>): RepeatCheck[] {
  // A check in a definition called twice is two checks at one place: the first call's, the second's.
  const keyed = (checks: readonly ObservedCheck[]) => {
    const calls = new Map<string, number>();
    return new Map(
      checks.map((c) => {
        const call = (calls.get(c.location) ?? 0) + 1;
        calls.set(c.location, call);
        const key: string = `${c.location}#${call}`;
        return [key, c] as const;
      }),
    );
  };
  const byRepeat = new Map(repeats.map((r) => [r, keyed(observed.get(r) ?? [])]));
  const seen = new Map<string, ObservedCheck>();
  for (const checks of byRepeat.values()) for (const [key, c] of checks) if (!seen.has(key)) seen.set(key, c);
  return [...seen].map(([key, first]) => {
    const mine = repeats.map((r) => byRepeat.get(r)?.get(key)?.overRepeats);
    const values = mine.map((o) => o?.value ?? null);
    const present = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
    const limit = [...mine].reverse().find((o) => o?.limit !== undefined)?.limit ?? null;
    const { stat, op, unit } = first.overRepeats;
    const value = REPEAT_STAT[stat](present);
    const show = (n: number) => formatMeasure(n, unit);
    const verdict: Verdict = value === null || limit === null ? "no-data" : COMPARE[op](value, limit) ? "pass" : "fail";
    const over = `over ${present.length} value${present.length === 1 ? "" : "s"} of ${repeats.length} repeat${repeats.length === 1 ? "" : "s"}`;
    return {
      source: first.source,
      location: first.location,
      stat,
      op,
      unit,
      limit,
      values,
      count: present.length,
      value,
      verdict,
      expected: `${stat} ${op} ${limit === null ? "an unknown limit" : show(limit)}`,
      actual: value === null ? `no data: no repeat had a value` : `${stat} ${show(value)} ${over}`,
    };
  });
}

const emptyVerdicts = (): Record<Verdict, number> => ({ pass: 0, fail: 0, error: 0, "no-data": 0 });

/** Among repeats that did not pass, the one that speaks for the scenario: a broken harness over a failure over no data. */
const WORST: readonly Verdict[] = ["error", "fail", "no-data"];

/**
 * A scenario's verdict over its repeats: pass when at least `minPass` of the repeats that ran
 * passed; otherwise the worst verdict among the others. An interrupted repeat is an error (the
 * run was cut short), and a scenario none of whose repeats ran is no-data: nothing was judged.
 */
export function repeatScenario(
  s: { readonly name: string; readonly file: string; readonly location: string; readonly tags: readonly string[]; readonly repeats: number; readonly minPass: number },
  outcomes: readonly RepeatOutcome[],
  observed: ReadonlyMap<number, readonly ObservedCheck[]> = new Map(),
): RepeatScenario {
  const verdicts = emptyVerdicts();
  for (const o of outcomes) verdicts[o.verdict]++;
  const runs = outcomes.length;
  const passed = verdicts.pass;
  const rate = runs === 0 ? null : passed / runs;
  const figures = Object.fromEntries(REPEAT_FIGURES.map((f) => [f, figureStats(outcomes.map((o) => o.figures[f]))])) as Record<RepeatFigure, FigureStats>;
  const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
  let verdict: Verdict;
  let reason: string | undefined;
  if (rate === null) {
    verdict = "no-data";
    reason = "no repeat ran";
  } else if (rate >= s.minPass - 1e-9) {
    verdict = "pass";
  } else {
    verdict = WORST.find((v) => verdicts[v] > 0) ?? "fail";
    reason = `${passed} of ${runs} repeats passed (${percent(rate)}), ${percent(s.minPass)} needed`;
  }
  // A check over repeats that does not hold speaks for the scenario as a failed expectation would.
  const checks = repeatChecks(outcomes.map((o) => o.repeat), observed);
  const worst = WORST.find((v) => checks.some((c) => c.verdict === v));
  if (worst !== undefined && combine(verdict, worst) !== verdict) {
    verdict = combine(verdict, worst);
    const c = checks.find((x) => x.verdict === worst)!;
    reason = `${c.source} at ${c.location}: expected ${c.expected}, ${c.actual}`;
  }
  if (runs < s.repeats && verdict === "pass") {
    // Fewer repeats than asked for (an interrupted run) prove less than the scenario asked.
    verdict = "error";
    reason = `only ${runs} of ${s.repeats} repeats ran`;
  }
  return {
    name: s.name,
    file: s.file,
    location: s.location,
    tags: s.tags,
    verdict,
    ...(reason !== undefined ? { reason } : {}),
    repeats: s.repeats,
    runs,
    passed,
    pass_rate: rate,
    min_pass: s.minPass,
    verdicts,
    figures,
    checks,
    outcomes,
  };
}

export function verdictCounts(scenarios: readonly { readonly verdict: Verdict }[]): Record<Verdict, number> {
  const v = emptyVerdicts();
  for (const s of scenarios) v[s.verdict]++;
  return v;
}
