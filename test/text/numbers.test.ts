import { expect } from "chai";
import { formatBytes, formatCount, formatDuration, formatMeasure, formatOffsetSeconds, formatPercent, formatShare, formatSignificant } from "../../src/text/numbers.js";
import { render } from "../../src/runtime/interpreter/render.js";

describe("numbers people read (src/text/numbers.ts)", () => {
  it("gives durations the largest unit they fill, with three significant digits", () => {
    const cases: [number, string][] = [
      [0, "0 ms"],
      [0.85, "850 µs"],
      [697.775413, "698 ms"],
      [999.7, "1 s"],
      [1234, "1.23 s"],
      [12_345, "12.3 s"],
      [59_970, "1 min"],
      [90_000, "1.5 min"],
      [3_725_000, "1.03 h"],
      [-1500, "-1.5 s"],
    ];
    for (const [ms, text] of cases) expect(formatDuration(ms), String(ms)).to.equal(text);
  });

  it("prints percentages with two decimals, counts with separators, other measures with three significant digits", () => {
    expect(formatPercent(5.47875064004)).to.equal("5.48%");
    expect(formatPercent(0.1)).to.equal("0.10%");
    expect(formatShare(10, 1000)).to.equal("1.00%");
    expect(formatShare(1, 0)).to.equal("-");
    expect(formatCount(1_234_567)).to.equal("1,234,567");
    expect(formatSignificant(148.79830665675968)).to.equal("149");
    expect(formatSignificant(12_345)).to.equal("12,300");
    expect(formatBytes(1536)).to.equal("1.5 KB");
    expect(formatMeasure(148.798, "tuples/s")).to.equal("149 tuples/s");
    expect(formatMeasure(697.7754, "ms")).to.equal("698 ms");
    expect(formatMeasure(42, "tuples")).to.equal("42 tuples");
    expect(formatOffsetSeconds(6_303)).to.equal("6.303");
    expect(formatOffsetSeconds(12_345)).to.equal("12.35");
    expect(formatOffsetSeconds(1_234_567)).to.equal("1,235");
  });

  it("keeps a measured amount as written while it is short, and rounds a long one", () => {
    const q = (unit: "Duration" | "Percent" | "Rate" | "Number", value: number) => render({ kind: "quantity", unit, value } as never);
    expect(q("Duration", 45_000)).to.equal("45s");
    expect(q("Duration", 697.775413)).to.equal("698 ms");
    expect(q("Percent", 0.1)).to.equal("0.1%");
    expect(q("Percent", 5.47875064004)).to.equal("5.48%");
    expect(q("Rate", 148.79830665675968)).to.equal("149/s");
    expect(q("Number", 12_345_678)).to.equal("12,345,678");
  });
});
