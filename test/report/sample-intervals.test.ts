import { expect } from "chai";
import { sampleIntervals } from "../../src/report/sample-intervals.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";

type Sample = Extract<JournalEvent, { kind: "sample" }>;
const sample = (t: number, value: number, dc = "dc1"): Sample => ({ t, wall: "", scenario: "s", kind: "sample", series: "throughput", unit: "tuples/s", value, dc, endpoint: "Results" });

describe("report: the interval each sample measures", () => {
  it("ends at the sample's stamp and begins at the previous sample of its series", () => {
    const rows = sampleIntervals([sample(1_000, 10), sample(1_005, 0, "dc2"), sample(2_000, 20), sample(3_010, 30), sample(4_010, 40)]);
    const dc1 = rows.filter((r) => r.series === "throughput · dc1 · Results");
    expect(dc1.map((r) => [r.fromMs, r.toMs, r.value])).to.deep.equal([
      [0, 1_000, 10],
      [1_000, 2_000, 20],
      [2_000, 3_010, 30],
      [3_010, 4_010, 40],
    ]);
    expect(rows.filter((r) => r.series === "throughput · dc2 · Results").map((r) => [r.fromMs, r.toMs])).to.deep.equal([[5, 1_005]]);
    expect(new Set(dc1.map((r) => r.segment)).size).to.equal(1);
  });

  it("gives the first sample, and one after a gap, one usual spacing, and breaks the line at the gap", () => {
    const rows = sampleIntervals([sample(1_000, 1), sample(2_000, 2), sample(3_000, 3), sample(9_000, 9), sample(10_000, 10)]);
    expect(rows.map((r) => [r.fromMs, r.toMs])).to.deep.equal([
      [0, 1_000],
      [1_000, 2_000],
      [2_000, 3_000],
      [8_000, 9_000],
      [9_000, 10_000],
    ]);
    expect(rows[3]!.segment).to.not.equal(rows[2]!.segment);
    expect(rows[4]!.segment).to.equal(rows[3]!.segment);
  });
});
