import { expect } from "chai";
import { format } from "../../src/language/format.js";
import { parse } from "../../src/language/parse.js";
import { checked, codes, inRun, line, only, textAt } from "./check-helpers.js";

describe("language: `for NAME in LIST { … }`", () => {
  it("parses to a loop with its name, list and body", () => {
    const r = parse('scenario "t" {\n  timeout: 1m\n  run {\n    for h in hosts(dc1) {\n      pause(h) for 10s\n      wait 30s\n    }\n  }\n}\n', "t.xdc");
    expect(r.diagnostics).to.deep.equal([]);
    const run = r.value.items[0]!.kind === "scenario" ? r.value.items[0]!.members.find((m) => m.kind === "block") : undefined;
    const loop = run?.kind === "block" ? run.body.stmts[0] : undefined;
    expect(loop?.kind).to.equal("forEach");
    if (loop?.kind !== "forEach") return;
    expect([loop.name.name, loop.list.kind, loop.body.stmts.map((s) => s.kind)]).to.deep.equal(["h", "call", ["expr", "wait"]]);
  });

  it("tells a loop after a statement from that statement's `for` duration", () => {
    const text = inRun("    let cut = partition(dc1, dc2)\n    for h in hosts(dc1) { pause(h) for 1s }\n    revert(cut)");
    expect(checked(text).diagnostics.map(line)).to.deep.equal([]);
    const fault = inRun("    partition(dc1, dc2) for 5s\n    for h in hosts(dc2) { pause(h) for 1s }");
    expect(codes(fault)).to.deep.equal([]);
  });

  it("reports a name other than `in`", () => {
    const r = parse('scenario "t" {\n  timeout: 1m\n  run { for h of [1s] { wait h } }\n}\n', "t.xdc");
    expect(r.diagnostics.map((d) => d.code)).to.not.deep.equal([]);
    const r2 = parse('scenario "t" {\n  timeout: 1m\n  run { for h inn [1s] { wait h } }\n}\n', "t.xdc");
    expect(r2.diagnostics.map((d) => `${d.code} ${d.message} ${d.label ?? ""}`)).to.deep.equal(["XDC1001 unexpected `inn` expected `in`"]);
  });

  it("types the loop variable as an item of the list", () => {
    expect(codes(inRun("    for d in [1s, 2s] { wait d }"))).to.deep.equal([]);
    const text = inRun('    for d in ["a", "b"] { wait d }');
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3002", "expected a duration, found a string", "d"]);
    expect(codes(inRun("    for h in hosts(dc1) { pause(h) for 1s }"))).to.deep.equal([]);
    expect(codes(inRun("    for dc in [dc1, dc2] { isolate(dc) for 1s }"))).to.deep.equal([]);
  });

  it("needs a list", () => {
    const text = inRun("    for i in 3 { wait 1s }");
    const d = checked(text).diagnostics.find((x) => x.code === "XDC3002")!;
    expect([d.message, textAt(text, d), d.help?.message]).to.deep.equal(["`for … in` needs a list, found a number", "3", "to run a block a number of times, write `repeat N { … }`"]);
  });

  it("scopes the name to the body, and warns when it is never read", () => {
    expect(codes(inRun("    for d in [1s] { wait 1s }"))).to.deep.equal(["XDC2010"]);
    expect(codes(inRun("    for _d in [1s] { wait 1s }"))).to.deep.equal([]);
    expect(codes(inRun("    for d in [1s] { wait d }\n    wait d"))).to.deep.equal(["XDC2001"]);
  });

  it("counts every round on the timeline", () => {
    const text = inRun("    for h in hosts(dc1) {\n      pause(h) for 10s\n      wait 30s\n    }", "timeout: 1m");
    const d = only(text);
    expect([d.code, d.message, d.label]).to.deep.equal(["XDC4005", "the last of the 3 rounds of this `for` loop ends after the scenario's timeout", "at 90s at the earliest; the timeout is 1m"]);
    expect(codes(inRun("    for h in hosts(dc1) {\n      pause(h) for 10s\n      wait 30s\n    }", "timeout: 2m"))).to.deep.equal([]);
  });

  it("formats a loop, keeping its comments", () => {
    const text = 'scenario "t" {\n  timeout: 1m\n  run {\n    for h /* each host */ in hosts(dc1) { pause(h) for 1s; wait 2s }\n  }\n}\n';
    expect(format(text, "t.xdc").text).to.equal('scenario "t" {\n  timeout: 1m\n  run {\n    for h /* each host */ in hosts(dc1) {\n      pause(h) for 1s\n      wait 2s\n    }\n  }\n}\n');
  });
});
