/**
 * How fast a workload sends: the shapes of rate, each turned into a schedule that says when the
 * tuple at each index is due (ms from the workload's start), so a sender can pace itself and a
 * plan can say how many tuples a workload sends and show its rate over time. Rates are tuples
 * per second.
 */
export type RateSpec =
  | { readonly kind: "constant"; readonly perSecond: number; readonly forMs: number }
  /** From one rate to another, linearly over `overMs` (the whole duration when absent), then `toPerSecond` to the end. */
  | { readonly kind: "ramp"; readonly fromPerSecond: number; readonly toPerSecond: number; readonly forMs: number; readonly overMs?: number }
  /** Each rate for `everyMs` in turn, the last one to the end. */
  | { readonly kind: "steps"; readonly perSecond: readonly number[]; readonly everyMs: number; readonly forMs: number }
  /** `burstPerSecond` for the first `burstMs` of every `everyMs`, `perSecond` for the rest. */
  | { readonly kind: "bursty"; readonly perSecond: number; readonly burstPerSecond: number; readonly burstMs: number; readonly everyMs: number; readonly forMs: number }
  /** The times of recorded tuples, ms from the first; `speed` 2 replays twice as fast. */
  | { readonly kind: "recorded"; readonly atMs: readonly number[]; readonly speed?: number };

export interface Schedule {
  /** How many tuples the workload sends. */
  readonly count: number;
  /** When the tuple at `index` (0 ≤ index < count) is due, ms from the start; non-decreasing. */
  dueAtMs(index: number): number;
}

/** The rate at a moment, ms from the workload's start: the plan's rate over time. Between two points it changes linearly; two points at one moment are a step. */
export interface RatePoint {
  readonly atMs: number;
  readonly perSecond: number;
}

type Of<K extends RateSpec["kind"]> = Extract<RateSpec, { kind: K }>;

/** Bursts listed one by one in a profile, at most; a longer run's profile ends with the last listed. */
const BURSTS_LISTED = 50;

/**
 * The rate over time as points with linear change between them. Exact for every shape but a
 * recorded one (whose rate is its timestamps': no points) and a bursty one with more than
 * BURSTS_LISTED periods (the first ones are listed).
 */
const PROFILES: { readonly [K in RateSpec["kind"]]: (r: Of<K>) => RatePoint[] } = {
  constant: (r) => [{ atMs: 0, perSecond: r.perSecond }, { atMs: r.forMs, perSecond: r.perSecond }],
  ramp: (r) => {
    const over = Math.min(r.overMs ?? r.forMs, r.forMs);
    const held = over < r.forMs ? [{ atMs: r.forMs, perSecond: r.toPerSecond }] : [];
    return [{ atMs: 0, perSecond: r.fromPerSecond }, { atMs: over, perSecond: r.toPerSecond }, ...held];
  },
  steps: (r) => {
    const out: RatePoint[] = [];
    for (let k = 0; k < r.perSecond.length && k * r.everyMs < r.forMs; k++) {
      const last = k === r.perSecond.length - 1;
      const end = last ? r.forMs : Math.min(r.forMs, (k + 1) * r.everyMs);
      out.push({ atMs: k * r.everyMs, perSecond: r.perSecond[k]! }, { atMs: end, perSecond: r.perSecond[k]! });
    }
    return out;
  },
  bursty: (r) => {
    const out: RatePoint[] = [];
    for (let start = 0, k = 0; start < r.forMs && k < BURSTS_LISTED; start += r.everyMs, k++) {
      const burstEnd = Math.min(r.forMs, start + r.burstMs);
      const end = Math.min(r.forMs, start + r.everyMs);
      if (burstEnd > start) out.push({ atMs: start, perSecond: r.burstPerSecond }, { atMs: burstEnd, perSecond: r.burstPerSecond });
      if (end > burstEnd) out.push({ atMs: burstEnd, perSecond: r.perSecond }, { atMs: end, perSecond: r.perSecond });
    }
    return out;
  },
  recorded: () => [],
};

export const rateProfile = (r: RateSpec): RatePoint[] => (PROFILES[r.kind] as (r: RateSpec) => RatePoint[])(r);

/**
 * A schedule that follows rate points (linear between them): tuples sent by t into a segment
 * that starts at rate b and changes by 2a per ms are n(t) = (a·t² + b·t) / 1000, solved for t in
 * the form that stays exact when a is 0 (a constant stretch).
 */
function piecewise(points: readonly RatePoint[]): Schedule {
  const segments: { startMs: number; a: number; b: number; before: number }[] = [];
  let total = 0;
  for (let k = 1; k < points.length; k++) {
    const p = points[k - 1]!;
    const q = points[k]!;
    const length = q.atMs - p.atMs;
    const n = ((p.perSecond + q.perSecond) / 2) * (length / 1000);
    if (!(length > 0 && n > 0)) continue;
    segments.push({ startMs: p.atMs, a: (q.perSecond - p.perSecond) / (2 * length), b: p.perSecond, before: total });
    total += n;
  }
  return {
    count: Math.floor(total + 1e-9),
    dueAtMs: (i) => {
      // The last segment that starts at or before tuple i.
      let lo = 0;
      let hi = segments.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (segments[mid]!.before <= i + 1e-9) lo = mid;
        else hi = mid - 1;
      }
      const s = segments[lo]!;
      const j = Math.max(0, i - s.before);
      return s.startMs + (j === 0 ? 0 : (2 * 1000 * j) / (s.b + Math.sqrt(s.b * s.b + 4 * s.a * 1000 * j)));
    },
  };
}

const SCHEDULES: { readonly [K in RateSpec["kind"]]: (r: Of<K>) => Schedule } = {
  constant: (r) => ({
    count: Math.floor((r.perSecond * r.forMs) / 1000),
    dueAtMs: (i) => (i * 1000) / r.perSecond,
  }),
  ramp: (r) => piecewise(PROFILES.ramp(r)),
  steps: (r) => piecewise(PROFILES.steps(r)),
  bursty: (r) => {
    const inBurst = (r.burstPerSecond * r.burstMs) / 1000;
    const perPeriod = inBurst + (r.perSecond * (r.everyMs - r.burstMs)) / 1000;
    const periods = Math.floor(r.forMs / r.everyMs);
    const restMs = r.forMs - periods * r.everyMs;
    const tail = Math.min(restMs, r.burstMs) * r.burstPerSecond + Math.max(0, restMs - r.burstMs) * r.perSecond;
    return {
      count: Math.floor(periods * perPeriod + tail / 1000 + 1e-9),
      dueAtMs: (i) => {
        const k = Math.floor(i / perPeriod);
        const rest = i - k * perPeriod;
        const within = rest < inBurst ? (rest * 1000) / r.burstPerSecond : r.burstMs + ((rest - inBurst) * 1000) / r.perSecond;
        return k * r.everyMs + within;
      },
    };
  },
  recorded: (r) => ({
    count: r.atMs.length,
    dueAtMs: (i) => (r.atMs[i]! - r.atMs[0]!) / (r.speed ?? 1),
  }),
};

export const schedule = (r: RateSpec): Schedule => (SCHEDULES[r.kind] as (r: RateSpec) => Schedule)(r);

/** Why a rate cannot be sent as written, or undefined when it can. */
export function rateProblem(r: RateSpec): string | undefined {
  const positive = (name: string, x: number) => (Number.isFinite(x) && x > 0 ? undefined : `\`${name}\` must be a positive number, found ${x}`);
  switch (r.kind) {
    case "constant":
      return positive("perSecond", r.perSecond) ?? positive("forMs", r.forMs);
    case "ramp":
      return positive("forMs", r.forMs) ?? (r.overMs !== undefined ? positive("overMs", r.overMs) : undefined)
        ?? (r.fromPerSecond < 0 || r.toPerSecond < 0 || r.fromPerSecond + r.toPerSecond <= 0 ? "a ramp needs rates of at least 0 and not both 0" : undefined);
    case "steps":
      return positive("forMs", r.forMs) ?? positive("everyMs", r.everyMs)
        ?? (r.perSecond.length === 0 ? "steps need at least one rate" : r.perSecond.some((x) => !(Number.isFinite(x) && x >= 0)) || r.perSecond.every((x) => x === 0) ? "steps need rates of at least 0, not all 0" : undefined);
    case "bursty":
      return (r.perSecond === 0 ? positive("burstMs", r.burstMs) : positive("perSecond", r.perSecond)) ?? positive("burstPerSecond", r.burstPerSecond) ?? positive("everyMs", r.everyMs) ?? positive("forMs", r.forMs)
        ?? (r.burstMs < 0 || r.burstMs > r.everyMs ? "`burstMs` must lie between 0 and `everyMs`" : undefined);
    case "recorded":
      return r.speed !== undefined ? positive("speed", r.speed) : undefined;
  }
}

/**
 * A rate as a scenario writes it, before it has a duration: a number (constant) or a shape.
 * `replayed` takes its times from a recorded file, so only the file's reader can schedule it.
 */
export type RateShape =
  | { readonly kind: "ramp"; readonly fromPerSecond: number; readonly toPerSecond: number; readonly overMs: number }
  | { readonly kind: "steps"; readonly perSecond: readonly number[]; readonly everyMs: number }
  | { readonly kind: "bursts"; readonly peakPerSecond: number; readonly onMs: number; readonly everyMs: number; readonly basePerSecond: number }
  | { readonly kind: "replayed"; readonly by: string; readonly speed: number };

/** The schedule of a rate over `forMs`; undefined for a replayed one (its times come with its records). */
export function rateSpec(rate: number | RateShape, forMs: number): RateSpec | undefined {
  if (typeof rate === "number") return { kind: "constant", perSecond: rate, forMs };
  switch (rate.kind) {
    case "ramp":
      return { kind: "ramp", fromPerSecond: rate.fromPerSecond, toPerSecond: rate.toPerSecond, overMs: rate.overMs, forMs };
    case "steps":
      return { kind: "steps", perSecond: rate.perSecond, everyMs: rate.everyMs, forMs };
    case "bursts":
      return { kind: "bursty", perSecond: rate.basePerSecond, burstPerSecond: rate.peakPerSecond, burstMs: Math.min(rate.onMs, rate.everyMs), everyMs: rate.everyMs, forMs };
    case "replayed":
      return undefined;
  }
}
