import { rateProfile, rateSpec, schedule, type RatePoint, type RateShape } from "../../data/rates.js";
import type { RuntimeValue } from "../value.js";
import type { EffectCall } from "./effects.js";
import { duration } from "./source.js";
import { render } from "./render.js";

const quantity = (c: EffectCall, name: string): number => {
  const v = c.args.get(name);
  return v?.kind === "quantity" ? v.value : Number.NaN;
};
const shape = (s: RateShape): RuntimeValue => ({ kind: "rate-shape", shape: s });

/** The shape builtins (src/builtins/rates.ts): values, nothing to run. */
export const SHAPE_EFFECTS: Readonly<Record<string, (c: EffectCall) => Promise<RuntimeValue>>> = {
  ramp: async (c) => shape({ kind: "ramp", fromPerSecond: quantity(c, "from"), toPerSecond: quantity(c, "to"), overMs: quantity(c, "over") }),
  steps: async (c) => {
    const rates = c.args.get("rates");
    const perSecond = rates?.kind === "list" ? rates.items.map((i) => (i.kind === "quantity" ? i.value : Number.NaN)) : [];
    return shape({ kind: "steps", perSecond, everyMs: quantity(c, "every") });
  },
  bursts: async (c) => shape({ kind: "bursts", peakPerSecond: quantity(c, "peak"), onMs: quantity(c, "on"), everyMs: quantity(c, "every"), basePerSecond: quantity(c, "base") }),
  replayed: async (c) => {
    const by = c.args.get("by");
    return shape({ kind: "replayed", by: by?.kind === "string" ? by.value : "", speed: quantity(c, "speed") });
  },
};

/** What `inject(…, rate:)` was given: a constant rate (per second) or a shape. */
export const rateArgument = (v: RuntimeValue | undefined): number | RateShape =>
  v?.kind === "rate-shape" ? v.shape : v?.kind === "quantity" ? v.value : Number.NaN;

/** The rate a workload plans over its duration: the mean, how many tuples, and the points of its rate over time. */
export interface PlannedRate {
  readonly meanPerSecond: number;
  readonly tuples?: number;
  readonly points: readonly RatePoint[];
}

export function plannedRate(rate: number | RateShape, forMs: number): PlannedRate {
  const spec = rateSpec(rate, forMs);
  if (spec === undefined) return { meanPerSecond: 0, points: [] };
  const tuples = schedule(spec).count;
  return { meanPerSecond: forMs > 0 ? tuples / (forMs / 1000) : 0, tuples, points: rateProfile(spec) };
}

/**
 * The rate over time in one line, for the plan and the journal: each change as `100/s → 1000/s
 * (+0s → +20s)`, a constant stretch as `1000/s (+20s → +1m)`; points after the limit are counted.
 */
export function describeRate(rate: number | RateShape, p: PlannedRate, limit = 12): string {
  if (typeof rate !== "number" && rate.kind === "replayed") return `at the recorded times of \`${rate.by}\`, ${rate.speed}× as fast`;
  const r = (x: number) => render({ kind: "quantity", unit: "Rate", value: x });
  const stretches: string[] = [];
  for (let k = 1; k < p.points.length; k++) {
    const a = p.points[k - 1]!;
    const b = p.points[k]!;
    if (b.atMs <= a.atMs) continue;
    stretches.push(`${a.perSecond === b.perSecond ? r(a.perSecond) : `${r(a.perSecond)} → ${r(b.perSecond)}`} (+${duration(a.atMs)} → +${duration(b.atMs)})`);
  }
  const shown = stretches.slice(0, limit).join(", ");
  const more = stretches.length > limit ? `, … ${stretches.length - limit} more` : "";
  return `rate ${shown}${more}; ${p.tuples ?? "?"} tuples`;
}
