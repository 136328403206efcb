import { expect } from "chai";
import { checked, codes, line, only, scenario, textAt } from "./check-helpers.js";

describe("checker: scenario settings", () => {
  it("keeps the settings' values for later stages", () => {
    const r = checked(`scenario "s" {
  tags: ["network", "smoke"]
  description: "cut the link"
  seed: 42
  timeout: 5m
  run { wait 1s }
}`);
    expect(r.diagnostics).to.deep.equal([]);
    const s = r.value.scenarios[0]!;
    expect(s.name).to.equal("s");
    expect(s.settings).to.deep.equal({ timeoutMs: 300_000, tags: ["network", "smoke"], description: "cut the link", seed: 42 });
    expect(s.environment.name).to.equal("sim");
    expect(s.environment.dcs.map((d) => d.name)).to.deep.equal(["dc1", "dc2"]);
  });

  it("keeps `repeat` and `min_pass` (as a share from 0 to 1) for xdc exec's repeats", () => {
    const r = checked(scenario("  run { wait 1s }", "timeout: 5m\n  repeat: 20\n  min_pass: 95%"));
    expect(r.diagnostics).to.deep.equal([]);
    expect(r.value.scenarios[0]!.settings).to.include({ repeat: 20, minPass: 0.95 });
  });

  it("reports a `repeat` that is not a whole number from 1, a `min_pass` beyond 100%, and a wrong unit", () => {
    for (const [setting, message] of [
      ["repeat: 0", "`repeat` must be a whole number from 1 to 10000"],
      ["repeat: 2.5", "`repeat` must be a whole number from 1 to 10000"],
      ["min_pass: 120%", "`min_pass` must be from 0% to 100%"],
    ] as const) {
      const d = only(scenario("  run { wait 1s }", `timeout: 5m\n  ${setting}`));
      expect([d.code, d.message], setting).to.deep.equal(["XDC3013", message]);
    }
    expect(codes(scenario("  run { wait 1s }", "timeout: 5m\n  min_pass: 0.95"))).to.deep.equal(["XDC3001"]);
  });

  it("reports an unknown setting with did-you-mean", () => {
    const text = scenario("  run { wait 1s }", "timeout: 5m\n  tag: [\"x\"]");
    const d = only(text);
    expect([d.code, d.message, d.help?.message, textAt(text, d)]).to.deep.equal(["XDC1008", "unknown setting `tag` in a scenario", "did you mean `tags`?", "tag"]);
  });

  it("reports a setting given twice", () => {
    const text = scenario("  run { wait 1s }", "timeout: 5m\n  timeout: 6m");
    const d = only(text);
    expect([d.code, d.message]).to.deep.equal(["XDC1009", "`timeout` is set twice"]);
    expect(d.labels.map((l) => [l.span.start.line, l.message])).to.deep.equal([[2, "the first one"]]);
  });

  it("reports a second block of a phase", () => {
    const text = scenario("  run { wait 1s }\n  run { wait 2s }");
    const d = only(text);
    expect([d.code, d.message, d.span.start.line]).to.deep.equal(["XDC1007", "duplicate `run` block", 6]);
    expect(d.labels[0]?.span.start.line).to.equal(5);
  });

  it("checks settings' types", () => {
    expect(codes(scenario("", "timeout: 5m\n  tags: \"network\""))).to.deep.equal(["XDC3002"]);
    expect(codes(scenario("", "timeout: 0s"))).to.deep.equal(["XDC3013"]);
    expect(codes(scenario("", "timeout: 5m\n  seed: 1s"))).to.deep.equal(["XDC3002"]);
  });

  it("resolves the environment, and reports an unknown one without a cascade", () => {
    const text = `scenario "s" {\n  environment: simm\n  timeout: 1m\n  run { partition(dc1, dc2) for 1s }\n}`;
    const d = only(text);
    expect([d.code, d.message, d.help?.message]).to.deep.equal(["XDC2007", "unknown environment `simm`", "did you mean `sim`?"]);
    const q = only(`scenario "s" {\n  environment: "sim"\n  timeout: 1m\n}`);
    expect([q.code, q.help?.message, q.help?.edit?.applicability]).to.deep.equal(["XDC3002", "write `sim`", "machine-applicable"]);
  });

  it("reports two scenarios with one name", () => {
    const text = `scenario "a" { timeout: 1m }\nscenario "a" { timeout: 1m }`;
    expect(checked(text).diagnostics.map(line)).to.deep.equal(['2:10 XDC2003 scenario "a" is defined twice']);
  });
});
