import { expect } from "chai";
import { DataTracker, failoverWindow, recovery } from "../../src/data/index.js";
import { TimelineRecorder } from "../../src/data/timeline.js";

/** Arrivals every 100 ms until 2 000, silence until 9 000, then every 100 ms until 12 000. */
function outage() {
  const t = new TimelineRecorder(4);
  for (let ms = 0; ms <= 2000; ms += 100) t.arrived(ms);
  for (let ms = 9000; ms <= 12_000; ms += 100) t.arrived(ms);
  return t.snapshot();
}

describe("recovery (RTO)", () => {
  it("counts from the fault to the first arrival after the outage, detection apart", () => {
    expect(recovery(outage(), { faultAtMs: 1950, detectedAtMs: 4950 })).to.deep.equal({
      kind: "recovered", outage: { fromMs: 2000, toMs: 9000 }, startMs: 1950, rtoMs: 7050, detectionMs: 3000,
    });
  });

  it("counts from the last arrival before the silence when the fault time is unknown", () => {
    expect(recovery(outage())).to.deep.include({ startMs: 2000, rtoMs: 7000 });
  });

  it("says when nothing arrived after the fault", () => {
    expect(recovery(outage(), { faultAtMs: 12_500 })).to.deep.equal({ kind: "not-recovered", lastArrivalMs: 12_000, reason: "no tuple arrived after the fault at 12500 ms" });
    expect(recovery(new TimelineRecorder().snapshot(), { faultAtMs: 5 })).to.deep.equal({ kind: "no-data", reason: "no tuple arrived at the sink" });
  });

  it("keeps the longest silences only", () => {
    const t = new TimelineRecorder(2);
    [0, 10, 30, 60, 100, 101].forEach((ms) => t.arrived(ms));
    expect(t.snapshot().gaps).to.deep.equal([{ fromMs: 30, toMs: 60 }, { fromMs: 60, toMs: 100 }]);
  });

  it("ignores silences that start after `untilMs`", () => {
    expect(recovery(outage(), { untilMs: 1000 })).to.deep.include({ outage: { fromMs: 0, toMs: 100 } });
  });

  it("gives the RPO window of a failover: lost tuples sent long before the outage do not count", () => {
    const t = new DataTracker();
    const id = (seq: number) => [{ stream: "", seq }];
    for (let seq = 0; seq < 120; seq++) {
      t.sent(id(seq), seq * 100);
      t.acked(id(seq), seq * 100 + 1);
      // 5 was lost long before the fault, 20..21 at the failover (sent 2 000–2 100, after the last arrival at 2 050).
      const lost = seq === 5 || seq === 20 || seq === 21;
      const arrivesMs = seq < 20 ? seq * 100 + 50 : Math.max(9000, seq * 100 + 50);
      if (!lost) t.received(id(seq), arrivesMs);
    }
    const rec = recovery(t.report().timeline, { faultAtMs: 1990 });
    if (rec.kind !== "recovered") throw new Error(rec.kind);
    const window = failoverWindow(rec);
    expect(t.report().rpo.tuples).to.equal(3);
    expect(window).to.deep.equal({ fromMs: 1900, toMs: 9000 });
    expect(t.report({ rpoWindow: window }).rpo).to.deep.include({ tuples: 2, fromMs: 2000, toMs: 2100, ms: 100 });
  });
});
