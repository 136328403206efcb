import { expect } from "chai";
import { checkText, memoryHost } from "../../src/language/index.js";
import { plan } from "../../src/plan/plan.js";
import { planText } from "../../src/plan/render.js";
import { targetFor } from "../../src/plan/target.js";
import { twinLayout } from "../../src/cli/plan-twin.js";
import { checked, codes, inRun, inVerify, line, only, textAt } from "./check-helpers.js";

const planned = async (text: string) => {
  const c = checkText(text, "t.xdc", memoryHost());
  expect(c.diagnostics.filter((d) => d.severity === "error").map(line)).to.deep.equal([]);
  return planText(await plan(c.value, () => text, (s) => targetFor(s, { twin: twinLayout })));
};

describe("language: `{expressions}` in messages", () => {
  it("writes values in with their units, and `{{` `}}` as braces", async () => {
    const text = inRun('    let hold = 30s\n    log("hold {hold}, {2 * 250/s}, {hosts(dc1)[0]}, {{literal}}")');
    expect(await planned(text)).to.contain('log "hold 30s, 500/s, dc1-h1, {literal}"');
  });

  it("checks the names inside, at their place in the file", () => {
    const text = inRun('    log("rto was {rto}")');
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC2001", "unknown name `rto`", "rto"]);
    expect(codes(inVerify('    expect fo.rto <= 45s else "took {fo.rto}, more than {45s}"'))).to.deep.equal([]);
    const member = inVerify('    expect fo.rto <= 45s else "took {fo.rtoo}"');
    expect([only(member).code, textAt(member, only(member))]).to.deep.equal(["XDC2005", "rtoo"]);
  });

  it("counts a name read only in a message as used", () => {
    expect(codes(inRun('    let hold = 30s\n    log("{hold}")'))).to.deep.equal([]);
  });

  it("reports a lone brace, an empty or unreadable value, with fixes", () => {
    const open = inRun('    log("a { b")');
    const d = only(open);
    expect([d.code, d.message, textAt(open, d)]).to.deep.equal(["XDC1013", "`{` without its `}` in a message", "{"]);
    const close = inRun('    log("a } b")');
    const c = only(close);
    expect([c.code, c.help?.edit?.newText, c.help?.edit?.applicability]).to.deep.equal(["XDC1013", "}}", "machine-applicable"]);
    expect(codes(inRun('    log("a {} b")'))).to.deep.equal(["XDC1013"]);
    expect(codes(inRun('    log("a {1s +} b")'))).to.include("XDC1001");
  });

  it("leaves braces in other strings alone", () => {
    expect(codes(inRun('    log("plain text")\n    let _t = "enum{a, b}"'))).to.deep.equal([]);
    const schema = checked(inRun('    let _s = {kind: "enum{a, b}"}')).diagnostics.map(line);
    expect(schema).to.deep.equal([]);
  });

  it("fills the `else` message of an expectation when it is judged", async () => {
    const text = inRun('    let limit = 45s\n    expect 2 > 3 else "limit was {limit}"');
    const c = checkText(text, "t.xdc", memoryHost());
    expect(c.diagnostics.map(line)).to.deep.equal([]);
    const plans = await plan(c.value, () => text, (s) => targetFor(s, { twin: twinLayout }));
    const failed = plans[0]!.events.find((e) => e.kind === "expect");
    expect(failed).to.deep.include({ ok: false, message: "limit was 45s" });
  });
});
