/**
 * How long the Cross-DC Failover toolkit takes to declare a datacenter DOWN, from its
 * settings alone (reference §3.4). Pure: the checker calls it on what a scenario sets, a
 * preflight on what the deployment's jobs say.
 */

/** The settings the bound depends on, in milliseconds and counts. */
export interface BoundSettings {
  /** heartbeatExchangeInterval H: the period of heartbeats and of the watchdog's ticks */
  readonly heartbeatMs?: number;
  /** consecutiveHeartbeatMissesAllowed A */
  readonly missesAllowed?: number;
  /** crossDCInitDelay: before the first tick and the first heartbeat */
  readonly initDelayMs?: number;
}

export interface DetectionBound {
  /** The shortest time from the fault to DOWN on the survivor: max(0, A·H − Hr). */
  readonly minMs: number;
  /** The longest: (A + 1)·H. */
  readonly maxMs: number;
  /** From the last heartbeat the survivor received: A·H to (A + 1)·H. */
  readonly fromLastHeartbeat: { readonly minMs: number; readonly maxMs: number };
  /**
   * The remote's crossDCInitDelay, when known: a fault sooner than this after the remote's
   * toolkit started is never followed by a takeover, since a remote is declared DOWN only
   * once it was seen UP, and it sends its first heartbeat only after its delay.
   */
  readonly armedAfterMs?: number;
}

/**
 * The survivor counts one miss per tick of its own (every H, its interval) and declares the
 * remote DOWN on the tick where the count exceeds A: the (A+1)-th silent tick, A·H to
 * (A+1)·H after the last heartbeat received, since its ticks are not aligned with the
 * remote's sends. The fault falls up to Hr (the remote's interval) after that heartbeat, so
 * from the fault it takes A·H − Hr to (A+1)·H; with one interval on both sides, (A−1)·H to
 * (A+1)·H. Undefined when H or A is not known.
 */
export function detectionBound(survivor: BoundSettings, remote: BoundSettings = survivor): DetectionBound | undefined {
  const h = survivor.heartbeatMs;
  const a = survivor.missesAllowed;
  if (h === undefined || a === undefined || !(h > 0) || !(a >= 0)) return undefined;
  const remoteH = remote.heartbeatMs ?? h;
  return {
    minMs: Math.max(0, a * h - remoteH),
    maxMs: (a + 1) * h,
    fromLastHeartbeat: { minMs: a * h, maxMs: (a + 1) * h },
    ...(remote.initDelayMs !== undefined ? { armedAfterMs: remote.initDelayMs } : {}),
  };
}
