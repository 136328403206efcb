import { expect } from "chai";
import { fitStatus } from "../../src/cli/exec-progress.js";

describe("exec: the status line's width", () => {
  const line = "[fault 12.5s] faults: none";

  it("keeps the whole line when the terminal reports width 0 (script -qc): 0 means unknown", () => {
    expect(fitStatus(line, 0)).to.equal(line);
  });

  it("keeps the whole line when there is no width at all", () => {
    expect(fitStatus(line, undefined)).to.equal(line);
  });

  it("cuts to the width less one column on a known, narrow terminal", () => {
    expect(fitStatus(line, 10)).to.equal(line.slice(0, 9));
  });

  it("assumes 120 columns when the width is unknown", () => {
    expect(fitStatus("x".repeat(200), 0)).to.have.length(119);
  });
});
