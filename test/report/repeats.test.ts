import { expect } from "chai";
import { figureStats, median, quantile, repeatScenario, type RepeatOutcome } from "../../src/report/repeats.js";

const outcome = (repeat: number, verdict: RepeatOutcome["verdict"], rtoMs?: number): RepeatOutcome => ({ repeat, verdict, durationMs: 1000, figures: rtoMs === undefined ? {} : { rtoMs }, journal: `repeat-${repeat}/journal.jsonl` });
const base = { name: "s", file: "a.xdc", location: "a.xdc:1", tags: [], repeats: 4, minPass: 1 };

describe("repeats: the statistics over a scenario's repeats", () => {
  it("takes p95 by nearest rank (always one of the values) and the median as the middle (or the mean of the middle two)", () => {
    const xs = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(quantile(xs, 0.95)).to.equal(19);
    expect(quantile([5], 0.95)).to.equal(5);
    expect(quantile([], 0.95)).to.equal(null);
    expect(median([1, 2, 3])).to.equal(2);
    expect(median([1, 2, 3, 10])).to.equal(2.5);
  });

  it("keeps every repeat's value in order, null where a repeat had none, and the spread over those that had one", () => {
    const s = figureStats([3, undefined, 1, 2]);
    expect(s.values).to.deep.equal([3, null, 1, 2]);
    expect(s).to.include({ count: 3, min: 1, median: 2, p95: 3, max: 3 });
    expect(figureStats([undefined])).to.include({ count: 0, min: null, median: null, p95: null, max: null });
  });

  it("passes when the pass rate reaches min_pass, and otherwise says the worst other verdict and why", () => {
    const outcomes = [outcome(1, "pass", 900), outcome(2, "pass", 1100), outcome(3, "fail", 5000), outcome(4, "pass", 1000)];
    expect(repeatScenario({ ...base, minPass: 0.75 }, outcomes)).to.include({ verdict: "pass", passed: 3, runs: 4, pass_rate: 0.75 });
    const strict = repeatScenario(base, outcomes);
    expect(strict.verdict).to.equal("fail");
    expect(strict.reason).to.equal("3 of 4 repeats passed (75%), 100% needed");
    expect(strict.figures.rtoMs).to.include({ min: 900, median: 1050, max: 5000 });
    expect(repeatScenario(base, [outcome(1, "fail"), outcome(2, "error"), outcome(3, "pass"), outcome(4, "pass")]).verdict).to.equal("error");
  });

  it("is no-data when no repeat ran, and an error when fewer ran than asked (an interrupted run proves less)", () => {
    expect(repeatScenario(base, [])).to.include({ verdict: "no-data", pass_rate: null });
    expect(repeatScenario(base, [outcome(1, "pass"), outcome(2, "pass")])).to.include({ verdict: "error", reason: "only 2 of 4 repeats ran" });
  });
});
