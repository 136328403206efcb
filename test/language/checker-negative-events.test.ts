import { expect } from "chai";
import { checked, codes, inRun, inVerify, only, scenario, textAt } from "./check-helpers.js";

describe("checker: failovers(…) and role(…)", () => {
  it("types failovers as a count, with `to`, `from` and a phase as `during`", () => {
    expect(
      codes(
        inVerify(`    expect failovers(app) == 0
    expect failovers(app, during: "run") == 0 else "a failover nobody caused"
    expect failovers(app, to: dc2, from: dc1, during: "verify") <= 1`),
      ),
    ).to.deep.equal([]);
    expect(codes(scenario(`  steady {\n    expect failovers(app, during: "steady") == 0\n  }`))).to.deep.equal([]);
  });

  it("holds `during` to the phases' names, with a suggestion", () => {
    const text = inVerify(`    expect failovers(app, during: "verfy") == 0`);
    const d = only(text);
    expect([d.code, textAt(text, d), d.help?.message]).to.deep.equal(["XDC3013", '"verfy"', 'did you mean `"verify"`?']);
  });

  it("refuses a failover to and from the same datacenter, and a count compared with a duration", () => {
    expect(only(inVerify(`    expect failovers(app, to: dc2, from: dc2) == 0`)).code).to.equal("XDC3019");
    expect(only(inVerify(`    expect failovers(app) == 0s`)).code).to.equal("XDC3001");
  });

  it("types role as one of the observer's words, usable in expect, await and messages", () => {
    expect(
      codes(
        inRun(`    await role(app, on: dc2) == "active" within 30s
    expect role(app, on: dc1) != "active" else "dc1 is {role(app, on: dc1)}"
    expect role(app, on: dc1) == "down" or role(app, on: dc1) == "unknown"`),
      ),
    ).to.deep.equal([]);
  });

  it("says a word the role never is, with the nearest one as a maybe-incorrect fix", () => {
    const text = inVerify(`    expect role(app, on: dc2) == "actve"`);
    const d = only(text);
    expect([d.code, textAt(text, d), d.help?.message, d.help?.edit?.applicability]).to.deep.equal(["XDC3004", '"actve"', 'did you mean `"active"`?', "maybe-incorrect"]);
    expect(d.message).to.equal('the other side is never "actve": it is one of "active", "standby", "down", "unknown"');
    // Either side, and `!=` too.
    expect(codes(inVerify(`    expect "primary" != role(app, on: dc2)`))).to.deep.equal(["XDC3004"]);
  });

  it("needs the datacenter, and does not order roles", () => {
    expect(only(inVerify(`    expect role(app) == "active"`)).code).to.equal("XDC3005");
    expect(checked(inVerify(`    expect role(app, on: dc1) < "standby"`)).diagnostics.map((d) => d.code)).to.deep.equal(["XDC3004"]);
  });
});
