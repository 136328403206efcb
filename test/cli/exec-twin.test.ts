import { expect } from "chai";
import { existsSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleChild, startChild } from "../helpers/child.js";
import { alive, commandLine, datacenters, descendantsOf, within } from "../helpers/procs.js";

const BIN = fileURLToPath(new URL("../../bin/xdc.js", import.meta.url));

describe("the twin exec starts does not outlive exec", function () {
  this.timeout(60_000);
  let parent: Awaited<ReturnType<typeof bundleChild>>;
  const leftovers: number[] = [];
  const leftoverDirs: string[] = [];
  before(async () => {
    parent = await bundleChild(new URL("./twin-parent.ts", import.meta.url).pathname, "twin-parent");
  });
  after(() => {
    // Only reached when an assertion failed: the test must not leave its own orphans behind.
    for (const pid of leftovers.filter(alive)) process.kill(pid, "SIGKILL");
    for (const dir of leftoverDirs) rmSync(dir, { recursive: true, force: true });
    parent.remove();
  });

  it("after kill -9 of the process that started it, the coordinator and every datacenter exit and the state directory is gone within seconds", async () => {
    const child = startChild(parent.file, [BIN]);
    const ready = JSON.parse(await child.waitFor((l) => l.startsWith("{"))) as { pid: number; stateDir: string };
    // Besides the datacenters, tsx (from sources) may have started an esbuild service.
    const tree = [ready.pid, ...descendantsOf(ready.pid)];
    const dcs = datacenters(tree);
    leftovers.push(...tree);
    leftoverDirs.push(ready.stateDir);
    expect(dcs, "the coordinator's datacenter processes").to.have.length(2);
    expect(existsSync(ready.stateDir)).to.equal(true);

    child.process.kill("SIGKILL");
    expect(await child.exited).to.equal("SIGKILL");
    const took = await within(10_000, () => !tree.some(alive) && !existsSync(ready.stateDir));
    expect(took, `still alive: ${tree.filter(alive).map(commandLine).join("; ") || "none"}; state directory there: ${existsSync(ready.stateDir)}`).to.not.equal(undefined);
  });
});
