import { expect } from "chai";
import { DataFlow, type FlowObserver } from "../../src/sim/app/flow.js";
import { AGGREGATES, Compute } from "../../src/sim/app/compute.js";
import { SinkBuffer } from "../../src/sim/exchange/sink-buffer.js";

function recorder() {
  const seen = { accepted: 0, processed: 0, replayed: 0, emitted: [] as unknown[], queued: 0 };
  const observer: FlowObserver = {
    accepted: (_s, n) => (seen.accepted += n),
    processed: (n, r) => {
      seen.processed += n;
      seen.replayed += r;
    },
    emitted: (t) => seen.emitted.push(...t),
    queued: (n) => (seen.queued = n),
  };
  return { seen, observer };
}

const tuples = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ seq: from + i }));

describe("sim data flow", () => {
  it("processes at its rate and emits each tuple its latency after processing", () => {
    const { seen, observer } = recorder();
    const flow = new DataFlow({ dc: "dc1", ratePerSecond: 1000, latencyMs: 100, sources: [{ operator: "In", bufferSize: 100 }], observer });
    flow.setRate(0, 1000);
    expect(flow.offer("In", tuples(1, 10))).to.deep.equal({ ok: true, count: 10 });
    flow.advance(5);
    expect(seen.processed).to.equal(5);
    expect(seen.queued).to.equal(5);
    flow.advance(104);
    expect(seen.emitted).to.have.length(4);
    flow.advance(200);
    expect(seen.emitted.map((t) => (t as { seq: number }).seq)).to.deep.equal(tuples(1, 10).map((t) => t.seq));
    expect(seen.emitted[0]).to.deep.equal({ seq: 1, _dc: "dc1" });
    expect(flow.nextWake(200)).to.equal(undefined);
  });

  it("refuses a batch that does not fit whole and says when to retry", () => {
    const { seen, observer } = recorder();
    const flow = new DataFlow({ dc: "dc1", ratePerSecond: 100, latencyMs: 0, sources: [{ operator: "In", bufferSize: 10 }], observer });
    flow.setRate(0, 100);
    expect(flow.offer("In", tuples(1, 8)).ok).to.equal(true);
    expect(flow.offer("In", tuples(9, 5))).to.deep.equal({ ok: false, retryAfterMs: 30, free: 2 });
    expect(seen.accepted).to.equal(8);
    flow.advance(30);
    expect(flow.offer("In", tuples(9, 5)).ok).to.equal(true);
  });

  it("halts while the rate is zero and does not bank the time", () => {
    const { seen, observer } = recorder();
    const flow = new DataFlow({ dc: "dc1", ratePerSecond: 1000, latencyMs: 0, sources: [{ operator: "In", bufferSize: 100 }], observer });
    flow.setRate(0, 0);
    flow.offer("In", tuples(1, 50));
    flow.advance(1000);
    expect(seen.processed).to.equal(0);
    expect(flow.nextWake(1000)).to.equal(undefined);
    flow.setRate(1000, 1000);
    flow.advance(1010);
    expect(seen.processed).to.equal(10);
  });

  it("keeps accepted, unemitted tuples as its snapshot and loses them with their process", () => {
    const { observer } = recorder();
    const flow = new DataFlow({ dc: "dc1", ratePerSecond: 1000, latencyMs: 1000, sources: [{ operator: "In", bufferSize: 100 }], observer });
    flow.setRate(0, 1000);
    flow.offer("In", tuples(1, 10));
    flow.advance(4);
    expect(flow.snapshot()).to.deep.equal(tuples(1, 10));
    expect(flow.loseProcessed()).to.equal(4);
    expect(flow.loseSource("In")).to.equal(6);
    expect(flow.snapshot()).to.deep.equal([]);
  });

  it("replays a snapshot through processing, marked with its origin", () => {
    const { seen, observer } = recorder();
    const flow = new DataFlow({ dc: "dc2", ratePerSecond: 1000, latencyMs: 0, sources: [{ operator: "In", bufferSize: 1 }], observer });
    flow.setRate(0, 1000);
    expect(flow.replay([{ seq: 1 }, { seq: 2 }, 7], "dc1")).to.equal(2);
    flow.advance(10);
    expect(seen.replayed).to.equal(2);
    expect(seen.emitted).to.deep.equal([
      { seq: 1, _replayedFrom: "dc1", _dc: "dc2" },
      { seq: 2, _replayedFrom: "dc1", _dc: "dc2" },
    ]);
  });
});

describe("sim sink buffer", () => {
  it("keeps the newest tuples and lets a reader go on without loss or repetition", () => {
    const sink = new SinkBuffer(3, false);
    sink.push(["a", "b"], 10);
    const first = sink.read();
    expect(first).to.deep.equal({ items: ["a", "b"], next: 2, missed: 0 });
    expect(sink.push(["c", "d", "e"], 20)).to.equal(2);
    const second = sink.read({ since: first.next });
    expect(second).to.deep.equal({ items: ["c", "d", "e"], next: 5, missed: 0 });
    expect(sink.read({ since: second.next })).to.deep.equal({ items: [], next: 5, missed: 0 });
    sink.push(["f", "g", "h", "i"], 30);
    expect(sink.read({ since: 5 })).to.deep.equal({ items: ["g", "h", "i"], next: 9, missed: 1 });
    expect(sink.read({ since: 1e9 })).to.deep.equal({ items: [], next: 9, missed: 0 });
  });

  it("reads from a start time and in pages", () => {
    const sink = new SinkBuffer(10, false);
    sink.push(["a"], 10);
    sink.push(["b", "c"], 20);
    expect(sink.read({ start: 15 }).items).to.deep.equal(["b", "c"]);
    expect(sink.read({ start: 15, limit: 1 })).to.deep.equal({ items: ["b"], next: 2, missed: 0 });
  });

  it("removes what it returned with consuming reads, and everything on a crash", () => {
    const sink = new SinkBuffer(10, true);
    sink.push(["a", "b", "c"], 1);
    expect(sink.read({ limit: 2 }).items).to.deep.equal(["a", "b"]);
    expect(sink.read().items).to.deep.equal(["c"]);
    sink.push(["d"], 2);
    sink.clear();
    sink.push(["e"], 3);
    expect(sink.read()).to.deep.equal({ items: ["e"], next: 5, missed: 0 });
  });
});

describe("sim data flow: what the application computes", () => {
  const spec = { key: "account", products: [{ as: "total", of: ["qty", "price"] }], running: [{ as: "n" }, { as: "qtyTotal", sum: "qty" }] };
  const orders = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ seq: from + i, account: `k${(from + i) % 2}`, qty: 2, price: 1.5 }));
  const side = (restore: boolean) => {
    const { seen, observer } = recorder();
    const flow = new DataFlow({ dc: "dc1", ratePerSecond: 1000, latencyMs: 10, sources: [{ operator: "In", bufferSize: 100 }], observer, compute: new Compute(spec, restore) });
    flow.setRate(0, 1000);
    return { seen, flow };
  };
  const figures = (ts: unknown[]) => ts.map((t) => { const x = t as Record<string, unknown>; return [x["seq"], x["total"], x["n"], x["qtyTotal"]]; });

  it("writes products and running figures per key into what it emits, and a survivor continues them from the snapshot", () => {
    const dc1 = side(true);
    dc1.flow.offer("In", orders(0, 4));
    dc1.flow.advance(100);
    expect(figures(dc1.seen.emitted)).to.deep.equal([[0, 3, 1, 2], [1, 3, 1, 2], [2, 3, 2, 4], [3, 3, 2, 4]]);
    dc1.flow.offer("In", orders(4, 2));
    const snapshot = dc1.flow.snapshot();
    expect(snapshot[0]).to.deep.equal({ [AGGREGATES]: { k0: [2, 4], k1: [2, 4] } });
    // The survivor restores the figures, replays the snapshot's tuples, and goes on.
    for (const restore of [true, false]) {
      const dc2 = side(restore);
      dc2.flow.replay(snapshot, "dc1");
      dc2.flow.offer("In", orders(6, 2));
      dc2.flow.advance(200);
      const n = figures(dc2.seen.emitted).map((f) => f[2]);
      expect(n, `restore ${restore}`).to.deep.equal(restore ? [3, 3, 4, 4] : [1, 1, 2, 2]);
    }
  });

  it("leaves tuples without the key unaggregated, and attributes that are not numbers without a product", () => {
    const c = new Compute(spec, true);
    const t: Record<string, unknown> = { seq: 1, qty: "two", price: 1 };
    c.apply(t);
    expect(t).to.deep.equal({ seq: 1, qty: "two", price: 1 });
  });
});
