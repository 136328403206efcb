import { expect } from "chai";
import { EXIT, exitCodeFor } from "../../src/cli/exit.js";

type Outcome = Parameters<typeof exitCodeFor>[0][number];
const pass: Outcome = { verdict: "pass" };
const fail: Outcome = { verdict: "fail" };
const noData: Outcome = { verdict: "no-data" };
const error: Outcome = { verdict: "error", errorClass: "environment" };
const interrupted: Outcome = { verdict: "error", errorClass: "interrupted" };

describe("exit codes", () => {
  it("keeps the documented numbers", () => {
    expect(EXIT).to.deep.equal({ pass: 0, fail: 1, usage: 2, error: 3, "no-data": 4, interrupted: 130 });
  });

  // The verdicts of a run's scenarios, and the code the run exits with: the worst one wins.
  const table: readonly [readonly Outcome[], number][] = [
    [[pass], 0],
    [[pass, pass, pass], 0],
    [[fail], 1],
    [[pass, fail], 1],
    [[noData], 4],
    [[pass, noData], 4],
    [[noData, fail], 1],
    [[error], 3],
    [[{ verdict: "error", errorClass: "timeout" }], 3],
    [[fail, error, noData], 3],
    [[interrupted], 130],
    [[pass, error, interrupted, fail], 130],
  ];
  it("exits 4 for a run without any scenario: nothing was judged, so nothing passed", () => {
    expect(exitCodeFor([])).to.equal(EXIT["no-data"]);
  });

  for (const [outcomes, code] of table) {
    it(`exits ${code} for [${outcomes.map((o) => o.errorClass ?? o.verdict).join(", ")}]`, () => {
      expect(exitCodeFor(outcomes)).to.equal(code);
    });
  }

  it("does not depend on the order of the scenarios", () => {
    const all = [pass, fail, noData, error];
    for (let i = 0; i < all.length; i++) {
      const turned = [...all.slice(i), ...all.slice(0, i)];
      expect(exitCodeFor(turned)).to.equal(EXIT.error);
    }
  });
});
