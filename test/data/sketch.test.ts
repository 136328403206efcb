import { expect } from "chai";
import fc from "fast-check";
import { LatencyHistogram, quantile, RELATIVE_ERROR } from "../../src/data/sketch.js";

/** Nearest rank, as the sketch defines it. */
const exact = (xs: readonly number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * xs.length)) - 1]!;

describe("latency sketch", () => {
  it("answers every quantile within its relative error, with exact extremes", () => {
    const values = fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 });
    fc.assert(fc.property(values, fc.double({ min: 0.001, max: 0.999, noNaN: true }), (xs, q) => {
      const h = new LatencyHistogram();
      xs.forEach((x) => h.add(x));
      const s = h.snapshot();
      const want = exact(xs, q);
      expect(quantile(s, q)!).to.be.closeTo(want, want * RELATIVE_ERROR * 1.0001);
      expect(quantile(s, 0)).to.equal(Math.min(...xs));
      expect(quantile(s, 1)).to.equal(Math.max(...xs));
    }), { numRuns: 200 });
  });

  it("holds zero and negative latencies as zero, and nothing as no answer", () => {
    const h = new LatencyHistogram();
    expect(quantile(h.snapshot(), 0.5)).to.equal(undefined);
    [-3, 0, 0, 10].forEach((x) => h.add(x));
    expect(quantile(h.snapshot(), 0.5)).to.equal(0);
    expect(quantile(h.snapshot(), 0.1)).to.equal(0);
    expect(quantile(h.snapshot(), 0)).to.equal(-3);
  });

  it("keeps a fixed number of buckets however many values it sees", () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 100_000; i++) h.add((i % 5000) + 0.5);
    const s = h.snapshot();
    expect(s.count).to.equal(100_000);
    expect(s.buckets.length).to.be.lessThan(1000);
  });
});
