import type { Figures, Verdict } from "../runtime/journal/events.js";
import type { ScenarioReport } from "./model.js";
import { countVerdicts } from "./verdict.js";

/**
 * A scenario that ran more than once in one report (repeats, or the same scenario in several
 * merged shards) as a distribution: its pass rate, and for each headline figure the values of
 * every run with min / median / p95 / max. Percentiles are nearest-rank (the value of a run
 * that happened, never an interpolation between two).
 */
export const DISTRIBUTION_FIGURES: readonly (readonly [keyof Figures, string, "ms" | "tuples"])[] = [
  ["rtoMs", "RTO", "ms"],
  ["detectionMs", "detection", "ms"],
  ["rpoMs", "RPO", "ms"],
  ["lostTuples", "lost", "tuples"],
  ["duplicateTuples", "duplicates", "tuples"],
];

export interface FigureDistribution {
  readonly figure: keyof Figures;
  readonly label: string;
  readonly unit: "ms" | "tuples";
  /** One per run that measured it, in run order, with the index of that run's scenario in the report. */
  readonly values: readonly { readonly value: number; readonly scenario: number }[];
  readonly min: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
}

export interface Distribution {
  readonly file: string;
  readonly name: string;
  /** The indexes of the runs' scenarios in the report, in run order. */
  readonly scenarios: readonly number[];
  readonly verdicts: Readonly<Record<Verdict, number>>;
  /** Passed runs over all runs, 0…1. */
  readonly passRate: number;
  readonly figures: readonly FigureDistribution[];
}

/** The value at rank ⌈q·n⌉ of the sorted values (nearest rank). */
export function nearestRank(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Every scenario (same file, same name) that ran more than once, in order of its first run. */
export function distributions(scenarios: readonly ScenarioReport[]): Distribution[] {
  const groups = new Map<string, number[]>();
  scenarios.forEach((s, i) => {
    const key = JSON.stringify([s.file, s.name]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  return [...groups.values()]
    .filter((members) => members.length > 1)
    .map((members) => {
      const runs = members.map((i) => scenarios[i]!);
      const verdicts = countVerdicts(runs.map((s) => s.verdict));
      return {
        file: runs[0]!.file,
        name: runs[0]!.name,
        scenarios: members,
        verdicts,
        passRate: verdicts.pass / runs.length,
        figures: DISTRIBUTION_FIGURES.flatMap(([figure, label, unit]) => {
          const values = members.flatMap((i) => {
            const v = scenarios[i]!.figures[figure];
            return v === undefined ? [] : [{ value: v, scenario: i }];
          });
          if (values.length === 0) return [];
          const sorted = values.map((v) => v.value).sort((a, b) => a - b);
          return [{ figure, label, unit, values, min: sorted[0]!, median: nearestRank(sorted, 0.5), p95: nearestRank(sorted, 0.95), max: sorted.at(-1)! }];
        }),
      };
    });
}
