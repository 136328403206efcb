import { expect } from "chai";
import { checked, codes, inRun, inVerify, only, scenario, textAt } from "./check-helpers.js";

describe("checker: calls", () => {
  it("matches positional and named arguments, with defaults", () => {
    expect(codes(inRun("    latency(dc1, dc2, delay: 100ms) for 1m\n    latency(dc1, dc2, 100ms, 10ms) for 1m\n    latency(b: dc2, a: dc1, delay: 1s) for 1m"))).to.deep.equal([]);
  });

  it("reports a missing argument with a placeholder edit", () => {
    const text = inRun("    latency(dc1, dc2) for 1m");
    const d = only(text);
    expect([d.code, d.message]).to.deep.equal(["XDC3005", "missing argument `delay` in the call to `latency`"]);
    expect(d.help?.edit).to.deep.include({ newText: ", delay: …", applicability: "has-placeholders" });
  });

  it("reports too many positional arguments", () => {
    const text = inRun("    partition(dc1, dc2, dc1) for 1s");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3006", "`partition` takes 2 arguments, found more", "dc1"]);
  });

  it("reports an unknown named argument with did-you-mean over the parameters", () => {
    const text = inRun("    latency(dc1, dc2, dela: 10ms) for 1m");
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => d.code)).to.deep.equal(["XDC3005", "XDC2011"]);
    expect([ds[1]!.message, ds[1]!.help?.message, textAt(text, ds[1]!)]).to.deep.equal(["`latency` has no parameter `dela`", "did you mean `delay`?", "dela"]);
  });

  it("reports a named argument given twice", () => {
    const text = inRun("    partition(dc1, b: dc2, b: dc1) for 1s");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3007", "argument `b` is given twice", "b: dc1"]);
    expect(d.labels.map((l) => textAt(text, l))).to.deep.equal(["b: dc2"]);
  });

  it("reports a positional argument after a named one", () => {
    const text = inRun("    partition(a: dc1, dc2) for 1s");
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => d.code)).to.deep.equal(["XDC3005", "XDC3011"]);
    expect(ds[1]!.help?.message).to.equal("name it: `b: …`");
  });

  it("reports calling what is not a function", () => {
    const d = only(inRun("    app.Ingest()"));
    expect([d.code, d.message]).to.deep.equal(["XDC3009", "cannot call a source endpoint"]);
    expect(only(inRun("    let x = 5s\n    x(1)")).code).to.equal("XDC3009");
  });

  it("reports `for` on what is not a fault", () => {
    const d = only(inRun("    inject(app.Ingest, rate: 1/s, for: 10s) for 10s"));
    expect([d.code, d.message]).to.deep.equal(["XDC3012", "`for` needs a fault, found a workload"]);
    expect(d.help?.message).to.match(/for: 90s/);
    expect(only(inRun("    log(\"x\") for 1s")).message).to.equal("`for` needs a fault, but this returns nothing");
  });

  it("knows which way tuples flow through an endpoint", () => {
    const text = inRun("    inject(app.Results, rate: 10/s, for: 10s)");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3008", "cannot send tuples into a sink endpoint", "app.Results"]);
    expect(d.help?.message).to.equal("use a source such as `Ingest`");
    expect(only(inVerify("    collect(app.Ingest)")).message).to.equal("cannot read tuples from a source endpoint");
    expect(only(inVerify("    expect ordered(app.Ingest, by: \"seq\")")).code).to.equal("XDC3008");
  });

  it("checks known values against a parameter's range", () => {
    const d = only(inRun("    packet_loss(dc1, dc2, rate: 150%) for 1m"));
    expect([d.code, d.message]).to.deep.equal(["XDC3013", "`rate` must be at most 100%, found 150%"]);
    expect(only(inRun("    bandwidth(dc1, dc2, limit: 0B) for 1m")).message).to.equal("`limit` must be more than 0B, found 0B");
    expect(only(inVerify("    expect latency_p(load, app.Results, q: 99) < 1s")).message).to.equal("`q` must be at most 1, found 99");
  });

  it("checks the words a choice allows", () => {
    const text = scenario("  run { submit(app, to: dc2, role: \"standbye\") }");
    const d = only(text);
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC3013", '`role` must be one of "primary", "standby", found "standbye"', 'did you mean `"standby"`?']);
    expect(d.help?.edit?.newText).to.equal('"standby"');
  });

  it("checks a workload's schema", () => {
    const text = inRun('    inject(app.Ingest, rate: 1/s, for: 1s, schema: {id: "int46", name: "rstring", n: 3})');
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).to.deep.equal([
      ["XDC3014", 'unknown attribute type "int46" for `id`'],
      ["XDC3014", "the type of attribute `n` is not a type name"],
    ]);
    expect(ds[0]!.help?.message).to.equal('did you mean `"int64"`?');
  });

  it("checks enumerations and nested records in a schema, naming the attribute's path", () => {
    const good = inRun('    inject(app.Ingest, rate: 1/s, for: 1s, schema: {side: "enum{buy, sell}", addr: {city: "rstring", zip: "uint32"}})');
    expect(checked(good).diagnostics).to.deep.equal([]);
    const bad = inRun('    inject(app.Ingest, rate: 1/s, for: 1s, schema: {side: "enum{buy, buy}", addr: {city: "rstrng", n: 3}})');
    expect(checked(bad).diagnostics.map((d) => [d.code, d.message])).to.deep.equal([
      ["XDC3014", "enumeration value `buy` appears twice in the type of `side`"],
      ["XDC3014", 'unknown attribute type "rstrng" for `addr.city`'],
      ["XDC3014", "the type of attribute `addr.n` is not a type name"],
    ]);
  });


  it("awaits conditions and events, and nothing else", () => {
    expect(codes(inRun("    let t = await healthy(app, on: dc2) within 1m\n    let fo = await failover(app, to: dc2) within 2m\n    wait fo.at - t"))).to.deep.equal([]);
    const d = only(inRun("    await 5s within 1m"));
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC3010", "cannot await a duration", "to pause for a while, write `wait` and the duration"]);
    expect(only(inRun("    after 5s: log(\"x\")")).code).to.equal("XDC3010");
    expect(codes(inRun("    let f = partition(dc1, dc2) for 10s\n    after f: log(\"healed\")\n    after healthy(app, on: dc2): log(\"up\")"))).to.deep.equal([]);
  });

  it("calls user faults like builtins, `for` included", () => {
    const text = `fault cut(a: DC, b: DC, hold: Duration = 10s) {\n  partition(a, b) for hold\n}\n${inRun("    cut(dc1, dc2) for 1m\n    cut(dc1, b: dc2, hold: 5s) for 1m\n    cut(dc1) for 1m\n    cut(dc1, dc2, hold: 5) for 1m")}`;
    expect(codes(text)).to.deep.equal(["XDC3005", "XDC3001"]);
  });
  describe("promql and promql_range", () => {
    it("are Numbers unless `unit:` says what they measure; then they compare with quantities of that unit", () => {
      expect(codes(inVerify(`    expect promql("sum(streams_instance_up)") == 2
    expect promql("x", on: dc1, unit: "seconds") < 5s
    expect promql("x", unit: "milliseconds") >= 250ms
    expect promql("x", unit: "bytes") < 2GB
    expect promql("x", unit: "per_second") >= 400/s
    expect promql("x", unit: "ratio") <= 5%
    expect promql_range("x", over: 1m, take: "avg", step: 5s, unit: "percent") < 90%
    expect promql_range("x", over: 30s) < 3`))).to.deep.equal([]);
      const bare = only(inVerify(`    expect promql("x") < 5s`));
      expect([bare.code, bare.message, bare.help?.message]).to.deep.equal(["XDC3001", "expected a duration, found a number", 'say what it measures, for example `unit: "seconds"`']);
      expect(only(inVerify(`    expect promql_range("x", over: 1m) >= 5%`)).help?.message).to.equal('say what it measures, for example `unit: "ratio"`');
      expect(only(inVerify(`    expect promql("x", unit: "ratio") < 5`)).code).to.equal("XDC3001");
      expect(only(inVerify(`    expect promql("x", unit: "seconds") > 1GB`)).code).to.equal("XDC3003");
    });

    it("refuse an empty query, an unknown unit or take, a window of 0 and a unit known only at run time", () => {
      const empty = inVerify(`    expect promql(" ") > 0`);
      const d = only(empty);
      expect([d.code, d.message, textAt(empty, d)]).to.deep.equal(["XDC3013", "`query` must not be empty", '" "']);
      const unit = only(inVerify(`    expect promql("x", unit: "second") > 0`));
      expect([unit.code, unit.help?.message]).to.deep.equal(["XDC3013", 'did you mean `"seconds"`?']);
      expect(only(inVerify(`    expect promql_range("x", over: 1m, take: "p99") > 0`)).message).to.equal('`take` must be one of "max", "min", "avg", found "p99"');
      expect(only(inVerify(`    expect promql_range("x", over: 0s) > 0`)).message).to.equal("`over` must be more than 0s, found 0s");
      expect(only(inVerify(`    expect promql_range("x", over: 1m, step: 0s) > 0`)).message).to.equal("`step` must be more than 0s, found 0s");
      const runtime = checked(`check slow(u: String) {\n  expect promql("x", unit: u) > 0\n}\n`).diagnostics;
      expect(runtime.map((x) => [x.code, x.message])).to.deep.equal([["XDC3013", "`unit` must be known before the run: the result's type depends on it"]]);
    });

    it("take a query known only at run time on trust, and a datacenter for `on`", () => {
      expect(codes(inVerify(`    let q = "up"\n    expect promql(q + "", on: dc2) >= 0`))).to.not.include("XDC3013");
      expect(only(inVerify(`    expect promql("up", on: "dc1") >= 0`)).code).to.equal("XDC3002");
    });
  });
});
