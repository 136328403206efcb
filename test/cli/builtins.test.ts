import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runBuiltins } from "../../src/cli/builtins-run.js";

const xdc = fileURLToPath(new URL("../../bin/xdc.js", import.meta.url));

describe("xdc builtins", () => {
  it("lists every builtin by category", () => {
    const r = runBuiltins(undefined, "text");
    expect(r.exitCode).to.equal(0);
    expect(r.stdout).to.match(/^Deployment: /);
    expect(r.stdout).to.include("  partition(a: DC, b: DC) -> Fault\n      Cuts every network path between two datacenters, in both directions.");
  });

  it("shows one in full, or says which name was meant", () => {
    expect(runBuiltins("inject", "text").stdout).to.include("Parameters:\n  endpoint: Endpoint");
    const wrong = runBuiltins("partiton", "text");
    expect([wrong.exitCode, wrong.stderr]).to.deep.equal([2, "xdc: no builtin is named `partiton`; did you mean `partition`?\n(`xdc builtins` lists them all)"]);
  });

  it("prints JSON from the built CLI", () => {
    const r = spawnSync(process.execPath, [xdc, "builtins", "packet_loss", "--format", "json"], { encoding: "utf8" });
    expect(r.status, r.stderr).to.equal(0);
    const json = JSON.parse(r.stdout) as { builtins: { name: string; fault?: { lasting: boolean } }[] };
    expect(json.builtins.map((b) => [b.name, b.fault?.lasting])).to.deep.equal([["packet_loss", true]]);
    const bad = spawnSync(process.execPath, [xdc, "builtins", "--format", "yaml"], { encoding: "utf8" });
    expect(bad.status).to.equal(2);
  });
});
