import type { Rpo, TimeWindow } from "./report.js";
import type { ReceiveGap, ReceiveTimeline } from "./timeline.js";
import type { DataTracker } from "./tracker.js";

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

/** A failover's times on the run's clock, as `await failover(…)` measured them (docs/language.md, "Failover figures"). */
export interface FailoverSpan {
  /** Its start: the fault that led to it, or the lost datacenter's last tuple. */
  readonly startMs: number;
  /** The service back: the survivor's first tuple at a sink after taking over, or the takeover when none was read. */
  readonly backMs: number;
}

/**
 * The window of sending time whose losses one failover gave up, for one workload at one sink
 * (docs/data.md, "RPO"). The workload's outage is the longest silence in its arrivals that ends
 * after the failover's start and begins before the service was back; when none of its tuples had
 * arrived by the start, the silence before its first arrival (from its first sending) is one too.
 * The window runs from the sending time of the newest tuple that arrived before the outage to the
 * outage's end; when nothing arrived once the service was back, to the reading. Undefined when
 * the workload first sent after the service was back: the failover cost it nothing.
 */
export function failoverRpoWindow(t: ReceiveTimeline, f: FailoverSpan, nowMs: number): TimeWindow | undefined {
  if (t.firstSentMs === undefined || t.firstSentMs > f.backMs) return undefined;
  if (t.firstMs === undefined || t.lastMs === undefined) return { fromMs: t.firstSentMs, toMs: nowMs };
  const rec = recovery(t, { faultAtMs: f.startMs, untilMs: f.backMs });
  const beforeFirst = t.firstMs > f.startMs ? { fromMs: t.firstSentMs, toMs: t.firstMs } : undefined;
  if (rec.kind === "recovered") {
    const gap = rec.outage;
    return beforeFirst && beforeFirst.toMs - beforeFirst.fromMs > gap.toMs - gap.fromMs ? beforeFirst : failoverWindow(rec);
  }
  if (beforeFirst) return beforeFirst;
  // Nothing arrived once the service was back: it never came back for this workload, so every
  // loss since the newest arrival counts, up to the reading.
  if (t.lastMs <= f.backMs) return { fromMs: t.newestSentMs ?? t.firstSentMs, toMs: nowMs };
  // Arrivals went on through the failover without a silence long enough to be kept: the
  // failover's own times are the window.
  return { fromMs: f.startMs, toMs: f.backMs };
}

/**
 * The RPO of a workload at a sink (docs/data.md): with failovers, the worst of theirs, each over
 * its own window only, so losses elsewhere in the run (a killed PE restarted in place) do not
 * stretch it; with none, over the whole run.
 */
export function failoverRpo(tracker: DataTracker, timeline: ReceiveTimeline, failovers: readonly FailoverSpan[], nowMs: number): Rpo {
  if (failovers.length === 0) return tracker.rpo();
  let worst: Rpo = { tuples: 0, ms: 0 };
  for (const f of failovers) {
    const window = failoverRpoWindow(timeline, f, nowMs);
    if (window === undefined) continue;
    const rpo = tracker.rpo(window);
    if (worst.window === undefined || rpo.ms > worst.ms || (rpo.ms === worst.ms && rpo.tuples > worst.tuples)) worst = rpo;
  }
  return worst;
}
