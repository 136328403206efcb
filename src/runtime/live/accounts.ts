import { toJournalData, type DataReport } from "../../data/index.js";
import type { Figures, JournalEventBody } from "../journal/events.js";

export type DataEvent = Extract<JournalEventBody, { kind: "data" }>;

/** One workload's report at one sink, and whether a data check read it. */
export interface Account {
  readonly workload: string;
  /** The `let` it was bound to. */
  readonly name?: string;
  readonly key: string;
  readonly sink: string;
  readonly judged: boolean;
  readonly report: DataReport;
}

/**
 * The journal's `data` events and the scenario's headline data figures. The figures are those
 * of the workloads a check judged (a steady-state probe is not the scenario's load); when no
 * check judged any, those of the workload that sent the most.
 */
export function accountsToJournal(accounts: readonly Account[]): { readonly data: DataEvent[]; readonly figures: Figures } {
  const data = accounts.map((a) => ({ ...toJournalData(a.report, a.workload, a.sink), ...(a.name !== undefined ? { name: a.name } : {}), key: a.key, judged: a.judged }));
  const judged = accounts.filter((a) => a.judged);
  const largest = [...accounts].sort((x, y) => y.report.sent - x.report.sent)[0];
  const counted = judged.length > 0 ? judged : largest ? [largest] : [];
  if (counted.length === 0) return { data, figures: {} };
  const sum = (f: (r: DataReport) => number) => counted.reduce((n, a) => n + f(a.report), 0);
  const anyAcked = counted.some((a) => a.report.acked > 0);
  return {
    data,
    figures: {
      ...(anyAcked ? { rpoMs: Math.max(...counted.map((a) => a.report.rpo.ms)), rpoTuples: sum((r) => r.rpo.tuples) } : {}),
      lostTuples: sum((r) => r.lost.count),
      duplicateTuples: sum((r) => r.duplicates.count),
      // a workload judged at two sinks sent its tuples once
      sentTuples: [...new Map(counted.map((a) => [a.workload, a.report.sent])).values()].reduce((n, x) => n + x, 0),
      receivedTuples: sum((r) => r.received),
    },
  };
}
