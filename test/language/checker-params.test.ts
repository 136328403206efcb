import { expect } from "chai";
import { checkText, memoryHost } from "../../src/language/index.js";
import { format } from "../../src/language/format.js";
import { line } from "./check-helpers.js";

const SWEEP = `scenario "sweep" (rate: Rate = 500/s, hold: Duration = 10s) {
  timeout: 5m
  let app = application("Demo", bundle: "demo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup { submit(app, to: dc1) }
  run {
    let _load = inject(app.Ingest, rate: rate, for: hold)
    log("rate {rate}")
  }
}
`;
const run = (text: string, set: Record<string, string> = {}) => checkText(text, "s.xdc", memoryHost(), { set: new Map(Object.entries(set)) });

describe("language: scenario parameters", () => {
  it("binds each parameter to its default, typed, known before the run", () => {
    const r = run(SWEEP);
    expect(r.diagnostics.map(line)).to.deep.equal([]);
    const s = r.value.scenarios[0]!;
    expect([s.name, s.params]).to.deep.equal(["sweep", [{ name: "rate", value: "500/s", set: false }, { name: "hold", value: "10s", set: false }]]);
  });

  it("takes a --set value instead, and names the scenario by it", () => {
    const r = run(SWEEP, { rate: "800/s" });
    expect(r.diagnostics.map(line)).to.deep.equal([]);
    expect(r.value.scenarios[0]!.name).to.equal("sweep [rate=800/s]");
    expect(r.value.scenarios[0]!.params![0]).to.deep.equal({ name: "rate", value: "800/s", set: true });
  });

  it("checks a --set value as the language's own literal, and reports it at the parameter, naming the option", () => {
    const bare = run(SWEEP, { rate: "800" });
    expect(bare.diagnostics.map(line)).to.deep.equal(["1:19 XDC3001 `--set rate=800`: expected a rate, found a number"]);
    expect(bare.diagnostics[0]!.help?.message).to.equal("write `800/s`");
    expect(run(SWEEP, { rate: "5s" }).diagnostics.map((d) => d.message)).to.deep.equal(["`--set rate=5s`: expected a rate, found a duration"]);
    expect(run(SWEEP, { hold: "10 s" }).diagnostics.map((d) => d.code)).to.not.deep.equal([]);
    expect(run(SWEEP, { rate: "fast" }).diagnostics.map((d) => d.message)).to.deep.equal(["`--set rate=fast`: unknown name `fast`"]);
  });

  it("types the parameter where it is used, and needs a default", () => {
    const wrong = SWEEP.replace("for: hold)", "for: rate)");
    expect(run(wrong).diagnostics.map((d) => d.message)).to.deep.equal(["expected a duration, found a rate"]);
    const noDefault = SWEEP.replace("hold: Duration = 10s", "hold: Duration");
    expect(run(noDefault).diagnostics.map((d) => [d.code, d.message])).to.deep.equal([["XDC3005", "scenario parameter `hold` has no default"]]);
    expect(run(SWEEP.replace("Rate = 500/s", "Rate = 5s")).diagnostics.map((d) => d.message)).to.deep.equal(["expected a rate, found a duration"]);
    expect(run(SWEEP.replace("Rate = 500/s", "Rat = 500/s")).diagnostics.map((d) => d.code)).to.include("XDC2012");
  });

  it("formats the parameter list", () => {
    const text = 'scenario "s" ( rate:Rate=500/s ,n: Number = 3 ) {\n  timeout: 1m\n}\n';
    expect(format(text, "s.xdc").text).to.equal('scenario "s" (rate: Rate = 500/s, n: Number = 3) {\n  timeout: 1m\n}\n');
  });
});
