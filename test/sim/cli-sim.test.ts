import { expect } from "chai";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { alive } from "../helpers/procs.js";

// `xdc sim` as a user starts it: the real command, as a child process.
const xdc = fileURLToPath(new URL("../../bin/xdc.js", import.meta.url));

/** Starts `xdc sim ARGS` and resolves with what it printed once `ready(stdout)` holds. */
function startSim(args: string[], ready: (out: string) => boolean, stdin: "ignore" | "pipe" = "ignore"): Promise<{ child: ChildProcess; out: string; exit: Promise<number | null> }> {
  const child = spawn(process.execPath, [xdc, "sim", ...args], { stdio: [stdin, "pipe", "pipe"], env: { ...process.env, XDC_SIM_PASSWORD: "" } });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let out = "";
  let err = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (ready(out)) resolve({ child, out, exit });
    });
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    void exit.then((code) => reject(new Error(`xdc sim exited (${code}) before it was ready: ${err}`)));
  });
}

const refused = (address: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: address, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

const pidGone = (pid: number) => !alive(pid);

describe("xdc sim (command line)", function () {
  this.timeout(30_000);
  const stateDir = mkdtempSync(join(tmpdir(), "xdc-sim-cli-"));
  after(() => rmSync(stateDir, { recursive: true, force: true }));

  it("documents its options", () => {
    const help = spawnSync(process.execPath, [xdc, "sim", "--help"], { encoding: "utf8" });
    expect(help.status).to.equal(0);
    for (const option of ["--dc", "--hosts", "--port", "--user", "--password", "--state-dir", "--seed", "--flaky", "--env-out", "--json", "--lifeline", "--heartbeat-interval", "--misses-allowed"]) {
      expect(help.stdout).to.contain(option);
    }
  });

  it("prints the environment and credentials, answers with them and 401 without, and stops on SIGTERM", async () => {
    const sim = await startSim(["--state-dir", stateDir, "--hosts", "1"], (out) => out.includes("Ctrl-C stops the twin"));
    const creds = [...sim.out.matchAll(/^STREAMS_REST_URL=(\S+) STREAMS_USERNAME=(\S+) STREAMS_PASSWORD=(\S+) {2}# (\w+)$/gm)].map((m) => ({ url: m[1]!, user: m[2]!, password: m[3]!, dc: m[4]! }));
    expect(creds.map((c) => c.dc)).to.deep.equal(["dc1", "dc2"]);
    expect(sim.out).to.match(/^environment twin \{$/m);
    expect(sim.out).to.contain(`export XDC_SIM_PASSWORD='${creds[0]!.password}'`);
    expect(readFileSync(join(stateDir, "sim.xdc"), "utf8")).to.contain(`streams: "${creds[0]!.url}"`);
    const basic = `Basic ${Buffer.from(`${creds[0]!.user}:${creds[0]!.password}`).toString("base64")}`;
    const ok = await fetch(`${creds[0]!.url}/resources`, { headers: { Authorization: basic } });
    expect(ok.status).to.equal(200);
    expect(((await ok.json()) as { resources: { name: string }[] }).resources.map((r) => r.name)).to.include("instances");
    expect((await fetch(`${creds[1]!.url}/resources`)).status).to.equal(401);
    sim.child.kill("SIGTERM");
    expect(await sim.exit).to.equal(0);
  });

  it("with --json prints one ready object; Ctrl-C (SIGINT) leaves nothing listening and no process behind", async () => {
    const envOut = join(stateDir, "env.xdc");
    const sim = await startSim(["--json", "--state-dir", stateDir, "--env-out", envOut, "--hosts", "2", "--seed", "5"], (out) => out.includes("\n"));
    const ready = JSON.parse(sim.out) as {
      seed: number;
      password: string;
      groundTruth: string;
      pids: Record<string, number>;
      dcs: { name: string; streams: string; hosts: { address: string; sshPort: number }[] }[];
    };
    expect(ready.seed).to.equal(5);
    expect(readFileSync(envOut, "utf8")).to.contain(ready.dcs[1]!.streams);
    const listeners = ready.dcs.flatMap((dc) => {
      const rest = new URL(dc.streams);
      return [{ address: rest.hostname, port: Number(rest.port) }, ...dc.hosts.map((h) => ({ address: h.address, port: h.sshPort }))];
    });
    const truth = new URL(ready.groundTruth);
    listeners.push({ address: truth.hostname, port: Number(truth.port) });
    expect(await Promise.all(listeners.map((l) => refused(l.address, l.port)))).to.deep.equal(listeners.map(() => false));
    sim.child.kill("SIGINT");
    expect(await sim.exit).to.equal(130);
    expect(await Promise.all(listeners.map((l) => refused(l.address, l.port)))).to.deep.equal(listeners.map(() => true));
    expect(Object.values(ready.pids).map(pidGone)).to.deep.equal([true, true]);
  });

  it("leaves no datacenter behind when the coordinator itself is killed, and keeps a --state-dir the user chose", async () => {
    const sim = await startSim(["--json", "--hosts", "1", "--state-dir", stateDir], (out) => out.includes("\n"));
    const ready = JSON.parse(sim.out) as { pids: Record<string, number>; dcs: { streams: string }[] };
    sim.child.kill("SIGKILL");
    await sim.exit;
    // Each datacenter notices its IPC channel close and exits on its own.
    for (let i = 0; i < 250 && !Object.values(ready.pids).every(pidGone); i++) await new Promise((r) => setTimeout(r, 20));
    expect(Object.values(ready.pids).map(pidGone)).to.deep.equal([true, true]);
    const rest = new URL(ready.dcs[0]!.streams);
    expect(await refused(rest.hostname, Number(rest.port))).to.equal(true);
    expect(existsSync(join(stateDir, "id_ed25519")), "the user's state directory keeps its keys").to.equal(true);
  });

  it("when the coordinator is killed, its datacenters remove the temporary state directory (private keys) as they exit", async () => {
    const sim = await startSim(["--json", "--hosts", "1"], (out) => out.includes("\n"));
    const ready = JSON.parse(sim.out) as { pids: Record<string, number>; stateDir: string };
    try {
      expect(existsSync(join(ready.stateDir, "id_ed25519"))).to.equal(true);
      sim.child.kill("SIGKILL");
      await sim.exit;
      for (let i = 0; i < 250 && !(Object.values(ready.pids).every(pidGone) && !existsSync(ready.stateDir)); i++) await new Promise((r) => setTimeout(r, 20));
      expect(Object.values(ready.pids).map(pidGone)).to.deep.equal([true, true]);
      expect(existsSync(ready.stateDir), `${ready.stateDir} is left behind`).to.equal(false);
    } finally {
      rmSync(ready.stateDir, { recursive: true, force: true });
    }
  });

  it("--lifeline: the end of standard input stops the twin and removes its state; without --lifeline it changes nothing", async () => {
    const [held, plain] = await Promise.all([
      startSim(["--json", "--hosts", "1", "--lifeline"], (out) => out.includes("\n"), "pipe"),
      startSim(["--json", "--hosts", "1", "--dc", "east", "--dc", "west"], (out) => out.includes("\n"), "pipe"),
    ]);
    const heldReady = JSON.parse(held.out) as { pids: Record<string, number>; stateDir: string };
    const plainReady = JSON.parse(plain.out) as { stateDir: string; dcs: { streams: string }[] };
    try {
      held.child.stdin!.end();
      plain.child.stdin!.end();
      expect(await held.exit).to.equal(0);
      expect(Object.values(heldReady.pids).map(pidGone)).to.deep.equal([true, true]);
      expect(existsSync(heldReady.stateDir)).to.equal(false);
      // By now the plain twin has had its end of input as long as the other needed to stop.
      expect(plain.child.exitCode).to.equal(null);
      const rest = new URL(plainReady.dcs[0]!.streams);
      expect(await refused(rest.hostname, Number(rest.port))).to.equal(false);
    } finally {
      plain.child.kill("SIGTERM");
      held.child.kill("SIGKILL");
    }
    expect(await plain.exit).to.equal(0);
    expect(existsSync(plainReady.stateDir)).to.equal(false);
  });

  it("--lifeline refuses a standard input that is not a pipe (a terminal, /dev/null): usage error", () => {
    const run = spawnSync(process.execPath, [xdc, "sim", "--lifeline", "--hosts", "1"], { stdio: ["ignore", "pipe", "pipe"], encoding: "utf8", timeout: 20_000 });
    expect(run.status).to.equal(2);
    expect(run.stderr).to.contain("--lifeline needs standard input to be a pipe");
    expect(run.stdout).to.equal("");
  });
});

