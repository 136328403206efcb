import { expect } from "chai";
import { DataTracker } from "../../../src/data/index.js";
import { accountsToJournal, type Account } from "../../../src/runtime/live/accounts.js";

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ stream: "", seq: from + i }));

/** A tracker that saw `sent` tuples sent and acknowledged, and all but `lost` of them (the last ones) arrive, `twice` of them twice. */
function report(sent: number, lost: number, twice: number) {
  const t = new DataTracker();
  t.sent(ids(0, sent - 1), 0);
  t.acked(ids(0, sent - 1), 1);
  t.received(ids(0, sent - lost - 1), 2);
  if (twice > 0) t.received(ids(0, twice - 1), 3);
  return t.report();
}

const account = (workload: string, key: string, sink: string, judged: boolean, sent: number, lost: number, twice: number): Account => ({ workload, key, sink, judged, report: report(sent, lost, twice) });

describe("live: the data accounts in the journal", () => {
  it("gives one data event per workload and sink, and the figures of the judged workloads only", () => {
    const j = accountsToJournal([account("w1", "probe", "Results", false, 300, 5, 7), account("w2", "seq", "Results", true, 1_000, 10, 3), account("w2", "seq", "Audit", true, 1_000, 0, 0)]);
    expect(j.data.map((d) => [d.workload, d.sink, d.key, d.judged, d.lost])).to.deep.equal([
      ["w1", "Results", "probe", false, 5],
      ["w2", "Results", "seq", true, 10],
      ["w2", "Audit", "seq", true, 0],
    ]);
    expect(j.figures).to.include({ lostTuples: 10, duplicateTuples: 3, sentTuples: 1_000, receivedTuples: 990 + 1_000, rpoTuples: 10 });
  });

  it("falls back to the workload that sent the most when no check judged any, and gives nothing without workloads", () => {
    const j = accountsToJournal([account("w1", "probe", "Results", false, 300, 5, 0), account("w2", "seq", "Results", false, 1_000, 1, 0)]);
    expect(j.figures).to.include({ lostTuples: 1, sentTuples: 1_000 });
    expect(accountsToJournal([])).to.deep.equal({ data: [], figures: {} });
  });
});
