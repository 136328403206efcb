import { expect } from "chai";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { checked, codes, inRun, inVerify, only, scenario, textAt } from "./check-helpers.js";

/** Applies a diagnostic's edit to the text. */
const fix = (text: string, d: Diagnostic) => {
  const e = d.help!.edit!;
  return text.slice(0, e.span.start.offset) + e.newText + text.slice(e.span.end.offset);
};

describe("checker: units", () => {
  // A rate and a percentage have one reading; a duration or a size could be in any of its scales, so its fix is a guess.
  const bare: [string, string, string, string][] = [
    ["wait 5", "wait 5s", "expected a duration, found a number", "maybe-incorrect"],
    ["let d = 30s + 5\n    wait d", "let d = 30s + 5s\n    wait d", "expected a duration, found a number", "maybe-incorrect"],
    ["at 20: partition(dc1, dc2) for 30s", "at 20s: partition(dc1, dc2) for 30s", "expected a duration, found a number", "maybe-incorrect"],
    ["partition(dc1, dc2) for 30", "partition(dc1, dc2) for 30s", "expected a duration, found a number", "maybe-incorrect"],
    ["partition(dc1, dc2) for 1500", "partition(dc1, dc2) for 1500ms", "expected a duration, found a number", "maybe-incorrect"],
    ["inject(app.Ingest, rate: 500, for: 90s)", "inject(app.Ingest, rate: 500/s, for: 90s)", "expected a rate, found a number", "machine-applicable"],
    ["inject(app.Ingest, rate: 500/s, for: 90)", "inject(app.Ingest, rate: 500/s, for: 90s)", "expected a duration, found a number", "maybe-incorrect"],
    ["packet_loss(dc1, dc2, rate: 5) for 1m", "packet_loss(dc1, dc2, rate: 5%) for 1m", "expected a percentage, found a number", "machine-applicable"],
    ["bandwidth(dc1, dc2, limit: 1000) for 1m", "bandwidth(dc1, dc2, limit: 1000B) for 1m", "expected a size in bytes, found a number", "maybe-incorrect"],
  ];
  for (const [wrong, right, message, applicability] of bare) {
    it(`fixes \`${wrong.split("\n")[0]}\` (${applicability})`, () => {
      const text = inRun(`    ${wrong}`);
      const d = only(text);
      expect([d.code, d.message]).to.deep.equal(["XDC3001", message]);
      expect(d.help?.edit?.applicability).to.equal(applicability);
      const fixed = fix(text, d);
      expect(fixed).to.equal(inRun(`    ${right}`));
      expect(codes(fixed)).to.deep.equal([]);
    });
  }

  it("fixes `timeout: 10` in the settings", () => {
    const text = scenario("  run { wait 1s }", "timeout: 10");
    const d = only(text);
    expect([d.code, d.help?.message]).to.deep.equal(["XDC3001", "write `10s`"]);
  });

  it("fixes a bare number in a comparison with a unit", () => {
    const text = inVerify("    expect fo.rto <= 45");
    const d = only(text);
    expect([d.code, textAt(text, d), d.help?.message]).to.deep.equal(["XDC3001", "45", "write `45s`"]);
  });

  it("guesses milliseconds for a large bare duration, and says the fix is a guess", () => {
    const text = inVerify("    expect fo.rto <= 45000");
    const d = only(text);
    expect([d.code, d.help?.message, d.help?.edit?.newText, d.help?.edit?.applicability]).to.deep.equal(["XDC3001", "write `45000ms`", "ms", "maybe-incorrect"]);
    expect(d.notes).to.deep.equal(["the unit is a guess: `45000s` may be what was meant"]);
  });

  it("helps without an edit when the number is not a literal", () => {
    const d = only(inRun("    let n = 3\n    wait n"));
    expect(d.code).to.equal("XDC3001");
    expect(d.help?.edit).to.equal(undefined);
  });

  it("names both types when units are mixed", () => {
    const text = inRun("    wait 30s + 5%");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3003", "cannot add a percentage to a duration", "5%"]);
    expect(d.labels.map((l) => [textAt(text, l), l.message])).to.deep.equal([["30s", "this is a duration"]]);
    const cmp = only(inVerify("    expect lost(load, app.Results) <= 5s"));
    expect([cmp.code, cmp.message]).to.deep.equal(["XDC3003", "cannot compare a percentage with a duration"]);
  });

  it("follows the arithmetic table", () => {
    const ok = [
      "wait 1m / 2", "wait 2 * 30s", "wait 30s * 2 - 10s", "wait (90s / 30s) * 1s",
      "let n = 500/s * 30s\n    repeat n / 1000 { wait 1s }",
      "inject(app.Ingest, rate: 500/s * 2, for: 1m)",
      "packet_loss(dc1, dc2, rate: 1% * 3) for 1m",
      "stress_memory(host(\"h\"), size: 2GiB / 2) for 1m",
      "let t = await healthy(app, on: dc2) within 1m\n    let u = await healthy(app, on: dc1) within 1m\n    wait u - t",
      "log(\"a\" + \"b\")",
    ];
    for (const s of ok) expect(codes(inRun(`    ${s}`)), s).to.deep.equal([]);
    expect(codes(inRun("    wait 30s * 30s"))).to.deep.equal(["XDC3003"]);
    expect(codes(inRun("    wait 5 / 30s"))).to.deep.equal(["XDC3001"]);
  });

  it("calls a value of the wrong kind a type mismatch", () => {
    const text = inRun("    wait \"30s\"");
    const d = only(text);
    expect([d.code, d.message]).to.deep.equal(["XDC3002", "expected a duration, found a string"]);
    expect(only(inRun("    partition(dc1, app) for 1s")).message).to.equal("expected a datacenter, found an application");
  });

  it("needs the same type on both sides of a comparison, and an order for `<`", () => {
    expect(only(inVerify("    expect fo.to == \"dc2\"")).code).to.equal("XDC3004");
    expect(codes(inVerify("    expect fo.to == dc2"))).to.deep.equal([]);
    const d = only(inVerify("    expect fo.to < dc2"));
    expect([d.code, d.message]).to.deep.equal(["XDC3004", "`<` cannot order datacenters"]);
  });

  it("needs conditions for `and`, `or`, `not` and `expect`", () => {
    expect(only(inVerify("    expect fo.rto")).message).to.equal("expected a condition, found a duration");
    expect(only(inVerify("    expect not 5s")).code).to.equal("XDC3002");
    expect(codes(inVerify("    expect fo.rto < 1m and not (fo.rto < 1s) or false"))).to.deep.equal([]);
  });

  it("types lists by their first item", () => {
    const text = inRun("    cancel(app, on: [dc1, \"dc2\"])");
    expect(only(text).message).to.equal("expected a datacenter, found a string");
    expect(codes(inRun("    let xs = [1s, 2]\n    wait xs[0]"))).to.deep.equal(["XDC3002"]);
  });

  it("keeps constant values for later stages", () => {
    const r = checked(inRun("    wait 90s / 3 + 1m"));
    const wait = [...r.value.values.entries()].find(([e]) => e.kind === "binary" && e.op === "+");
    expect(wait?.[1]).to.deep.equal({ kind: "quantity", unit: "Duration", value: 90_000 });
  });
});

describe("checker: durations of statements", () => {
  it("rejects known negative durations, a zero interval, and part of a repetition", () => {
    const cases: [string, string][] = [
      ["wait -5s", "`wait` must be at least 0s, found -5s"],
      ["at 10s - 20s: log(\"x\")", "`at` must be at least 0s, found -10s"],
      ["every 0s for 1m { log(\"x\") }", "`every` must be more than 0s, found 0s"],
      ["partition(dc1, dc2) for 0s", "`for` must be more than 0s, found 0s"],
      ["await healthy(app, on: dc2) within -1m", "`within` must be at least 0s, found -1m"],
      ["repeat 2.5 { wait 1s }", "`repeat` needs a whole number of times, found 2.5"],
    ];
    for (const [stmt, message] of cases) {
      const d = only(inRun(`    ${stmt}`));
      expect([d.code, d.message], stmt).to.deep.equal(["XDC3013", message]);
    }
  });
});
