import { expect } from "chai";
import { failoverTiming } from "../../../src/runtime/live/failover-timing.js";
import type { Arrival } from "../../../src/runtime/live/sinks.js";

const arrival = (atMs: number, dc: string, tuple: Record<string, unknown> = {}): Arrival => ({ atMs, dc, tuple: { _dc: dc, ...tuple } });

describe("failover figures (one definition: docs/language.md)", () => {
  it("counts detection from the fault to the declaration, and the RTO on to the survivor's first tuple", () => {
    const t = failoverTiming({ declaredAtMs: 1_700, from: "dc1", to: "dc2", faultTimes: [200, 1_000, 2_000], arrivals: [arrival(900, "dc1"), arrival(1_650, "dc2"), arrival(1_800, "dc2"), arrival(1_900, "dc2")] });
    expect(t).to.deep.equal({ startMs: 1_000, faultAtMs: 1_000, detectedAtMs: 1_700, takeoverAtMs: 1_700, firstTupleAtMs: 1_800, detectionMs: 700, rtoMs: 800 });
  });

  it("reads a tuple's origin from `_dc`, so a survivor's tuple read in another datacenter's sink still counts", () => {
    const t = failoverTiming({ declaredAtMs: 100, from: "dc1", to: "dc2", faultTimes: [0], arrivals: [{ atMs: 150, dc: "dc1", tuple: { _dc: "dc1" } }, { atMs: 180, dc: "dc1", tuple: { _dc: "dc2" } }] });
    expect(t.firstTupleAtMs).to.equal(180);
  });

  it("starts from the lost datacenter's last tuple when xdc applied no fault before the failover", () => {
    const t = failoverTiming({ declaredAtMs: 5_000, from: "dc1", to: "dc2", faultTimes: [6_000], arrivals: [arrival(4_000, "dc1"), arrival(4_200, "dc1"), arrival(5_300, "dc2")] });
    expect(t.faultAtMs).to.equal(undefined);
    expect([t.startMs, t.detectionMs, t.rtoMs]).to.deep.equal([4_200, 800, 1_100]);
  });

  it("ends the RTO at the takeover when nothing was being sent", () => {
    const t = failoverTiming({ declaredAtMs: 3_000, from: "dc1", to: "dc2", faultTimes: [2_500], arrivals: [] });
    expect([t.firstTupleAtMs, t.detectionMs, t.rtoMs]).to.deep.equal([undefined, 500, 500]);
  });
});

describe("failover figures from sink reads", () => {
  it("take a tuple to have reached the sink midway between two reads, but not before the takeover", () => {
    const read = (atMs: number, estimatedMs: number): Arrival => ({ atMs, dc: "dc2", tuple: { _dc: "dc2" }, estimatedMs });
    expect(failoverTiming({ declaredAtMs: 1_000, from: "dc1", to: "dc2", faultTimes: [500], arrivals: [read(1_200, 1_150)] }).rtoMs).to.equal(650);
    expect(failoverTiming({ declaredAtMs: 1_000, from: "dc1", to: "dc2", faultTimes: [500], arrivals: [read(1_040, 990)] }).rtoMs).to.equal(500);
  });
});
