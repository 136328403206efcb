import { reading, type Reading } from "../world.js";
import type { Arrival } from "./sinks.js";
import type { Workload } from "./workload.js";

/**
 * The data checks as pure functions of what a workload sent and what a sink's reader read: a
 * tuple belongs to a workload by its `workload` attribute and is identified by the number in
 * the workload's key attribute. Loss counts only tuples an endpoint accepted: a batch every
 * endpoint refused never entered the system.
 */
export interface Account {
  readonly accepted: number;
  readonly received: number;
  readonly lost: readonly number[];
  readonly duplicates: number;
  /** First arrival of each received tuple, by number. */
  readonly firstArrival: ReadonlyMap<number, number>;
}

export function account(w: Workload, arrivals: readonly Arrival[]): Account {
  const counts = new Map<number, number>();
  const firstArrival = new Map<number, number>();
  for (const a of arrivals) {
    if (a.tuple["workload"] !== w.spec.id) continue;
    const seq = a.tuple[w.spec.key];
    if (typeof seq !== "number") continue;
    counts.set(seq, (counts.get(seq) ?? 0) + 1);
    if (!firstArrival.has(seq)) firstArrival.set(seq, a.atMs);
  }
  const lost: number[] = [];
  let accepted = 0;
  w.ackedAtMs.forEach((at, seq) => {
    if (at === undefined) return;
    accepted++;
    if (!counts.has(seq)) lost.push(seq);
  });
  let duplicates = 0;
  for (const c of counts.values()) duplicates += c - 1;
  return { accepted, received: counts.size, lost, duplicates, firstArrival };
}

const nothingSent = (w: Workload): Reading<never> => ({ kind: "no-data", reason: `workload ${w.spec.id} had no tuple accepted by any endpoint${w.lastFailure ? ` (last refusal: ${w.lastFailure})` : ""}` });

export function lostPercent(w: Workload, arrivals: readonly Arrival[]): Reading<number> {
  const a = account(w, arrivals);
  if (a.accepted === 0) return nothingSent(w);
  return reading((a.lost.length * 100) / a.accepted);
}

export function duplicateCount(w: Workload, arrivals: readonly Arrival[]): Reading<number> {
  const a = account(w, arrivals);
  if (a.accepted === 0) return nothingSent(w);
  return reading(a.duplicates);
}

/** The sending time the lost tuples cover, one sending interval included; 0 when nothing was lost. */
export function rpoMs(w: Workload, arrivals: readonly Arrival[]): Reading<number> {
  const a = account(w, arrivals);
  if (a.accepted === 0) return nothingSent(w);
  if (a.lost.length === 0) return reading(0);
  const times = a.lost.map((s) => w.sentAtMs[s]!);
  return reading(Math.max(...times) - Math.min(...times) + 1000 / w.spec.ratePerSecond);
}

export function latencyQuantile(w: Workload, arrivals: readonly Arrival[], q: number): Reading<number> {
  const a = account(w, arrivals);
  const latencies = [...a.firstArrival].map(([seq, at]) => at - w.sentAtMs[seq]!).filter((x) => Number.isFinite(x)).sort((x, y) => x - y);
  if (latencies.length === 0) return { kind: "no-data", reason: `no tuple of workload ${w.spec.id} arrived at the sink` };
  return reading(latencies[Math.min(latencies.length - 1, Math.max(0, Math.ceil(q * latencies.length) - 1))]!);
}

/**
 * Whether each datacenter's sink saw the attribute never decrease. Tuples replayed from a
 * snapshot after a takeover (`_replayedFrom`) are the toolkit's recovery, not the stream's
 * order, and tuples without the attribute belong to no checked stream.
 */
export function ordered(arrivals: readonly Arrival[], by: string): Reading<boolean> {
  const last = new Map<string, number | string>();
  let seen = 0;
  for (const a of arrivals) {
    const v = a.tuple[by];
    if ((typeof v !== "number" && typeof v !== "string") || a.tuple["_replayedFrom"] !== undefined) continue;
    seen++;
    const before = last.get(a.dc);
    if (before !== undefined && v < before) return reading(false);
    last.set(a.dc, v);
  }
  return seen === 0 ? { kind: "no-data", reason: `no tuple with attribute \`${by}\` arrived at the sink` } : reading(true);
}
