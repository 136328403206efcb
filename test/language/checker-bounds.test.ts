import { expect } from "chai";
import { checked, codes, inRun, line, only, scenario, textAt } from "./check-helpers.js";

describe("checker: boundedness", () => {
  it("needs `within` on every await, with a placeholder fix", () => {
    const text = inRun("    let fo = await failover(app, to: dc2)\n    log(fo.detected_by)");
    const d = only(text);
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC4001", "`await` has no time bound", "add `within 60s`"]);
    expect(d.help?.edit).to.deep.include({ newText: " within 60s", applicability: "has-placeholders" });
    const e = d.help!.edit!;
    const fixed = text.slice(0, e.span.start.offset) + e.newText + text.slice(e.span.end.offset);
    expect(fixed).to.include("await failover(app, to: dc2) within 60s\n");
    expect(codes(fixed)).to.deep.equal([]);
  });

  it("reports a fault applied in `run` and never undone, where it was applied", () => {
    const text = inRun("    at 20s: partition(dc1, dc2)");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC4002", "fault left applied", "partition(dc1, dc2)"]);
    expect(d.help?.edit?.newText).to.equal(" for 30s");
  });

  it("accepts a fault reverted later in the run block, or bounded by `for`", () => {
    expect(codes(inRun("    let p = partition(dc1, dc2)\n    wait 30s\n    revert(p)"))).to.deep.equal([]);
    expect(codes(inRun("    let p = partition(dc1, dc2)\n    at 1m { revert(p) }"))).to.deep.equal([]);
    expect(codes(inRun("    let p = partition(dc1, dc2) for 1m\n    after p: log(\"healed\")"))).to.deep.equal([]);
    const d = only(inRun("    let p = partition(dc1, dc2)\n    after p: log(\"never\")"));
    expect([d.code, d.help?.message]).to.deep.equal(["XDC4002", "undo it with `revert(p)`, or add `for` and a duration"]);
  });

  it("needs no `for` on faults whose effect ends by itself, or inside a fault definition", () => {
    expect(codes(inRun("    kill(pe(app, \"Ingest\", on: dc1))"))).to.deep.equal([]);
    expect(codes("fault cut(a: DC, b: DC) { partition(a, b) }")).to.deep.equal([]);
    expect(only(`fault cut(a: DC, b: DC) { partition(a, b) }\n${inRun("    cut(dc1, dc2)")}`).code).to.equal("XDC4002");
  });

  it("needs `for` on `every`", () => {
    const text = inRun("    every 10s { log(\"tick\") }");
    const d = only(text);
    expect([d.code, d.message, d.help?.edit?.newText]).to.deep.equal(["XDC4004", "`every` has no end", " for 5m"]);
    expect(codes(inRun("    every 10s for 1m { log(\"tick\") }"))).to.deep.equal([]);
  });

  it("needs a number of times on `repeat`", () => {
    const text = inRun("    repeat { wait 1s }");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC4004", "`repeat` has no count", "repeat"]);
    expect(only(inRun("    repeat 5s { wait 1s }")).message).to.equal("`repeat` needs a number of times, found a duration");
    expect(codes("fault f(a: DC, n: Number = 2) { repeat n { isolate(a) for 1s } }")).to.deep.equal([]);
  });

  it("reports definitions that call themselves", () => {
    const text = "fault a(x: DC) { b(x) }\nfault b(x: DC) { wait 1s\n  a(x) }\nfault c(x: DC) { c(x) }";
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).to.deep.equal([
      ["XDC4004", "`a` calls itself"],
      ["XDC4004", "`c` calls itself"],
    ]);
    expect(ds[0]!.notes[0]).to.equal("the calls go `a` → `b` → `a`, without end");
  });

  it("requires a timeout", () => {
    const text = `scenario "no bound" {\n  run { wait 1s }\n}`;
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC4003", "scenario has no `timeout`", 'scenario "no bound"']);
    const e = d.help!.edit!;
    const fixed = text.slice(0, e.span.start.offset) + e.newText + text.slice(e.span.end.offset);
    expect(fixed).to.equal(`scenario "no bound" {\n  timeout: 10m\n  run { wait 1s }\n}`);
    expect(codes(fixed)).to.deep.equal([]);
  });

  it("warns when the timeline provably runs past the timeout", () => {
    const at = only(inRun("    at 20m: partition(dc1, dc2) for 1m", "timeout: 10m"));
    expect([at.code, at.severity, at.message]).to.deep.equal(["XDC4005", "warning", "`at 20m` starts after the scenario's timeout"]);
    const waits = checked(inRun("    wait 4m\n    repeat 3 { wait 2m }\n    wait 1s", "timeout: 10m")).diagnostics;
    expect(waits.map(line)).to.deep.equal(["8:5 XDC4005 this `wait` ends after the scenario's timeout"]);
    expect(waits[0]!.label).to.equal("at 601s at the earliest; the timeout is 10m");
    expect(codes(inRun("    wait 4m\n    at 5m: partition(dc1, dc2) for 1m", "timeout: 10m"))).to.deep.equal([]);
  });
});

describe("checker: placement", () => {
  it("keeps timelines in `run` and definitions", () => {
    const text = scenario("  verify { at 1s: log(\"x\") }");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC4006", "`at` in `verify`", "at"]);
    expect(codes("check c(x: Duration) { parallel { expect x > 0s } }")).to.deep.equal([]);
  });

  it("keeps faults in `run` and fault definitions", () => {
    const d = only(scenario("  teardown { partition(dc1, dc2) for 1s }"));
    expect([d.code, d.message]).to.deep.equal(["XDC4006", "fault `partition` applied in `teardown`"]);
    expect(only("check c(a: DC) { isolate(a) for 1s }").message).to.equal("fault `isolate` applied in a check definition");
    const top = only(`scenario "s" {\n  timeout: 1m\n  let _p = partition(dc1, dc2)\n}`);
    expect(top.message).to.equal("fault `partition` applied outside the scenario's blocks");
  });

  it("keeps checks in `verify` and `steady`", () => {
    const def = "check quick(e: Endpoint) { expect throughput(e) > 1/s }\n";
    expect(codes(def + scenario("  steady { quick(app.Results) }\n  verify { quick(app.Results) }"))).to.deep.equal([]);
    expect(only(def + scenario("  run { quick(app.Results) }")).message).to.equal("check `quick` called in `run`");
  });

  it("keeps `await` out of top-level lets", () => {
    expect(codes(`scenario "s" {\n  timeout: 1m\n  let t = await healthy(application("a", bundle: "b"), on: dc1) within 1s\n  run { wait t - t }\n}`)).to.deep.equal(["XDC4006"]);
  });
});
