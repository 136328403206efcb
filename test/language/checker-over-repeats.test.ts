import { expect } from "chai";
import { codes, inVerify, only, textAt } from "./check-helpers.js";

describe("checker: checks over repeats (`median`, `p95`, `p99`; XDC3021)", () => {
  it("accepts a statistic over repeats as either side of an `expect` comparison, in the value's unit", () => {
    expect(codes(inVerify("    expect p95(fo.rto) <= 2s"))).to.deep.equal([]);
    expect(codes(inVerify("    expect 2s >= median(fo.rto)"))).to.deep.equal([]);
    expect(codes(inVerify('    expect p99(lost(load, app.Results)) <= 1% else "losses over the repeats"'))).to.deep.equal([]);
  });

  it("types the statistic as its value: a duration compared with a number is a unit mismatch", () => {
    expect(codes(inVerify("    expect p95(fo.rto) <= 2"))).to.deep.equal(["XDC3001"]);
  });

  it("rejects a statistic over repeats anywhere but one side of an `expect` comparison", () => {
    const text = inVerify("    let worst = p95(fo.rto)\n    expect worst <= 2s");
    const d = only(text);
    expect([d.code, textAt(text, d)]).to.deep.equal(["XDC3021", "p95(fo.rto)"]);
    expect(d.help?.message).to.equal("write it as one side of a comparison: `expect p95(…) <= LIMIT`");
    expect(codes(inVerify("    expect p95(fo.rto) * 2 <= 2s"))).to.deep.equal(["XDC3021"]);
    expect(codes(inVerify("    expect p95(fo.rto) <= 2s and fo.rto <= 3s"))).to.deep.equal(["XDC3021"]);
    expect(codes(inVerify("    expect p95(p95(fo.rto)) <= 2s"))).to.deep.equal(["XDC3021"]);
    expect(codes(inVerify('    log("p95 {p95(fo.rto)}")'))).to.deep.equal(["XDC3021"]);
  });

  it("rejects a statistic on both sides of one comparison, at the right one", () => {
    const text = inVerify("    expect p95(fo.rto) <= median(fo.rto)");
    const d = only(text);
    expect([d.code, textAt(text, d), d.message]).to.deep.equal(["XDC3021", "median(fo.rto)", "a statistic over repeats on both sides of a comparison"]);
  });

  it("does not take a series: a series' figures are `max`, `mean` and `percentile`", () => {
    expect(codes(inVerify("    let cpu = sample fo.rto every 1s\n    wait 5s\n    expect p95(cpu) <= 2s"))).to.deep.equal(["XDC3002"]);
  });
});
