import type { DataReport } from "./report.js";
import { quantile } from "./sketch.js";

/**
 * What a check reads from a report: a value, or "no data" with the reason. A figure over zero
 * samples proves nothing, so it is never given as 0 (docs/data.md, "No data").
 */
export type Reading<T> =
  | { readonly kind: "value"; readonly value: T }
  | { readonly kind: "no-data"; readonly reason: string };

const value = <T>(v: T): Reading<T> => ({ kind: "value", value: v });
const noData = <T>(reason: string): Reading<T> => ({ kind: "no-data", reason });

const NOTHING_ACKED = "the endpoint acknowledged none of the workload's tuples";
const NOTHING_RECEIVED = "none of the workload's tuples arrived at the sink";

/**
 * `lost`: the percentage (0.1 means 0.1%) of acknowledged tuples that never arrived. Over
 * nothing acknowledged there is no data; a sink that received nothing of an acknowledged
 * workload lost 100%, which is a finding, not an absence of data.
 */
export function lostPercent(r: DataReport): Reading<number> {
  if (r.acked === 0) return noData(NOTHING_ACKED);
  return value((100 * r.lost.count) / r.acked);
}

/** `duplicates`: how many tuples arrived more than once; no data when none arrived at all. */
export function duplicateTuples(r: DataReport): Reading<number> {
  if (r.received === 0) return noData(NOTHING_RECEIVED);
  return value(r.duplicates.count);
}

/** `ordered`: no tuple arrived after a later one of its stream; needs two arrivals to mean anything. */
export function inOrder(r: DataReport): Reading<boolean> {
  if (r.received < 2) return noData(r.received === 0 ? NOTHING_RECEIVED : "only one tuple arrived: order needs two");
  return value(r.outOfOrder.count === 0);
}

/**
 * `rpo`: the sending time (ms) covered by lost acknowledged tuples, within the window the
 * report was made for (see `failoverWindow`); `r.rpo` has their count and the window.
 */
export function rpoMs(r: DataReport): Reading<number> {
  if (r.acked === 0) return noData(NOTHING_ACKED);
  return value(r.rpo.ms);
}

/** `latency_p`: the q-quantile (0 ≤ q ≤ 1) of send-to-arrival time in ms, within 1%. */
export function latencyMs(r: DataReport, q: number): Reading<number> {
  const ms = quantile(r.latency, q);
  return ms === undefined ? noData(NOTHING_RECEIVED) : value(ms);
}
