import { expect } from "chai";
import { quantile } from "../../../src/data/index.js";
import { LatencyHistogram } from "../../../src/data/sketch.js";
import { Flow } from "../../../src/runtime/live/flow.js";
import { latencySamples, sketchSince } from "../../../src/runtime/live/samples.js";

describe("live: flows and per-second samples", () => {
  it("a flow gives the rate over a recent window and the reads around an instant, in a ring of fixed size", () => {
    const f = new Flow();
    for (let t = 0; t < 10_000; t += 100) f.add(t, 50);
    f.add(20_000, 0);
    expect(f.total).to.equal(5_000);
    expect(f.rate(9_900, 1_000)).to.equal(500);
    expect(f.rate(30_000, 1_000)).to.equal(0);
    expect(f.firstAtOrAfter(4_950)).to.equal(5_000);
    expect(f.lastAtOrBefore(4_950)).to.equal(4_900);
    expect(f.firstAtOrAfter(10_000)).to.equal(undefined);
    for (let t = 10_000; t < 1_000_000; t += 100) f.add(t, 1);
    // the oldest reads have left the ring: nothing is known before it any more
    expect(f.lastAtOrBefore(4_950)).to.equal(undefined);
  });

  it("a second's latency quantiles come from what the sketch gained in it, not from the whole run", () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 1_000; i++) h.add(10);
    const before = h.snapshot();
    for (let i = 0; i < 100; i++) h.add(500);
    const second = sketchSince(h.snapshot(), before);
    expect(second.count).to.equal(100);
    expect(quantile(second, 0.5)).to.be.closeTo(500, 5);
    expect(latencySamples(second, "Results").map((s) => [s.series, s.unit, s.endpoint, Math.round(s.value / 10) * 10])).to.deep.equal([
      ["latency p50", "ms", "Results", 500],
      ["latency p99", "ms", "Results", 500],
    ]);
    expect(latencySamples(sketchSince(h.snapshot(), h.snapshot()), "Results")).to.deep.equal([]);
  });
});
