import type { Arrival } from "./sinks.js";

/**
 * The one definition of a failover's figures (docs/language.md, "Failover figures"), all on the
 * run's clock:
 *
 * - the **start** is the last fault applied at or before the survivor declared the peer down;
 *   with no such fault (a failure xdc did not cause), the last tuple the lost datacenter
 *   delivered to a sink before that; failing both, the declaration itself;
 * - **detection** runs from the start to the survivor's toolkit declaring the peer down;
 * - the **RTO** runs from the start to the first tuple the survivor delivered to a sink after
 *   taking over (the service is back); with no tuple (nothing was being sent), to the takeover.
 */
export interface FailoverTiming {
  readonly startMs: number;
  readonly faultAtMs?: number;
  readonly detectedAtMs: number;
  readonly takeoverAtMs: number;
  readonly firstTupleAtMs?: number;
  readonly detectionMs: number;
  readonly rtoMs: number;
}

export interface TimingInput {
  /** When the survivor's toolkit declared the peer down; in active mode the takeover is the same tick. */
  readonly declaredAtMs: number;
  readonly from: string;
  readonly to: string;
  /** When each fault began to be applied, in order. */
  readonly faultTimes: readonly number[];
  /** What the application's data sinks received, in every datacenter, in order of reading. */
  readonly arrivals: readonly Arrival[];
}

const origin = (a: Arrival): string => (typeof a.tuple["_dc"] === "string" ? a.tuple["_dc"] : a.dc);
/** When the tuple reached the sink, as well as the reads tell (never after it was read, never before the takeover it follows). */
const reached = (a: Arrival): number => a.estimatedMs ?? a.atMs;

/** When the survivor's first tuple after the takeover reached the sink, if one has been read. */
export function firstTupleAfter(arrivals: readonly Arrival[], to: string, takeoverAtMs: number): number | undefined {
  const first = arrivals.find((a) => a.atMs >= takeoverAtMs && origin(a) === to);
  return first === undefined ? undefined : Math.max(takeoverAtMs, reached(first));
}

export function failoverTiming(i: TimingInput): FailoverTiming {
  const faultAtMs = [...i.faultTimes].reverse().find((t) => t <= i.declaredAtMs);
  const lastBefore = [...i.arrivals].reverse().find((a) => a.atMs <= i.declaredAtMs && origin(a) === i.from);
  const lastBeforeMs = lastBefore === undefined ? undefined : reached(lastBefore);
  const startMs = faultAtMs ?? lastBeforeMs ?? i.declaredAtMs;
  const firstTupleAtMs = firstTupleAfter(i.arrivals, i.to, i.declaredAtMs);
  return {
    startMs,
    ...(faultAtMs !== undefined ? { faultAtMs } : {}),
    detectedAtMs: i.declaredAtMs,
    takeoverAtMs: i.declaredAtMs,
    ...(firstTupleAtMs !== undefined ? { firstTupleAtMs } : {}),
    detectionMs: Math.max(0, i.declaredAtMs - startMs),
    rtoMs: Math.max(0, (firstTupleAtMs ?? i.declaredAtMs) - startMs),
  };
}
