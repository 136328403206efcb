// Fault onset on the twin's hosts over xdc's own SSH path: from the scheduled instant (the call
// to apply) to the partition's rules being in effect on every host, with a warm pool. Measured
// for one datacenter of 3 hosts (target: under 100 ms), and for 1 and 50 hosts (target: 50
// hosts take at most twice as long as 1). Each apply includes its fsynced ledger record; the
// runner's own check (a listing per host) is shown apart. Loopback only (127.0.12.x), bounded
// rounds; the hosts run in a second process (bench/twin-hosts.ts), on the same 2 cores.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FaultHost } from "../src/drivers/faults/types.js";
import { partition } from "../src/drivers/network/index.js";
import { parseKnownHosts, SshPool } from "../src/drivers/ssh/index.js";
import type { RemoteShell } from "../src/drivers/ssh/types.js";
import { realClock } from "../src/runtime/clock.js";
import { FaultRunner } from "../src/runtime/fault-runner.js";
import { pinHostKeys, sshChannels } from "../src/runtime/fault-targets.js";
import { Ledger } from "../src/runtime/ledger.js";
import { fmt, median } from "./stats.js";

const HOSTS = 50;
const ROUNDS = 30;
const WARM_UP = 3;

interface Round {
  /** Scheduled instant to the last host's apply command returning: the rules are in effect. */
  readonly onsetMs: number;
  /** The same to apply() returning, the runner's checks included. */
  readonly appliedMs: number;
}

export async function run(): Promise<void> {
  const clock = realClock();
  // The hosts live in a process of their own, as real hosts would: what is measured is xdc's side.
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./twin-hosts.ts", import.meta.url)), "127.0.12.1", String(HOSTS)], { stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (d: Buffer) => {
      text += d.toString();
      if (text.includes("\n")) resolve(text.split("\n")[0]!);
    });
    child.once("exit", (code) => reject(new Error(`the twin hosts exited with ${code}`)));
  });
  const spec = JSON.parse(line) as { key: string; hosts: { name: string; address: string; port: number; hostKey: string }[] };
  const xdcKey = { privateKey: spec.key };
  const hosts: FaultHost[] = spec.hosts.map((h) => ({ ssh: { name: h.name, address: h.address, port: h.port, user: "root", hostKeys: [h.hostKey] }, address: h.address, sudo: false, device: "eth0" }));
  const created = SshPool.create({ auth: { identities: [{ key: xdcKey.privateKey, source: "bench" }] }, hostKeys: { kind: "strict", knownHosts: parseKnownHosts("", "none"), file: "none" }, clock });
  if (!created.ok) throw new Error(created.error);
  const pool = created.value;
  const dir = mkdtempSync(join(tmpdir(), "xdc-bench-faults-"));
  const ledger = await Ledger.open(join(dir, "ledger.jsonl"));
  if (!ledger.ok) throw new Error(ledger.error.message);

  // The time each apply command (an iptables insert) came back, per round.
  let applyReturns: number[] = [];
  const shell: RemoteShell = {
    exec: async (target, line, options) => {
      const r = await pool.exec(target, line, options);
      if (line.includes(" -I ")) applyReturns.push(performance.now());
      return r;
    },
  };
  const runner = new FaultRunner({ shell, ledger: ledger.value, clock, by: "run" });
  let id = 0;

  async function rounds(group: readonly FaultHost[]): Promise<Round[]> {
    const pinned = await pinHostKeys(pool, group);
    const keep = await sshChannels(pool, group);
    if (!pinned.ok || !keep.ok) throw new Error("cannot reach the bench hosts");
    const results: Round[] = [];
    for (let r = 0; r < WARM_UP + ROUNDS; r++) {
      const plan = partition({ run: "bench", id: `f${++id}`, hosts: pinned.value, peers: ["127.0.13.0/24"], keep: keep.value, label: "dc1 <-> dc2" });
      if (!plan.ok) throw new Error(plan.error.message);
      applyReturns = [];
      const t0 = performance.now();
      const applied = await runner.apply(plan.value);
      const appliedMs = performance.now() - t0;
      if (!applied.ok) throw new Error(applied.error.message);
      if (applyReturns.length !== group.length) throw new Error(`expected ${group.length} apply commands, saw ${applyReturns.length}`);
      if (r >= WARM_UP) results.push({ onsetMs: Math.max(...applyReturns) - t0, appliedMs });
      const undone = await runner.undo(plan.value);
      if (undone.status !== "undone") throw new Error(undone.problems.join("; "));
    }
    return results;
  }

  const show = (label: string, rs: readonly Round[]) => {
    const onset = median(rs.map((r) => r.onsetMs));
    console.log(`${label.padEnd(28)} onset median ${fmt(onset, 2).padStart(7)} ms   apply+check median ${fmt(median(rs.map((r) => r.appliedMs)), 2).padStart(7)} ms   (${rs.length} rounds)`);
    return onset;
  };

  try {
    const one = show("partition, 1 host", await rounds(hosts.slice(0, 1)));
    show("partition, 3 hosts (one DC)", await rounds(hosts.slice(0, 3)));
    const fifty = show(`partition, ${HOSTS} hosts`, await rounds(hosts));
    console.log(`fan-out: ${HOSTS} hosts take ${fmt(fifty / one, 2)}× the time of 1 (target ≤ 2×); 3 hosts target < 100 ms`);
  } finally {
    await ledger.value.close();
    await pool.close();
    child.stdin!.end();
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}
