import { expect } from "chai";
import { checked, codes, inRun, inVerify, line, only, scenario, textAt } from "./check-helpers.js";

describe("checker: names", () => {
  it("accepts a scenario that uses what it declares", () => {
    expect(codes(inRun("    partition(dc1, dc2) for 30s\n    let load = inject(app.Ingest, rate: 10/s, for: 10s)\n    after load: log(\"done\")"))).to.deep.equal([]);
  });

  it("reports an unknown datacenter with the closest one, and mentions the other as close", () => {
    const text = inRun("    partition(dc1, dc3) for 30s");
    const d = only(text);
    expect(d.code).to.equal("XDC2002");
    expect(d.message).to.equal("unknown datacenter `dc3`");
    expect(textAt(text, d)).to.equal("dc3");
    expect(d.help?.message).to.equal("did you mean `dc1`?");
    expect(d.help?.edit).to.deep.include({ newText: "dc1", applicability: "maybe-incorrect" });
    expect(d.notes).to.include("`dc2` is just as close");
  });

  it("suggests `dc1` for `dcl`", () => {
    expect(only(inRun("    isolate(dcl) for 30s")).help?.message).to.equal("did you mean `dc1`?");
  });

  it("points at the environment's declaration when it is in a file", () => {
    const text = `environment lab {
  dc east { streams: "https://e/streams/rest" instance: "i" }
  dc west { streams: "https://w/streams/rest" instance: "i" }
}
scenario "s" {
  environment: lab
  timeout: 5m
  run { partition(east, wset) for 10s }
}`;
    const d = only(text);
    expect([d.code, d.message, d.label]).to.deep.equal(["XDC2002", "unknown datacenter `wset`", "not declared in environment `lab`"]);
    expect(d.help?.message).to.equal("did you mean `west`?");
    expect(d.labels.map((l) => [textAt(text, l), l.message])).to.deep.equal([["west", "`west` is declared here"]]);
  });

  it("reports an unknown name once, and nothing that follows from it", () => {
    const text = inVerify("    let r = lost(lod, app.Results)\n    expect r <= 1% and r >= 0%");
    const d = only(text);
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC2001", "unknown name `lod`", "did you mean `load`?"]);
  });

  it("reports an unknown function with did-you-mean over builtins and definitions", () => {
    const d = only(inRun("    partiton(dc1, dc2) for 1s"));
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC2009", "unknown function `partiton`", "did you mean `partition`?"]);
    const def = only(`fault cut(a: DC, b: DC) { partition(a, b) }\n${inRun("    cutt(dc1, dc2) for 1s")}`);
    expect(def.help?.message).to.equal("did you mean `cut`?");
  });

  it("says a bare word meant as a choice should be a string", () => {
    const text = scenario("  run { submit(app, to: dc2, role: standby) }");
    const d = only(text);
    expect([d.code, textAt(text, d), d.help?.message]).to.deep.equal(["XDC2001", "standby", 'write `"standby"`']);
    expect(d.help?.edit).to.deep.include({ newText: '"standby"', applicability: "machine-applicable" });
  });

  it("reports unknown fields with did-you-mean, and fields of an event not yet awaited", () => {
    const d = only(inVerify("    expect fo.rot <= 45s"));
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC2005", "a failover has no field `rot`", "did you mean `rto`?"]);
    const e = only(inRun("    log(failover(app, to: dc2).detected_by)"));
    expect(e.code).to.equal("XDC2005");
    expect(e.help?.message).to.match(/^await the event first/);
  });

  it("reports an undeclared endpoint with the application's declaration", () => {
    const text = inRun("    inject(app.Ingets, rate: 10/s, for: 10s)");
    const d = only(text);
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC2006", "unknown endpoint `Ingets`", "did you mean `Ingest`?"]);
    expect(d.labels[0]?.message).to.equal("declares sources `Ingest` and sinks `Results`");
    expect(textAt(text, d.labels[0]!)).to.match(/^application\("Demo"/);
  });

  it("accepts any endpoint of an application whose endpoints are not known", () => {
    expect(codes(`fault feed(a: Application) { inject(a.Anything, rate: 1/s, for: 1s) }`)).to.deep.equal([]);
  });

  it("reports a name defined twice in one block", () => {
    const text = inRun("    let x = 1s\n    let x = 2s\n    wait x");
    expect(checked(text).diagnostics.map(line)).to.deep.equal(["7:9 XDC2003 `x` is already defined here"]);
  });

  it("warns about unused bindings, except `_name`", () => {
    const text = inRun("    let unused = 5s\n    let _ignored = 6s\n    await healthy(app, on: dc2) within 1m as h");
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => [d.code, d.severity, d.message])).to.deep.equal([
      ["XDC2010", "warning", "`unused` is never used"],
      ["XDC2010", "warning", "`h` is never used"],
    ]);
    expect(ds[0]!.help?.edit?.newText).to.equal("_unused");
  });

  it("does not call module-level lets unused: other files import them", () => {
    expect(codes(`let period = 10s`)).to.deep.equal([]);
  });

  it("warns when a name shadows an outer one", () => {
    const text = inRun("    let period = 10s\n    repeat 2 {\n      let period = 5s\n      wait period\n    }\n    wait period");
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => [d.code, d.severity, d.message])).to.deep.equal([["XDC2013", "warning", "`period` shadows an outer `period`"]]);
    expect(ds[0]!.labels[0]?.message).to.equal("the outer one");
    const builtin = only(inRun("    let latency = 5s\n    wait latency"));
    expect([builtin.code, builtin.message]).to.deep.equal(["XDC2013", "`latency` shadows the builtin `latency`"]);
  });

  it("reports unknown parameter types", () => {
    const d = only(`fault f(a: Dc) { isolate(a) }`);
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC2012", "unknown type `Dc`", "did you mean `DC`?"]);
  });

  it("makes `run`'s names visible in `verify`, and not the other way round", () => {
    expect(codes(inVerify("    expect duplicates(load, app.Results) == 0"))).to.deep.equal([]);
    const d = only(scenario("  run { wait later }\n  verify { let later = 1s\n expect later > 0s }"));
    expect(d.message).to.equal("unknown name `later`");
  });
});
