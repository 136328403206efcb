import type { JournalEventBody } from "../runtime/journal/events.js";
import type { DataReport } from "./report.js";
import { quantile } from "./sketch.js";

export type DataEvent = Extract<JournalEventBody, { kind: "data" }>;

/** The journal's `data` event for a report of `workload` at `sink`; absent figures stay absent. */
export function toJournalData(report: DataReport, workload: string, sink: string): DataEvent {
  const l = report.latency;
  const p = (q: number) => quantile(l, q) ?? 0;
  return {
    kind: "data",
    workload,
    sink,
    sent: report.sent,
    acked: report.acked,
    received: report.received,
    lost: report.lost.count,
    lostRanges: report.lost.ranges,
    duplicates: report.duplicates.count,
    outOfOrder: report.outOfOrder.count,
    ...(report.acked > 0 ? { rpoMs: report.rpo.ms } : {}),
    ...(report.acked > 0 && report.rpo.window ? { rpoWindow: { fromMs: report.rpo.window.fromMs, toMs: report.rpo.window.toMs } } : {}),
    ...(l.count > 0 ? { latencyMs: { p50: p(0.5), p95: p(0.95), p99: p(0.99), max: l.maxMs } } : {}),
  };
}
