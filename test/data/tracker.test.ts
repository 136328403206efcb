import { expect } from "chai";
import { DataTracker, duplicateTuples, failoverWindow, recovery, inOrder, latencyMs, lostPercent, rpoMs, toJournalData } from "../../src/data/index.js";
import type { TupleId } from "../../src/data/records.js";

const ids = (...seqs: number[]): TupleId[] => seqs.map((seq) => ({ stream: "", seq }));

/** The worked example of docs/data.md: ten tuples sent 10 ms apart, each acknowledged. */
function worked(): DataTracker {
  const t = new DataTracker();
  for (let seq = 0; seq < 10; seq++) {
    t.sent(ids(seq), seq * 10);
    t.acked(ids(seq), seq * 10 + 2);
  }
  t.received(ids(0, 1, 2), 50);
  t.received(ids(4, 3), 60);
  t.received(ids(3), 70);
  t.received(ids(8, 9), 400);
  return t;
}

describe("DataTracker", () => {
  it("reports the worked example of docs/data.md", () => {
    const r = worked().report();
    expect({ sent: r.sent, acked: r.acked, received: r.received, deliveries: r.deliveries }).to.deep.equal({ sent: 10, acked: 10, received: 7, deliveries: 8 });
    expect(r.lost).to.deep.equal({ count: 3, ranges: [{ stream: "", from: 5, to: 7, sentFromMs: 50, sentToMs: 70 }], omitted: 0 });
    expect(r.duplicates).to.deep.equal({ count: 1, ranges: [{ stream: "", from: 3, to: 3 }], omitted: 0, extraDeliveries: 1 });
    expect(r.outOfOrder).to.deep.equal({ count: 1, byStream: [{ stream: "", count: 1 }] });
    expect(r.gaps.ranges).to.deep.equal([{ stream: "", from: 5, to: 7 }]);
    expect(r.rpo).to.deep.equal({ tuples: 3, fromMs: 50, toMs: 70, ms: 20 });
    expect(r.timeline).to.deep.equal({
      firstMs: 50,
      lastMs: 400,
      gaps: [{ fromMs: 50, toMs: 60, newestSentMs: 20 }, { fromMs: 60, toMs: 70, newestSentMs: 40 }, { fromMs: 70, toMs: 400, newestSentMs: 40 }],
      firstSentMs: 0,
      newestSentMs: 90,
    });
    expect(lostPercent(r)).to.deep.equal({ kind: "value", value: 30 });
    expect(duplicateTuples(r)).to.deep.equal({ kind: "value", value: 1 });
    expect(inOrder(r)).to.deep.equal({ kind: "value", value: false });
    expect(latencyMs(r, 1)).to.deep.equal({ kind: "value", value: 320 });
    expect(latencyMs(r, 0)).to.deep.equal({ kind: "value", value: 20 });
  });

  it("gives the worked example's RTO and failover RPO", () => {
    const t = worked();
    const rec = recovery(t.report().timeline, { faultAtMs: 65 });
    expect(rec).to.deep.include({ kind: "recovered", rtoMs: 335, outage: { fromMs: 70, toMs: 400, newestSentMs: 40 } });
    if (rec.kind !== "recovered") return;
    expect(failoverWindow(rec)).to.deep.equal({ fromMs: 40, toMs: 400 });
    expect(t.report({ rpoWindow: failoverWindow(rec) }).rpo).to.deep.include({ tuples: 3, ms: 20 });
  });

  it("counts the RPO only within a window of sending time", () => {
    const r = worked().report({ rpoWindow: { fromMs: 60, toMs: 1000 } });
    expect(r.rpo).to.deep.equal({ tuples: 2, fromMs: 60, toMs: 70, ms: 10, window: { fromMs: 60, toMs: 1000 } });
  });

  it("keeps unacknowledged tuples out of the losses, but in the gaps", () => {
    const t = new DataTracker();
    t.sent(ids(0, 1, 2, 3), 0);
    t.acked(ids(0, 1), 5);
    t.failed(ids(2, 3), 5);
    t.received(ids(0, 3), 10);
    const r = t.report();
    expect(r.lost.count).to.equal(1);
    expect(r.unacknowledged).to.equal(2);
    expect(r.failedSends).to.equal(2);
    expect(r.gaps.ranges).to.deep.equal([{ stream: "", from: 1, to: 2 }]);
  });

  it("counts a re-sent tuple once, timed from its first sending", () => {
    const t = new DataTracker();
    t.sent(ids(0, 1), 0);
    t.failed(ids(0, 1), 100);
    t.sent(ids(0, 1), 200);
    t.acked(ids(0, 1), 210);
    t.received(ids(0, 1), 250);
    const r = t.report();
    expect([r.sent, r.resent, r.acked, r.lost.count]).to.deep.equal([2, 2, 2, 0]);
    expect(latencyMs(r, 0.5)).to.deep.equal({ kind: "value", value: 250 });
  });

  it("counts arrivals of tuples never sent apart", () => {
    const t = new DataTracker();
    t.sent(ids(0), 0);
    t.acked(ids(0), 1);
    t.received([{ stream: "", seq: 0 }, { stream: "", seq: 7 }, { stream: "other", seq: 0 }], 5);
    const r = t.report();
    expect([r.received, r.unexpected, r.lost.count]).to.deep.equal([1, 2, 0]);
  });

  it("lists ranges up to the limit and counts the rest", () => {
    const t = new DataTracker({ listLimit: 2 });
    const all = ids(...Array.from({ length: 10 }, (_, i) => i));
    t.sent(all, 0);
    t.acked(all, 1);
    t.received(ids(1, 3, 5, 7, 9), 2);
    const r = t.report();
    expect(r.lost.count).to.equal(5);
    expect(r.lost.ranges.map((x) => x.from)).to.deep.equal([0, 2]);
    expect(r.lost.omitted).to.equal(3);
  });

  it("keeps sequences per key stream apart", () => {
    const t = new DataTracker();
    const sent = [0, 1, 2].flatMap((seq) => ["a", "b"].map((stream) => ({ stream, seq })));
    t.sent(sent, 0);
    t.acked(sent, 1);
    t.received([{ stream: "b", seq: 0 }, { stream: "a", seq: 1 }, { stream: "a", seq: 0 }, { stream: "b", seq: 2 }], 3);
    const r = t.report();
    expect(r.lost.ranges.map(({ stream, from, to }) => ({ stream, from, to }))).to.deep.equal([{ stream: "a", from: 2, to: 2 }, { stream: "b", from: 1, to: 1 }]);
    expect(r.outOfOrder.byStream).to.deep.equal([{ stream: "a", count: 1 }]);
  });
});

describe("data readings", () => {
  it("give no data, with the reason, when nothing was acknowledged", () => {
    const r = new DataTracker().report();
    expect(lostPercent(r)).to.deep.equal({ kind: "no-data", reason: "the endpoint acknowledged none of the workload's tuples" });
    expect(rpoMs(r).kind).to.equal("no-data");
    expect(duplicateTuples(r).kind).to.equal("no-data");
    expect(inOrder(r).kind).to.equal("no-data");
    expect(latencyMs(r, 0.99).kind).to.equal("no-data");
  });

  it("call a sink that received nothing of an acknowledged workload 100% loss", () => {
    const t = new DataTracker();
    t.sent(ids(0, 1, 2), 0);
    t.acked(ids(0, 1, 2), 1);
    const r = t.report();
    expect(lostPercent(r)).to.deep.equal({ kind: "value", value: 100 });
    expect(rpoMs(r)).to.deep.equal({ kind: "value", value: 0 });
    expect(r.rpo).to.deep.equal({ tuples: 3, fromMs: 0, toMs: 0, ms: 0 });
    expect(duplicateTuples(r)).to.deep.equal({ kind: "no-data", reason: "none of the workload's tuples arrived at the sink" });
  });

  it("need two arrivals to judge order", () => {
    const t = new DataTracker();
    t.sent(ids(0), 0);
    t.received(ids(0), 1);
    expect(inOrder(t.report())).to.deep.equal({ kind: "no-data", reason: "only one tuple arrived: order needs two" });
  });
});

describe("toJournalData", () => {
  it("fills the journal's data event", () => {
    const e = toJournalData(worked().report(), "load", "app.Results");
    expect(e).to.deep.include({ kind: "data", workload: "load", sink: "app.Results", sent: 10, acked: 10, received: 7, lost: 3, duplicates: 1, outOfOrder: 1, rpoMs: 20 });
    expect(e.lostRanges).to.deep.equal([{ stream: "", from: 5, to: 7, sentFromMs: 50, sentToMs: 70 }]);
    expect(e.latencyMs?.max).to.equal(320);
    expect(e.latencyMs?.p50).to.be.closeTo(40, 0.4);
  });

  it("leaves out figures that were not measured", () => {
    const e = toJournalData(new DataTracker().report(), "load", "app.Results");
    expect(e).to.not.have.property("rpoMs");
    expect(e).to.not.have.property("latencyMs");
  });
});
