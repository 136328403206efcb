import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setCombinations } from "../../src/cli/set-option.js";
import { xdc } from "./spawn.js";

describe("--set NAME=VALUE", () => {
  it("makes one combination per value, the first parameter varying slowest", () => {
    const r = setCombinations(["rate=100/s,500/s", "hold=1s,2s"]);
    if ("problem" in r) throw new Error(r.problem);
    expect(r.combinations.map((c) => Object.fromEntries(c))).to.deep.equal([
      { rate: "100/s", hold: "1s" },
      { rate: "100/s", hold: "2s" },
      { rate: "500/s", hold: "1s" },
      { rate: "500/s", hold: "2s" },
    ]);
  });

  it("splits only at top-level commas, and refuses what is not NAME=VALUE", () => {
    const r = setCombinations(['hosts=[1s, 2s],[3s]', 'msg="a, b"']);
    if ("problem" in r) throw new Error(r.problem);
    expect(r.combinations.map((c) => c.get("hosts"))).to.deep.equal(["[1s, 2s]", "[3s]"]);
    expect(r.combinations[0]!.get("msg")).to.equal('"a, b"');
    expect(setCombinations(["800/s"])).to.deep.equal({ problem: "--set 800/s: write NAME=VALUE, such as --set rate=800/s" });
    expect(setCombinations(["rate=1/s", "rate=2/s"])).to.have.property("problem").that.contains("given twice");
    expect(setCombinations(["rate=1/s,"])).to.have.property("problem").that.contains("a value is empty");
  });

  describe("on the built CLI", () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-set-"));
    after(() => rmSync(dir, { recursive: true, force: true }));
    before(() => writeFileSync(join(dir, "s.xdc"), 'scenario "s" (rate: Rate = 500/s) {\n  timeout: 1m\n  run { log("rate {rate}") }\n}\n'));

    it("checks each value, and names a parameter no scenario has", async () => {
      expect((await xdc(["check", "s.xdc", "--set", "rate=1/s,2/s"], { cwd: dir })).code).to.equal(0);
      const bad = await xdc(["check", "s.xdc", "--set", "rate=1/s,2"], { cwd: dir });
      expect(bad.code).to.equal(1);
      expect(bad.stdout).to.contain("`--set rate=2`: expected a rate, found a number");
      const unknown = await xdc(["check", "s.xdc", "--set", "rat=1/s"], { cwd: dir });
      expect([unknown.code, unknown.stderr]).to.deep.equal([2, "xdc check: --set rat: no scenario has a parameter `rat`; did you mean `rate`?\n"]);
    });

    it("plans one scenario per value", async () => {
      const r = await xdc(["plan", "s.xdc", "--set", "rate=100/s,1000/s"], { cwd: dir });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain('scenario "s [rate=100/s]"');
      expect(r.stdout).to.contain('log "rate 1000/s"');
    });
  });
});
