import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { renderStdlib } from "../../scripts/stdlib.js";
import { STDLIB } from "../../src/language/stdlib.generated.js";
import { checked, line } from "./check-helpers.js";

const dir = new URL("../../stdlib/", import.meta.url);

describe("standard library", () => {
  it("is embedded as it is in stdlib/ (run `npm run stdlib` after a change)", () => {
    const current = readFileSync(new URL("../../src/language/stdlib.generated.ts", import.meta.url), "utf8");
    expect(current === renderStdlib(), "src/language/stdlib.generated.ts is stale: run `npm run stdlib`").to.equal(true);
  });

  for (const file of readdirSync(dir).filter((f) => f.endsWith(".xdc"))) {
    it(`${file} checks clean and documents every definition`, () => {
      const text = readFileSync(new URL(file, dir), "utf8");
      const r = checked(text, {}, `std:${file}`);
      expect(r.diagnostics.map(line)).to.deep.equal([]);
      expect(STDLIB[file]).to.equal(text);
      for (const def of r.value.definitions.values()) expect(def.doc, def.name).to.be.a("string").and.not.equal("");
    });
  }

  it("is usable from a scenario", () => {
    const r = checked(`import "std/faults"
import "std/checks"
import "std/workloads"
scenario "s" {
  timeout: 15m
  let app = application("Orders", bundle: "o.sab", sources: ["In"], sinks: ["Out"])
  setup { submit(app, to: dc1) }
  steady { keeps_up(app.Out, rate: steady_rate) }
  run {
    let load = inject(app.In, rate: steady_rate, for: 5m, schema: orders)
    flap(dc1, dc2) for 2m
    at 3m: degrade(dc1, dc2, step: 10s) for 1m
    burst(app.In) for 10s
    let fo = await failover(app, to: dc2) within 10m
  }
  verify {
    at_least_once(load, app.Out, limit: 1%)
    within_objectives(fo, load, app.Out, rto: 2m)
  }
}`);
    expect(r.diagnostics.map(line)).to.deep.equal([]);
  });
});
