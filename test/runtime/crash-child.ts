/**
 * A stand-in for `xdc exec` in a process of its own, for the crash trials: it takes the
 * ledger's lock, applies and undoes faults on twin hosts through the real SSH pool, runner
 * and ledger, and prints a line before each step so the parent can kill it anywhere.
 *   mode "cycle": apply every fault, undo every fault, again, until `cycles` are done.
 *   mode "hold":  apply every fault, then wait for SIGINT/SIGTERM (handled as xdc does).
 * It prints "ready" once connected, then waits for a line on stdin before touching any host,
 * so the parent can start the next trial's child while the current one runs.
 */
import { readFileSync } from "node:fs";
import { printUndoReports } from "../../src/cli/undo-report.js";
import { handleInterrupts } from "../../src/cli/interrupt.js";
import { EXIT } from "../../src/cli/exit.js";
import type { FaultHost, FaultPlan } from "../../src/drivers/faults/types.js";
import { bandwidth, latency, partition } from "../../src/drivers/network/index.js";
import { pausePes } from "../../src/drivers/process/index.js";
import { stress } from "../../src/drivers/resource/index.js";
import { SshPool } from "../../src/drivers/ssh/index.js";
import type { RemoteShell } from "../../src/drivers/ssh/types.js";
import { FaultRunner } from "../../src/runtime/fault-runner.js";
import { sshChannels } from "../../src/runtime/fault-targets.js";
import { Ledger } from "../../src/runtime/ledger.js";
import { lockLedger } from "../../src/runtime/ledger-lock.js";
import { realClock } from "../../src/runtime/clock.js";

export interface ChildConfig {
  readonly mode: "cycle" | "hold";
  readonly ledger: string;
  readonly run: string;
  readonly key: string;
  /** dc1-a, dc1-b, dc1-c with pinned host keys. */
  readonly hosts: readonly FaultHost[];
  readonly peers: readonly string[];
  readonly pe: { readonly host: string; readonly pid: number };
  readonly cycles: number;
  /** In hold mode, how long each undo command waits first, so a second signal lands mid clean-up. */
  readonly slowUndoMs: number;
}

const config = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as ChildConfig;
const mark = (line: string) => process.stdout.write(`${line}\n`);
const clock = realClock();
const fail = (message: string): never => {
  process.stderr.write(`crash-child: ${message}\n`);
  process.exit(3);
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => (r.ok ? r.value : fail(JSON.stringify(r.error)));

const lock = must(await lockLedger(config.ledger));
const pool = must(SshPool.create({ auth: { identities: [{ key: config.key, source: "test key" }] }, hostKeys: { kind: "strict", knownHosts: { entries: [], skipped: [] }, file: "none" }, clock, commandTimeoutMs: 5000 }));
const UNDO = /(-D |qdisc del|-s CONT|pkill)/;
const shell: RemoteShell = {
  exec: async (target, line, options) => {
    if (config.slowUndoMs > 0 && UNDO.test(line)) await clock.sleep(config.slowUndoMs);
    return pool.exec(target, line, options);
  },
};
const ledger = must(await Ledger.open(config.ledger));
const runner = new FaultRunner({ shell, ledger, clock, by: "run", verifyTimeoutMs: 3000, verifyIntervalMs: 10 });
const [a, b, c] = config.hosts as [FaultHost, FaultHost, FaultHost];
const keep = must(await sshChannels(pool, config.hosts));
const pe = config.hosts.find((h) => h.ssh.name === config.pe.host)!;

const plans = (cycle: number): FaultPlan[] =>
  [
    partition({ run: config.run, id: `c${cycle}-part`, hosts: config.hosts, peers: config.peers, keep, label: "dc1 <-> dc2" }),
    latency({ run: config.run, id: `c${cycle}-lat`, hosts: [a], delayMs: 100, jitterMs: 10, label: "dc1-a" }),
    bandwidth({ run: config.run, id: `c${cycle}-bw`, hosts: [b], bytesPerSecond: 125_000, label: "dc1-b" }),
    pausePes({ run: config.run, id: `c${cycle}-pause`, targets: [{ host: pe, pid: config.pe.pid, pe: "PE 7" }] }),
    stress({ run: config.run, id: `c${cycle}-cpu`, host: c, load: { kind: "stress_cpu", workers: 1, loadPercent: 100 }, timeoutSeconds: 120 }),
  ].map(must);

async function applyAll(list: readonly FaultPlan[]): Promise<void> {
  for (const plan of list) {
    mark(`apply ${plan.id}`);
    must(await runner.apply(plan));
  }
}

mark("ready");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
process.stdin.pause();
if (config.mode === "cycle") {
  for (let cycle = 0; cycle < config.cycles; cycle++) {
    const list = plans(cycle);
    await applyAll(list);
    for (const plan of [...list].reverse()) {
      mark(`undo ${plan.id}`);
      const r = await runner.undo(plan);
      if (r.status !== "undone") fail(`undo of ${plan.id}: ${r.problems.join("; ")}`);
    }
  }
  mark("done");
} else {
  handleInterrupts({
    cleanUp: async () => {
      mark("cleaning");
      const failed = printUndoReports(await runner.undoAll(), { out: mark, err: (l) => process.stderr.write(`${l}\n`) });
      await ledger.close();
      await lock.release();
      return failed > 0 ? EXIT.error : EXIT.interrupted;
    },
    stillApplied: () => runner.outstanding().map((p) => p.summary),
    recoverCommand: `xdc recover --ledger ${config.ledger}`,
    log: (l) => process.stderr.write(`${l}\n`),
    exit: (code) => process.exit(code),
  });
  await applyAll(plans(0));
  mark("applied");
  // Bounded: a parent that never signals does not leave this process behind.
  await clock.sleep(20_000);
  fail("no signal came");
}
await ledger.close();
await lock.release();
await pool.close();
