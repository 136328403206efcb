import { quantile, type LatencySketch } from "../../data/index.js";
import type { JournalEventBody } from "../journal/events.js";

export type Sample = Extract<JournalEventBody, { kind: "sample" }>;

/** Latency quantiles sampled every second, as the reports' latency chart shows them. */
const LATENCY_QUANTILES: readonly (readonly [string, number])[] = [
  ["latency p50", 0.5],
  ["latency p99", 0.99],
];

/**
 * What a cumulative latency sketch gained since an earlier snapshot of it: the values of one
 * interval. The buckets subtract exactly; the extremes of the interval are not known, so its
 * quantiles are the buckets' (within 1%), never clamped to the whole run's min and max.
 */
export function sketchSince(now: LatencySketch, before: LatencySketch | undefined): LatencySketch {
  if (before === undefined) return now;
  const earlier = new Map(before.buckets);
  const buckets = now.buckets.flatMap(([i, c]) => (c - (earlier.get(i) ?? 0) > 0 ? [[i, c - (earlier.get(i) ?? 0)] as const] : []));
  return { count: now.count - before.count, zeros: now.zeros - before.zeros, minMs: 0, maxMs: Number.POSITIVE_INFINITY, buckets };
}

/** The latency samples of one interval at one sink; none when nothing arrived in it. */
export function latencySamples(interval: LatencySketch, endpoint: string): Sample[] {
  if (interval.count <= 0) return [];
  return LATENCY_QUANTILES.flatMap(([series, q]) => {
    const ms = quantile(interval, q);
    return ms === undefined || !Number.isFinite(ms) ? [] : [{ kind: "sample" as const, series, unit: "ms", value: round(ms), endpoint }];
  });
}

const round = (x: number) => Math.round(x * 1000) / 1000;
