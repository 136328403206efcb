import { expect } from "chai";
import { realClock } from "../../src/runtime/clock.js";

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FaultHost, FaultPlan } from "../../src/drivers/faults/types.js";
import { bandwidth, latency, partition } from "../../src/drivers/network/index.js";
import { pausePes } from "../../src/drivers/process/index.js";
import { stress } from "../../src/drivers/resource/index.js";
import { parseKnownHosts, SshPool } from "../../src/drivers/ssh/index.js";
import { must } from "../helpers/must.js";
import { alive } from "../helpers/procs.js";
import { FaultRunner } from "../../src/runtime/fault-runner.js";
import { pinHostKeys, sshChannels } from "../../src/runtime/fault-targets.js";
import { Ledger, readLedger } from "../../src/runtime/ledger.js";
import { generateKeys } from "../../src/sim/ssh/index.js";

const clock = realClock();

const run = promisify(execFile);
const PREFIX = "xdcfault-";
// The maker's pid: a later run can tell a dead run's leftovers from a live run's lab.
const tag = `${process.pid}`;
const SRV = `${PREFIX}${tag}-srv`;
const CLI = `${PREFIX}${tag}-cli`;
// Private /30s used only here: srv <-> cli inside the namespaces, and root <-> srv for xdc's SSH.
const X = 100 + (process.pid % 100);
const NET = { srv: `10.213.${X}.1`, cli: `10.213.${X}.2`, root: `10.213.${X}.5`, srvMgmt: `10.213.${X}.6` };

const PRIVSEP = "/run/sshd";

const sh = (cmd: string, args: string[]) => run(cmd, args, { timeout: 10_000 });
const inNs = (ns: string, ...args: string[]) => sh("ip", ["netns", "exec", ns, ...args]);

/** Whether this machine can host the lab: root, `ip netns`, iptables and Debian's sshd. */
async function labAvailable(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return "not root";
  for (const [cmd, args] of [["ip", ["netns", "list"]], ["iptables", ["--version"]], ["/usr/sbin/sshd", ["-V"]]] as const) {
    try {
      await sh(cmd, [...args]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return `${cmd} is not installed`;
      // sshd -V prints its version to stderr and exits 1: present.
      if (cmd !== "/usr/sbin/sshd") return `${cmd} ${args.join(" ")} fails: ${(e as Error).message.split("\n")[0]}`;
    }
  }
  return undefined;
}

/**
 * Deletes this run's namespaces, and those of an earlier run that died before its `after`;
 * never those of another run still going (two suites on one machine).
 */
async function deleteLabNamespaces(): Promise<void> {
  const { stdout } = await sh("ip", ["netns", "list"]);
  for (const line of stdout.split("\n")) {
    const name = line.split(" ")[0] ?? "";
    const owner = Number(/^xdcfault-(\d+)-/.exec(name)?.[1]);
    if (name.startsWith(PREFIX) && (name.startsWith(`${PREFIX}${tag}-`) || !alive(owner))) await sh("ip", ["netns", "delete", name]).catch(() => undefined);
  }
}

/** A bounded TCP connect from the client namespace to sshd's port on the server's in-lab address. */
async function reachable(): Promise<boolean> {
  try {
    await inNs(CLI, "timeout", "0.5", "bash", "-c", `exec 3<>/dev/tcp/${NET.srv}/22`);
    return true;
  } catch {
    return false;
  }
}

/**
 * The lab: two network namespaces joined by a veth pair, Debian's sshd in one of them, real
 * iptables and tc. xdc reaches the server namespace over a second veth pair from the root
 * namespace, applies faults through its SSH path, and a probe from the client namespace shows
 * what they do to traffic between the namespaces.
 */
describe("faults against real iptables in network namespaces", function () {
  this.timeout(30_000);
  let dir: string;
  let sshd: ChildProcess | undefined;
  let madePrivsep = false;
  let pool: SshPool;
  let srv: FaultHost;
  let netem: boolean;
  let ledgerPath: string;
  let ledger: Ledger;
  let runner: FaultRunner;
  const xdcKey = generateKeys("xdc@lab");

  before(async function () {
    const missing = await labAvailable();
    if (missing) {
      this.test!.title += ` (skipped: ${missing})`;
      this.skip();
    }
    await deleteLabNamespaces();
    dir = mkdtempSync(join(tmpdir(), "xdc-lab-"));
    const setup: string[][] = [
      ["netns", "add", SRV],
      ["netns", "add", CLI],
      ["link", "add", `xf${tag}s`, "netns", SRV, "type", "veth", "peer", "name", `xf${tag}c`, "netns", CLI],
      ["link", "add", `xf${tag}r`, "type", "veth", "peer", "name", `xf${tag}m`, "netns", SRV],
      ["-n", SRV, "addr", "add", `${NET.srv}/30`, "dev", `xf${tag}s`],
      ["-n", CLI, "addr", "add", `${NET.cli}/30`, "dev", `xf${tag}c`],
      ["-n", SRV, "addr", "add", `${NET.srvMgmt}/30`, "dev", `xf${tag}m`],
      ["addr", "add", `${NET.root}/30`, "dev", `xf${tag}r`],
      ["-n", SRV, "link", "set", "lo", "up"],
      ["-n", SRV, "link", "set", `xf${tag}s`, "up"],
      ["-n", SRV, "link", "set", `xf${tag}m`, "up"],
      ["-n", CLI, "link", "set", `xf${tag}c`, "up"],
      ["link", "set", `xf${tag}r`, "up"],
    ];
    for (const args of setup) await sh("ip", args);
    await sh("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", join(dir, "host_ed25519")]);
    writeFileSync(join(dir, "authorized_keys"), `${xdcKey.publicKey}\n`, { mode: 0o600 });
    writeFileSync(
      join(dir, "sshd_config"),
      [`Port 22`, `ListenAddress ${NET.srv}`, `ListenAddress ${NET.srvMgmt}`, `HostKey ${join(dir, "host_ed25519")}`, `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
        `PidFile ${join(dir, "sshd.pid")}`, "PermitRootLogin prohibit-password", "PasswordAuthentication no", "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no", ""].join("\n"),
    );
    // OpenSSH's privilege separation directory is compiled in; Debian makes it only when the
    // service starts, so a machine where sshd never ran has none. The lab makes it, and removes
    // it again only if it made it.
    if (!existsSync(PRIVSEP)) {
      mkdirSync(PRIVSEP, { recursive: true, mode: 0o755 });
      madePrivsep = true;
    }
    sshd = spawn("ip", ["netns", "exec", SRV, "/usr/sbin/sshd", "-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
    await new Promise<void>((resolve, reject) => {
      let log = "";
      sshd!.stderr!.on("data", (d: Buffer) => {
        log += d.toString();
        if ((log.match(/Server listening on/g) ?? []).length >= 2) resolve();
      });
      sshd!.once("exit", (code) => reject(new Error(`sshd exited ${code}: ${log}`)));
    });
    const hostKey = readFileSync(join(dir, "host_ed25519.pub"), "utf8").trim();
    const p = SshPool.create({ auth: { identities: [{ key: xdcKey.privateKey, source: "lab key" }] }, hostKeys: { kind: "strict", knownHosts: parseKnownHosts(`${NET.srvMgmt} ${hostKey}`, "lab known_hosts"), file: "lab known_hosts" }, clock });
    pool = must(p.ok ? p : { ok: false, error: { message: p.error } });
    srv = must(await pinHostKeys(pool, [{ ssh: { name: "lab-srv", address: NET.srvMgmt, port: 22, user: "root" }, address: NET.srv, sudo: false, device: `xf${tag}s` }]))[0]!;
    netem = await inNs(SRV, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms").then(
      async () => (await inNs(SRV, "tc", "qdisc", "del", "dev", "lo", "root"), true),
      () => false,
    );
  });

  beforeEach(async () => {
    ledgerPath = join(dir, `ledger-${Math.random().toString(36).slice(2)}.jsonl`);
    ledger = must(await Ledger.open(ledgerPath));
    runner = new FaultRunner({ shell: pool, ledger, clock, by: "run", verifyTimeoutMs: 3000, verifyIntervalMs: 50 });
  });

  afterEach(async () => {
    await ledger?.close();
    if (!srv) return;
    const rules = (await inNs(SRV, "iptables", "-S")).stdout;
    expect(rules).to.not.include("xdc.");
  });

  after(async () => {
    await pool?.close();
    sshd?.kill();
    if (sshd && sshd.exitCode === null) await new Promise((resolve) => sshd!.once("exit", resolve));
    await deleteLabNamespaces().catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (madePrivsep) rmSync(PRIVSEP, { recursive: true, force: true });
  });

  async function roundTrip(plan: FaultPlan, during: () => Promise<void>): Promise<void> {
    must(await runner.apply(plan));
    await during();
    expect(await runner.undo(plan)).to.deep.include({ status: "undone", problems: [] });
    expect(must(await readLedger(ledgerPath)).outstanding).to.deep.equal([]);
  }

  it("partition: traffic between the namespaces stops, xdc's SSH goes on, and it all comes back after the undo", async () => {
    const keep = must(await sshChannels(pool, [srv]));
    // Real sshd names xdc's address itself ($SSH_CONNECTION).
    expect(keep).to.deep.equal([{ host: "lab-srv", peer: NET.root, port: 22, what: "ssh" }]);
    expect(await reachable()).to.equal(true);
    // xdc's own address is among the peers: only the exemption keeps its session alive.
    const plan = must(partition({ run: "lab", id: "p1", hosts: [srv], peers: [NET.cli, NET.root], keep, label: "srv <-> everyone" }));
    await roundTrip(plan, async () => {
      expect(await reachable()).to.equal(false);
      const same = await pool.exec(srv.ssh, "echo over the pooled connection");
      expect(same.ok && same.value.stdout).to.equal("over the pooled connection\n");
      const fresh = SshPool.create({ auth: { identities: [{ key: xdcKey.privateKey, source: "lab key" }] }, hostKeys: { kind: "off" }, clock, connectTimeoutMs: 3000 });
      if (!fresh.ok) throw new Error(fresh.error);
      try {
        const r = await fresh.value.exec(srv.ssh, "echo over a new connection");
        expect(r.ok && r.value.stdout).to.equal("over a new connection\n");
      } finally {
        await fresh.value.close();
      }
    });
    expect(await reachable()).to.equal(true);
  });

  it("bandwidth: a tbf root qdisc on the real interface, removed by its handle", async () => {
    const plan = must(bandwidth({ run: "lab", id: "b1", hosts: [srv], bytesPerSecond: 125_000, label: "srv" }));
    await roundTrip(plan, async () => {
      expect((await inNs(SRV, "tc", "qdisc", "show", "dev", srv.device)).stdout).to.match(/^qdisc tbf [0-9a-f]+: root .*rate 1Mbit/);
    });
    expect((await inNs(SRV, "tc", "qdisc", "show", "dev", srv.device)).stdout).to.not.match(/tbf/);
  });

  it("latency: a netem root qdisc on the real interface", async function () {
    if (!netem) {
      this.test!.title += " (skipped: this kernel has no sch_netem: `tc qdisc add … netem` says the qdisc kind is unknown)";
      this.skip();
    }
    const plan = must(latency({ run: "lab", id: "l1", hosts: [srv], delayMs: 50, jitterMs: 5, label: "srv" }));
    await roundTrip(plan, async () => {
      expect((await inNs(SRV, "tc", "qdisc", "show", "dev", srv.device)).stdout).to.match(/^qdisc netem [0-9a-f]+: root .*delay 50ms/);
    });
  });

  /** Skips a case whose tool this machine lacks, saying which (`.ci/run` installs them all). */
  async function needs(test: Mocha.Context, tool: string): Promise<void> {
    const found = await sh("bash", ["-c", `command -v ${tool}`]).then(() => true, () => false);
    if (found) return;
    test.test!.title += ` (skipped: ${tool} is not installed)`;
    test.skip();
  }

  it("pause: a real process is stopped (state T) and continued", async function () {
    await needs(this, "ps");
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      const plan = must(pausePes({ run: "lab", id: "s1", targets: [{ host: srv, pid: sleeper.pid!, pe: "sleep" }] }));
      const state = () => readFileSync(`/proc/${sleeper.pid}/stat`, "utf8").split(") ")[1]![0];
      await roundTrip(plan, async () => {
        expect(state()).to.equal("T");
      });
      expect(state()).to.equal("S");
    } finally {
      sleeper.kill();
    }
  });

  it("stress_cpu: real stress-ng, found by its command line and ended by the undo", async function () {
    await needs(this, "stress-ng");
    const plan = must(stress({ run: "lab", id: "c1", host: srv, load: { kind: "stress_cpu", workers: 1, loadPercent: 10 }, timeoutSeconds: 20 }));
    await roundTrip(plan, async () => {
      expect((await sh("pgrep", ["-f", "-x", "stress-ng --cpu 1 --cpu-load 10 --timeout 20s -q"])).stdout.trim()).to.match(/^\d+$/);
    });
    const left = await sh("pgrep", ["-f", "stress-ng --cpu 1 --cpu-load 10"]).then((r) => r.stdout, () => "");
    expect(left).to.equal("");
  });

  it("xdc recover undoes what a run left behind, and a second recover has nothing to do", async () => {
    const keep = must(await sshChannels(pool, [srv]));
    must(await runner.apply(must(partition({ run: "lab", id: "p2", hosts: [srv], peers: [NET.cli], keep, label: "srv <-> cli" }))));
    await ledger.close();
    expect(await reachable()).to.equal(false);
    const keyFile = join(dir, "id_xdc");
    writeFileSync(keyFile, xdcKey.privateKey, { mode: 0o600 });
    const cli = (args: string[]) =>
      run(process.execPath, [join(process.cwd(), "bin", "xdc.js"), "recover", "--ledger", ledgerPath, "-i", keyFile, "--known-hosts", join(dir, "none"), ...args], { timeout: 20_000, env: { PATH: process.env["PATH"] ?? "", HOME: dir } }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    writeFileSync(join(dir, "none"), "");
    const first = await cli([]);
    expect(first).to.deep.equal({ code: 0, out: `xdc recover: 1 fault still applied according to ${ledgerPath}\n  undone: partition srv <-> cli on lab-srv (run lab, fault p2)\nxdc recover: done, nothing is left applied\n` });
    expect(await reachable()).to.equal(true);
    expect(await cli([])).to.deep.equal({ code: 0, out: `xdc recover: nothing to do: the 1 fault recorded in ${ledgerPath} is all undone\n` });
    ledger = must(await Ledger.open(ledgerPath));
  });
});
