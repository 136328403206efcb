import { expect } from "chai";
import fc from "fast-check";
import { DataTracker, generator, type DataReport, type StreamRange, type TupleId } from "../../src/data/index.js";
import { keyOf, NaiveTracker } from "./naive.js";

/** Every id a list of ranges covers, as sorted keys. */
const expand = (ranges: readonly StreamRange[]) =>
  ranges.flatMap((r) => Array.from({ length: r.to - r.from + 1 }, (_, i) => keyOf({ stream: r.stream, seq: r.from + i }))).sort();

const tampering = fc.record({
  seed: fc.nat(),
  streams: fc.integer({ min: 1, max: 4 }),
  tuples: fc.integer({ min: 1, max: 400 }),
  batch: fc.integer({ min: 1, max: 50 }),
  readBatch: fc.integer({ min: 1, max: 60 }),
  /** Per tuple: dropped, delivered twice, or left alone; per batch: refused. */
  dropped: fc.array(fc.boolean(), { maxLength: 400 }),
  doubled: fc.array(fc.boolean(), { maxLength: 400 }),
  refused: fc.array(fc.boolean(), { maxLength: 400 }),
  /** Local reordering: each position swaps with one at most `window - 1` ahead. */
  window: fc.integer({ min: 1, max: 6 }),
  swaps: fc.array(fc.nat(5), { maxLength: 500 }),
});

describe("data tracker properties", () => {
  it("reports exactly what was done to a generated stream: dropped, doubled, reordered", () => {
    fc.assert(fc.property(tampering, (p) => {
      const made = generator({ streams: { attribute: "k", count: p.streams }, rate: { kind: "constant", perSecond: 1000, forMs: p.tuples } }, p.seed);
      if (made.kind !== "ok") throw new Error(made.message);
      const w = made.workload;
      const sent: { id: TupleId; atMs: number }[] = [];
      for (let t = w.next(), i = 0; t !== undefined; t = w.next(), i++) sent.push({ id: t.id, atMs: w.dueAtMs(i) });

      const tracker = new DataTracker();
      const naive = new NaiveTracker();
      const both = [tracker, naive];
      const refusedKeys = new Set<string>();
      for (let b = 0; b * p.batch < sent.length; b++) {
        const batch = sent.slice(b * p.batch, (b + 1) * p.batch);
        const batchIds = batch.map((s) => s.id);
        const at = batch[0]!.atMs;
        for (const x of both) x.sent(batchIds, at);
        if (p.refused[b] === true) {
          batchIds.forEach((id) => refusedKeys.add(keyOf(id)));
          for (const x of both) x.failed(batchIds, at + 1);
        } else for (const x of both) x.acked(batchIds, at + 1);
      }

      const arriving: TupleId[] = [];
      const droppedKeys: string[] = [];
      const doubledKeys: string[] = [];
      sent.forEach(({ id }, i) => {
        if (p.dropped[i] === true) return void droppedKeys.push(keyOf(id));
        arriving.push(id);
        if (p.doubled[i] === true) {
          arriving.push(id);
          doubledKeys.push(keyOf(id));
        }
      });
      for (let i = 0; i < arriving.length; i++) {
        const j = Math.min(arriving.length - 1, i + ((p.swaps[i] ?? 0) % p.window));
        [arriving[i], arriving[j]] = [arriving[j]!, arriving[i]!];
      }
      const lastSentMs = sent.at(-1)?.atMs ?? 0;
      for (let b = 0; b * p.readBatch < arriving.length; b++) {
        const batch = arriving.slice(b * p.readBatch, (b + 1) * p.readBatch);
        for (const x of both) x.received(batch, lastSentMs + 10 + b);
      }

      const r: DataReport = tracker.report();
      const model = naive.report();
      expect(r.sent).to.equal(sent.length);
      expect(r.acked).to.equal(sent.length - refusedKeys.size);
      expect(r.received).to.equal(sent.length - droppedKeys.length);
      expect(r.deliveries).to.equal(arriving.length);
      expect(expand(r.lost.ranges)).to.deep.equal(droppedKeys.filter((k) => !refusedKeys.has(k)).sort());
      expect(r.lost.count).to.equal(model.lost.length);
      expect(expand(r.duplicates.ranges)).to.deep.equal([...doubledKeys].sort());
      expect(r.duplicates.extraDeliveries).to.equal(doubledKeys.length);
      expect(r.outOfOrder.count).to.equal(model.outOfOrder);
      if (p.window === 1) expect(r.outOfOrder.count).to.equal(0);
      expect(r.latency.count).to.equal(r.received);
    }), { numRuns: 150 });
  });

  it("ranges of a report never overlap and stay within what was sent", () => {
    fc.assert(fc.property(fc.array(fc.record({ seq: fc.nat(60), stream: fc.constantFrom("", "a") }), { maxLength: 200 }), fc.nat(60), (arrivals, sentUpTo) => {
      const t = new DataTracker();
      const sent = ["", "a"].flatMap((stream) => Array.from({ length: sentUpTo + 1 }, (_, seq) => ({ stream, seq })));
      t.sent(sent, 0);
      t.acked(sent, 1);
      t.received(arrivals, 2);
      const r = t.report();
      for (const list of [r.lost.ranges, r.gaps.ranges, r.duplicates.ranges]) {
        const keys = expand(list);
        expect(new Set(keys).size).to.equal(keys.length);
        for (const x of list) expect(x.to).to.be.at.most(sentUpTo);
      }
      expect(r.lost.count + r.received).to.equal(r.acked);
    }), { numRuns: 200 });
  });
});
