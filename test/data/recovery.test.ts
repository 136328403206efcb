import { expect } from "chai";
import { DataTracker, failoverRpo, failoverRpoWindow, failoverWindow, recovery } from "../../src/data/index.js";
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

/**
 * 300 tuples, seq n sent (and acknowledged) at 10·n ms, each arriving 100 ms later, with losses
 * on both sides of a failover that starts at 1 500 ms and is back at 2 000 ms:
 * - 50–59 (sent 500–590): a PE killed long before, restarted in place;
 * - 140–159 (sent 1 400–1 590): the failover's, in flight when dc1 was lost or sent before the takeover;
 *   160–199 arrive at 2 000 (the survivor's first tuples);
 * - 250–254 (sent 2 500–2 540): a later incident, after the service was back.
 */
function bothSides(): DataTracker {
  const t = new DataTracker();
  const id = (seq: number) => [{ stream: "", seq }];
  for (let seq = 0; seq < 300; seq++) {
    t.sent(id(seq), seq * 10);
    t.acked(id(seq), seq * 10 + 1);
  }
  for (let seq = 0; seq < 300; seq++) {
    const lost = (seq >= 50 && seq <= 59) || (seq >= 140 && seq <= 159) || (seq >= 250 && seq <= 254);
    if (lost) continue;
    const sentMs = seq * 10;
    t.received(id(seq), seq >= 160 && seq < 200 ? Math.max(2000, sentMs + 100) : sentMs + 100);
  }
  return t;
}

const failover = { startMs: 1500, backMs: 2000 };

describe("the RPO of a failover (its window only)", () => {
  it("counts the losses within the failover's window, not those before or after it", () => {
    const t = bothSides();
    const r = t.report();
    // over the run, the three losses stretch the span from the PE kill to the later incident
    expect(r.rpo).to.deep.include({ tuples: 35, fromMs: 500, toMs: 2540, ms: 2040 });
    // from the newest tuple that arrived before the outage (139, sent 1 390) to the first arrival after it
    const window = failoverRpoWindow(r.timeline, failover, 3000);
    expect(window).to.deep.equal({ fromMs: 1390, toMs: 2000 });
    expect(failoverRpo(t, r.timeline, [failover], 3000)).to.deep.equal({ tuples: 20, fromMs: 1400, toMs: 1590, ms: 190, window: { fromMs: 1390, toMs: 2000 } });
  });

  it("is over the whole run when no failover was observed", () => {
    const t = bothSides();
    expect(failoverRpo(t, t.report().timeline, [], 3000)).to.deep.equal(t.report().rpo);
  });

  it("takes the worst failover's, and nothing from one that came before the workload sent", () => {
    const t = bothSides();
    const r = t.report();
    const early = { startMs: -500, backMs: -100 };
    // a later failover whose window holds only the 5 tuples of 2 500–2 540 (the silence 2 490 → 2 600)
    const later = { startMs: 2495, backMs: 2600 };
    expect(failoverRpoWindow(r.timeline, early, 3000)).to.equal(undefined);
    expect(failoverRpo(t, r.timeline, [early], 3000)).to.deep.equal({ tuples: 0, ms: 0 });
    expect(failoverRpoWindow(r.timeline, later, 3000)).to.deep.equal({ fromMs: 2490, toMs: 2650 });
    expect(failoverRpo(t, r.timeline, [later, failover, early], 3000)).to.deep.include({ tuples: 20, ms: 190 });
    expect(failoverRpo(t, r.timeline, [later], 3000)).to.deep.include({ tuples: 5, fromMs: 2500, toMs: 2540, ms: 40 });
  });

  it("runs to the reading when none of the workload's tuples arrived after the failover's start", () => {
    const t = new DataTracker();
    const id = (seq: number) => [{ stream: "", seq }];
    for (let seq = 0; seq < 100; seq++) {
      t.sent(id(seq), seq * 10);
      t.acked(id(seq), seq * 10 + 1);
      if (seq !== 10 && seq < 50) t.received(id(seq), seq * 10 + 100);
    }
    const r = t.report();
    expect(failoverRpoWindow(r.timeline, { startMs: 550, backMs: 900 }, 5000)).to.deep.equal({ fromMs: 490, toMs: 5000 });
    // 10 was lost while the old datacenter still delivered: not the failover's
    expect(failoverRpo(t, r.timeline, [{ startMs: 550, backMs: 900 }], 5000)).to.deep.include({ tuples: 50, fromMs: 500, toMs: 990, ms: 490 });
  });

  it("counts from the workload's first sending when none of its tuples had arrived by the failover's start", () => {
    const t = new DataTracker();
    const id = (seq: number) => [{ stream: "", seq }];
    // sent from 1 000 ms, the failover starts at 1 010 ms: 0–19 lost, the rest arrive from 1 800 ms
    for (let seq = 0; seq < 100; seq++) {
      t.sent(id(seq), 1000 + seq * 10);
      t.acked(id(seq), 1001 + seq * 10);
      if (seq >= 20) t.received(id(seq), Math.max(1800, 1100 + seq * 10));
    }
    const r = t.report();
    expect(failoverRpoWindow(r.timeline, { startMs: 1010, backMs: 1800 }, 5000)).to.deep.equal({ fromMs: 1000, toMs: 1800 });
    expect(failoverRpo(t, r.timeline, [{ startMs: 1010, backMs: 1800 }], 5000)).to.deep.include({ tuples: 20, fromMs: 1000, toMs: 1190, ms: 190 });
  });
});
