import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LedgerTarget } from "../../src/runtime/ledger.js";
import { embeddedTwinGone } from "../../src/runtime/twin-liveness.js";

/** A stand-in twin: any process will do, since the rules look only at its pid, command line and state directory. */
describe("runtime: is an embedded twin gone?", () => {
  let dir: string;
  let child: ChildProcess;
  const command = ["sleep", "30"];
  const target = (over: Partial<LedgerTarget> = {}): LedgerTarget => ({ kind: "embedded-twin", pid: child.pid!, stateDir: dir, command, ...over });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-twin-state-"));
    child = spawn(command[0]!, command.slice(1), { stdio: "ignore" });
  });
  afterEach(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await new Promise((done) => child.once("exit", done));
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it("a twin whose process runs its command line, with its state directory, may be alive", async () => {
    expect(await embeddedTwinGone(target())).to.equal(undefined);
  });

  it("gone once its process has exited, though its state directory is left behind (kill -9)", async () => {
    const pid = child.pid!;
    child.kill("SIGKILL");
    await new Promise((done) => child.once("exit", done));
    expect(await embeddedTwinGone(target({ pid }))).to.equal(`its process (pid ${pid}) has exited`);
  });

  it("gone once its state directory is: a twin removes it last, when it stops", async () => {
    rmSync(dir, { recursive: true });
    expect(await embeddedTwinGone(target())).to.equal(`its state directory ${dir} is gone`);
  });

  it("gone when its pid now runs another command line (a reused pid)", async function () {
    // The command line comes from /proc; elsewhere the rule cannot apply and the twin counts as maybe alive.
    if (!existsSync("/proc/self/cmdline")) this.skip();
    expect(await embeddedTwinGone(target({ command: ["node", "bin/xdc.js", "sim", "--json"] }))).to.equal(`pid ${child.pid} now belongs to another program`);
  });
});
