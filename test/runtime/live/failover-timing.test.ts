import { expect } from "chai";
import { failoverTiming } from "../../../src/runtime/live/failover-timing.js";

describe("failover figures (one definition: docs/language.md)", () => {
  it("counts detection from the fault to the declaration, and the RTO on to the survivor's first tuple", () => {
    const t = failoverTiming({ declaredAtMs: 1_700, faultTimes: [200, 1_000, 2_000], lastTupleBeforeMs: 900, firstTupleAtMs: 1_800 });
    expect(t).to.deep.equal({ startMs: 1_000, faultAtMs: 1_000, detectedAtMs: 1_700, takeoverAtMs: 1_700, firstTupleAtMs: 1_800, detectionMs: 700, rtoMs: 800 });
  });

  it("starts from the lost datacenter's last tuple when xdc applied no fault before the failover", () => {
    const t = failoverTiming({ declaredAtMs: 5_000, faultTimes: [6_000], lastTupleBeforeMs: 4_200, firstTupleAtMs: 5_300 });
    expect(t.faultAtMs).to.equal(undefined);
    expect([t.startMs, t.detectionMs, t.rtoMs]).to.deep.equal([4_200, 800, 1_100]);
  });

  it("ends the RTO at the takeover when nothing was being sent", () => {
    const t = failoverTiming({ declaredAtMs: 3_000, faultTimes: [2_500] });
    expect([t.firstTupleAtMs, t.detectionMs, t.rtoMs]).to.deep.equal([undefined, 500, 500]);
  });
});

describe("failover figures from sink reads", () => {
  it("take a tuple at the time xdc read it, never earlier, and never before the takeover", () => {
    expect(failoverTiming({ declaredAtMs: 1_000, faultTimes: [500], firstTupleAtMs: 1_200 }).rtoMs).to.equal(700);
    expect(failoverTiming({ declaredAtMs: 1_000, faultTimes: [500], firstTupleAtMs: 990 }).rtoMs).to.equal(500);
  });
});
