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
  /** When each fault began to be applied, in order. */
  readonly faultTimes: readonly number[];
  /** When xdc read the last tuple the lost datacenter delivered to a sink at or before the declaration. */
  readonly lastTupleBeforeMs?: number;
  /** When xdc read the survivor's first tuple at a sink at or after the takeover, if one has been read. */
  readonly firstTupleAtMs?: number;
}

export function failoverTiming(i: TimingInput): FailoverTiming {
  const faultAtMs = [...i.faultTimes].reverse().find((t) => t <= i.declaredAtMs);
  const startMs = faultAtMs ?? i.lastTupleBeforeMs ?? i.declaredAtMs;
  // Times are when xdc saw a tuple, never back-dated: against the twin's ground truth, moving
  // reads half a poll earlier made the RTO 40 ms shorter than it was (median of 5 runs), while
  // read times are 10–17 ms late. A check of an RTO bound must not pass by being told early.
  // Never before the takeover it follows.
  const firstTupleAtMs = i.firstTupleAtMs === undefined ? undefined : Math.max(i.declaredAtMs, i.firstTupleAtMs);
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
