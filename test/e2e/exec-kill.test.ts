import { expect } from "chai";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { alive, childrenOf, commandLine, datacenters, descendantsOf, within } from "../helpers/procs.js";

const BIN = fileURLToPath(new URL("../../bin/xdc.js", import.meta.url));
const PARTITION = fileURLToPath(new URL("../../examples/partition.xdc", import.meta.url));

describe("xdc exec killed with SIGKILL mid-run (the real CLI, its own twin)", function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-kill-"));
  const leftovers: number[] = [];
  const leftoverDirs: string[] = [dir];
  after(() => {
    // Only reached with survivors when an assertion failed: the test must not leave orphans of its own.
    for (const pid of leftovers.filter(alive)) process.kill(pid, "SIGKILL");
    for (const d of leftoverDirs) rmSync(d, { recursive: true, force: true });
  });

  it("leaves no twin process and no twin state directory behind", async () => {
    const exec = spawn(process.execPath, [BIN, "exec", PARTITION, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => exec.once("exit", (code, signal) => resolve(signal ?? code)));
    let out = "";
    let err = "";
    exec.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    // Killed while a fault is in force: the twin's hosts hold rules, its jobs run, workloads flow.
    await new Promise<void>((resolve, reject) => {
      exec.stdout.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        if (/fault f\d+: partition/.test(out)) resolve();
      });
      void exited.then((how) => reject(new Error(`xdc exec ended (${String(how)}) before its fault: ${out}${err}`)));
    });

    const twins = childrenOf(exec.pid!).filter((pid) => /xdc\.js sim --json/.test(commandLine(pid)));
    expect(twins, "exec's twin").to.have.length(1);
    const twin = twins[0]!;
    // Besides the datacenters, tsx (from sources) may have started an esbuild service.
    const tree = [twin, ...descendantsOf(twin)];
    const dcs = datacenters(tree);
    leftovers.push(...tree);
    expect(dcs, "the twin's datacenter processes").to.have.length(2);
    // Each datacenter's stderr is its log in the state directory: STATE/logs/<dc>.log.
    const stateDir = dirname(dirname(readlinkSync(`/proc/${dcs[0]!}/fd/2`)));
    leftoverDirs.push(stateDir);
    expect(existsSync(join(stateDir, "id_ed25519")), `${stateDir} is the twin's state directory`).to.equal(true);

    exec.kill("SIGKILL");
    expect(await exited).to.equal("SIGKILL");
    const took = await within(10_000, () => !tree.some(alive) && !existsSync(stateDir));
    expect(took, `still alive: ${tree.filter(alive).map(commandLine).join("; ") || "none"}; state directory there: ${existsSync(stateDir)}`).to.not.equal(undefined);
  });
});
