import { expect } from "chai";
import { codes, inRun, only, textAt } from "./check-helpers.js";

describe("checker: a standard-library fault or check called without its import", () => {
  it("says which module has it, and the fix adds the import", () => {
    const text = inRun("    flap(dc1, dc2) for 1m");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d), d.label]).to.deep.equal(["XDC2009", "unknown function `flap`", "flap", "a fault of the standard library, not imported"]);
    expect(d.help?.message).to.equal('add `import "std/faults"` at the top of the file');
    expect(d.help?.edit?.applicability).to.equal("machine-applicable");
    const fixed = d.help!.edit!.newText + text;
    expect(codes(fixed)).to.deep.equal([]);
  });
});
