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
  /**
   * How often the sinks are read: a tuple read at t reached the sink between the previous read
   * and t, so most likely half an interval before t (the figures' resolution is half a read
   * interval, not a whole one); 0 takes read times as they are.
   */
  readonly readIntervalMs?: number;
}

export function failoverTiming(i: TimingInput): FailoverTiming {
  const faultAtMs = [...i.faultTimes].reverse().find((t) => t <= i.declaredAtMs);
  const reached = (readMs: number | undefined) => (readMs === undefined ? undefined : readMs - (i.readIntervalMs ?? 0) / 2);
  const startMs = faultAtMs ?? reached(i.lastTupleBeforeMs) ?? i.declaredAtMs;
  // never before the takeover it follows
  const first = reached(i.firstTupleAtMs);
  const firstTupleAtMs = first === undefined ? undefined : Math.max(i.declaredAtMs, first);
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
