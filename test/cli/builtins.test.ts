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
    expect([wrong.exitCode, wrong.stderr]).to.deep.equal([2, "xdc: no builtin or standard-library definition is named `partiton`; did you mean `partition`?\n(`xdc builtins` lists them all)"]);
    expect(runBuiltins("flapp", "text").stderr).to.include("did you mean `flap`?");
  });

  it("covers the standard library's faults and checks: listed after the builtins, each in full with its import", () => {
    const all = runBuiltins(undefined, "text").stdout!;
    expect(all).to.include('  import "std/faults"\n    fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 20s) -> Fault\n');
    expect(all).to.include("    check within_objectives(fo: Failover, load: Workload, sink: Endpoint, rto: Duration = 60s, rpo_limit: Duration = 30s)");
    const flap = runBuiltins("flap", "text");
    expect(flap.exitCode).to.equal(0);
    expect(flap.stdout).to.include("Cuts the link between two datacenters and restores it");
    expect(flap.stdout).to.include('From the standard library: `import "std/faults"` (stdlib/faults.xdc)');
    expect(flap.stdout).to.include("Parameters:\n  a: DC\n  b: DC\n  cycles: Number = 3\n  period: Duration = 20s");
    expect(runBuiltins("exactly_once", "text").stdout).to.include("Check: call it like a statement in `verify`");
    const json = JSON.parse(runBuiltins("burst", "json").stdout!) as { format_version: string; builtins: unknown[]; stdlib: { name: string; module: string; kind: string }[] };
    expect([json.format_version, json.builtins, json.stdlib.map((d) => [d.name, d.module, d.kind])]).to.deep.equal(["1.1", [], [["burst", "std/workloads", "fault"]]]);
  });

  it("shows examples of standard-library definitions that check clean", async () => {
    const { stdlibDefinitions } = await import("../../src/language/stdlib-index.js");
    const { checkText, memoryHost } = await import("../../src/language/index.js");
    for (const e of stdlibDefinitions().values()) {
      const lines = runBuiltins(e.definition.name, "text").stdout!.split("\n");
      const example = lines.slice(lines.indexOf("Example:") + 1).map((l) => l.slice(2));
      expect(example[0]).to.equal(`import "${e.module}"`);
      expect(example[1]).to.match(new RegExp(`^${e.definition.name}\\(`));
    }
    expect(checkText('import "std/faults"\nscenario "s" {\n  timeout: 5m\n  run { flap(dc1, dc2) for 1m }\n}\n', "s.xdc", memoryHost()).diagnostics).to.deep.equal([]);
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
