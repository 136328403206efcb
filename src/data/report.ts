import type { LatencySketch } from "./sketch.js";
import type { ReceiveTimeline } from "./timeline.js";

/** Sequence numbers [from, to] (inclusive) of one key stream ("" when the sequence is global). */
export interface StreamRange {
  readonly stream: string;
  readonly from: number;
  readonly to: number;
}

/** Lost tuples, with when the first and the last of them were first sent (run clock, ms). */
export interface LostRange extends StreamRange {
  readonly sentFromMs?: number;
  readonly sentToMs?: number;
}

/** Ranges of tuples: `count` covers them all; only the first ones are listed, `omitted` says how many were not. */
export interface RangeList<R extends StreamRange> {
  readonly count: number;
  readonly ranges: readonly R[];
  readonly omitted: number;
}

/** A window of sending time, run clock ms, both ends included. */
export interface TimeWindow {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * The recovery point: acknowledged tuples lost, and the sending time they cover, from the first
 * to the last of them. Within `window` when one was given (the failover's), else over the run.
 */
export interface Rpo {
  readonly tuples: number;
  /** Sending time of the first and the last lost tuple; absent when none was lost. */
  readonly fromMs?: number;
  readonly toMs?: number;
  /** toMs − fromMs; 0 when nothing (or one instant's batch) was lost. */
  readonly ms: number;
  readonly window?: TimeWindow;
}

/** Everything the data checks know of one workload at one sink. Plain data: it serialises. */
export interface DataReport {
  /** Distinct tuples sent (a re-send of the same tuple counts once: see `resent`). */
  readonly sent: number;
  readonly resent: number;
  /** Distinct tuples the endpoint acknowledged. */
  readonly acked: number;
  /** Sent tuples never acknowledged (refused, or fate unknown): not counted as lost. */
  readonly unacknowledged: number;
  /** Tuples in batches that were refused or went unanswered, counted per attempt. */
  readonly failedSends: number;
  /** Distinct tuples that arrived; `deliveries` counts every arrival, duplicates included. */
  readonly received: number;
  readonly deliveries: number;
  /** Arrivals of tuples that were never sent (another run's, or a bug). */
  readonly unexpected: number;
  /** Acknowledged but never received. */
  readonly lost: RangeList<LostRange>;
  /** Tuples that arrived more than once; `extraDeliveries` counts the arrivals beyond the first. */
  readonly duplicates: RangeList<StreamRange> & { readonly extraDeliveries: number };
  /** First arrivals of a tuple after a later tuple of the same stream had arrived. */
  readonly outOfOrder: { readonly count: number; readonly byStream: readonly { readonly stream: string; readonly count: number }[] };
  /** Sent tuples missing below the newest arrival of their stream (acknowledged or not). */
  readonly gaps: RangeList<StreamRange>;
  readonly rpo: Rpo;
  /** Time from first sending to first arrival. */
  readonly latency: LatencySketch;
  readonly timeline: ReceiveTimeline;
}
