import type { TimeWindow } from "./report.js";
import type { ReceiveGap, ReceiveTimeline } from "./timeline.js";

export interface RecoveryInput {
  /** When the fault was applied; without it the outage is the longest silence of the run. */
  readonly faultAtMs?: number;
  /** When the failover observer saw the loss of the active datacenter. */
  readonly detectedAtMs?: number;
  /** Ignore silences that begin at or after this time (a later fault's). */
  readonly untilMs?: number;
}

export type Recovery =
  | {
      readonly kind: "recovered";
      /** The silence at the sink taken as the outage. */
      readonly outage: ReceiveGap;
      /** Where RTO and detection are counted from: the fault, or the last arrival before the silence. */
      readonly startMs: number;
      readonly rtoMs: number;
      readonly detectionMs?: number;
    }
  | { readonly kind: "not-recovered"; readonly lastArrivalMs: number; readonly reason: string }
  | { readonly kind: "no-data"; readonly reason: string };

/**
 * RTO from the sink's point of view: from the fault (or, without one, the last arrival before
 * the outage) to the first arrival after it. The outage is the longest silence that ends after
 * the fault. Detection is the observer's `detectedAtMs` counted from the same start.
 */
export function recovery(t: ReceiveTimeline, input: RecoveryInput = {}): Recovery {
  if (t.lastMs === undefined) return { kind: "no-data", reason: "no tuple arrived at the sink" };
  const fault = input.faultAtMs;
  if (fault !== undefined && t.lastMs <= fault) {
    return { kind: "not-recovered", lastArrivalMs: t.lastMs, reason: `no tuple arrived after the fault at ${fault} ms` };
  }
  const until = input.untilMs ?? Number.POSITIVE_INFINITY;
  const candidates = t.gaps.filter((g) => (fault === undefined || g.toMs > fault) && g.fromMs < until);
  const outage = candidates.reduce<ReceiveGap | undefined>((best, g) => (best === undefined || g.toMs - g.fromMs > best.toMs - best.fromMs ? g : best), undefined);
  if (outage === undefined) {
    return { kind: "no-data", reason: fault === undefined ? "tuples arrived without a pause" : "no pause in arrivals after the fault was long enough to be kept" };
  }
  const startMs = fault ?? outage.fromMs;
  return {
    kind: "recovered",
    outage,
    startMs,
    rtoMs: outage.toMs - startMs,
    ...(input.detectedAtMs === undefined ? {} : { detectionMs: input.detectedAtMs - startMs }),
  };
}

/**
 * The sending time whose losses count against the failover (the RPO window): from the sending
 * time of the newest tuple that arrived before the outage (anything sent earlier and lost was
 * overtaken while the old datacenter still delivered, so it is not the failover's loss) to the
 * first arrival after the outage.
 */
export function failoverWindow(r: Extract<Recovery, { kind: "recovered" }>): TimeWindow {
  return { fromMs: r.outage.newestSentMs ?? r.outage.fromMs, toMs: r.outage.toMs };
}
