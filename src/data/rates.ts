/**
 * How fast a workload sends: the shapes of rate, each turned into a schedule that says when the
 * tuple at each index is due (ms from the workload's start), so a sender can pace itself and a
 * plan can say how many tuples a workload sends. Rates are tuples per second.
 */
export type RateSpec =
  | { readonly kind: "constant"; readonly perSecond: number; readonly forMs: number }
  /** From one rate to another, linearly, over the whole duration. */
  | { readonly kind: "ramp"; readonly fromPerSecond: number; readonly toPerSecond: number; readonly forMs: number }
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

type Of<K extends RateSpec["kind"]> = Extract<RateSpec, { kind: K }>;

const SCHEDULES: { readonly [K in RateSpec["kind"]]: (r: Of<K>) => Schedule } = {
  constant: (r) => ({
    count: Math.floor((r.perSecond * r.forMs) / 1000),
    dueAtMs: (i) => (i * 1000) / r.perSecond,
  }),
  ramp: (r) => {
    // Tuples sent by t (ms): n(t) = (a·t² + b·t) / 1000 with b the start rate and a its slope / 2;
    // solved for t in the form that stays exact when a is 0 (a constant "ramp").
    const a = (r.toPerSecond - r.fromPerSecond) / (2 * r.forMs);
    const b = r.fromPerSecond;
    return {
      count: Math.floor(((r.fromPerSecond + r.toPerSecond) / 2) * (r.forMs / 1000)),
      dueAtMs: (i) => (i === 0 ? 0 : (2 * 1000 * i) / (b + Math.sqrt(b * b + 4 * a * 1000 * i))),
    };
  },
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
      return positive("forMs", r.forMs) ?? (r.fromPerSecond < 0 || r.toPerSecond < 0 || r.fromPerSecond + r.toPerSecond <= 0 ? "a ramp needs rates of at least 0 and not both 0" : undefined);
    case "bursty":
      return positive("perSecond", r.perSecond) ?? positive("burstPerSecond", r.burstPerSecond) ?? positive("everyMs", r.everyMs) ?? positive("forMs", r.forMs)
        ?? (r.burstMs < 0 || r.burstMs > r.everyMs ? "`burstMs` must lie between 0 and `everyMs`" : undefined);
    case "recorded":
      return r.speed !== undefined ? positive("speed", r.speed) : undefined;
  }
}
