import { expect } from "chai";
import { figureStats, median, quantile, repeatChecks, repeatScenario, type ObservedCheck, type RepeatOutcome } from "../../src/report/repeats.js";

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

describe("repeats: checks over repeats (`expect p95(fo.rto) <= 2s`), judged after the last repeat", () => {
  const at = "a.xdc:9:5";
  const seen = (value: number | undefined, stat: "median" | "p95" | "p99" = "p95", op: "<=" | ">=" = "<=", limit = 2000): ObservedCheck => ({
    source: `expect ${stat}(fo.rto) ${op} 2s`,
    location: at,
    overRepeats: { stat, op, unit: "ms", limit, ...(value !== undefined ? { value } : {}) },
  });
  const observed = (...values: (number | undefined)[]) => new Map(values.map((v, i) => [i + 1, [seen(v)]]));

  it("takes the statistic over the repeats' values (nearest rank for p95 and p99) and judges it against the limit", () => {
    const twenty = new Map(Array.from({ length: 20 }, (_, i) => [i + 1, [seen((i + 1) * 100)]]));
    const [p95] = repeatChecks([...twenty.keys()], twenty);
    expect(p95).to.include({ value: 1900, count: 20, limit: 2000, verdict: "pass", expected: "p95 <= 2 s", actual: "p95 1.9 s over 20 values of 20 repeats" });
    const [fails] = repeatChecks([1, 2, 3], observed(1000, 2500, 1500));
    expect(fails).to.include({ value: 2500, verdict: "fail" });
    const median = repeatChecks([1, 2], new Map([[1, [seen(1000, "median")]], [2, [seen(3000, "median")]]]))[0]!;
    expect(median).to.include({ value: 2000, verdict: "pass" });
    const p99 = repeatChecks([1, 2], new Map([[1, [seen(1000, "p99", ">=", 1500)]], [2, [seen(3000, "p99", ">=", 1500)]]]))[0]!;
    expect(p99).to.include({ value: 3000, verdict: "pass" });
  });

  it("leaves out repeats without a value, and is no-data, never a pass, when none had one", () => {
    const [some] = repeatChecks([1, 2, 3], observed(1000, undefined, 1200));
    expect(some!.values).to.deep.equal([1000, null, 1200]);
    expect(some).to.include({ count: 2, value: 1200, verdict: "pass" });
    const [none] = repeatChecks([1, 2], observed(undefined, undefined));
    expect(none).to.include({ count: 0, value: null, verdict: "no-data", actual: "no data: no repeat had a value" });
    // A repeat that stopped before the check counts as one without a value.
    const [short] = repeatChecks([1, 2], new Map([[1, [seen(900)]]]));
    expect(short!.values).to.deep.equal([900, null]);
  });

  it("folds the checks' verdicts into the scenario's: a failing check fails a scenario whose every repeat passed", () => {
    const outcomes = [outcome(1, "pass"), outcome(2, "pass")];
    const s = repeatScenario({ ...base, repeats: 2 }, outcomes, observed(1000, 2500));
    expect(s).to.include({ verdict: "fail", pass_rate: 1, reason: "expect p95(fo.rto) <= 2s at a.xdc:9:5: expected p95 <= 2 s, p95 2.5 s over 2 values of 2 repeats" });
    expect(s.checks).to.have.length(1);
    expect(repeatScenario({ ...base, repeats: 2 }, outcomes, observed(undefined, undefined)).verdict).to.equal("no-data");
    expect(repeatScenario({ ...base, repeats: 2 }, outcomes, observed(1000, 1500))).to.include({ verdict: "pass" });
    expect(repeatScenario({ ...base, repeats: 2 }, outcomes).checks).to.deep.equal([]);
  });
});

describe("repeats: a check over repeats at one place reached twice in a run (a `check` definition called twice)", () => {
  it("is two checks, each over its own call's values", () => {
    const c = (value: number): ObservedCheck => ({ source: "expect p95(x) <= 2s", location: "lib.xdc:3:3", overRepeats: { stat: "p95", op: "<=", unit: "ms", limit: 2000, value } });
    const checks = repeatChecks([1, 2], new Map([[1, [c(100), c(3000)]], [2, [c(200), c(2500)]]]));
    expect(checks.map((x) => [x.values, x.verdict])).to.deep.equal([
      [[100, 200], "pass"],
      [[3000, 2500], "fail"],
    ]);
  });
});
