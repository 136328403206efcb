import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

/** Hosts per datacenter of the twin `xdc exec` starts (and `xdc plan` shows) unless told otherwise. */
export const TWIN_HOSTS_PER_DC = 3;

/** How `xdc exec` wants the twin it starts for `environment: sim`. */
export interface TwinRequest {
  /** The `xdc` entry to run (`bin/xdc.js`): the twin is `xdc sim`, a separate process. */
  readonly xdc: string;
  readonly seed?: number;
  readonly heartbeatIntervalMs?: number;
  readonly missesAllowed?: number;
  readonly restartDelayMs?: number;
  readonly hosts?: number;
  /** Share of REST requests the twin answers with a 503, a reset or a slow answer (`xdc sim --flaky`). */
  readonly flaky?: number;
  readonly startTimeoutMs?: number;
}

export interface RunningTwin {
  /** The environment file the twin wrote (read like any `--env FILE`). */
  readonly envFile: string;
  /** The variable the environment file reads the password from, and its value. */
  readonly passwordVariable: string;
  readonly password: string;
  readonly groundTruth: string;
  readonly pid: number;
  /** Stops the twin and resolves once every process of it is gone. */
  stop(): Promise<void>;
}

interface Ready {
  readonly stateDir: string;
  readonly passwordVariable: string;
  readonly groundTruth: string;
}

/**
 * Starts `xdc sim --json` as a child process and waits for its ready line. The twin gets its
 * own process group, so a Ctrl-C at the terminal reaches only `xdc exec`, which still needs
 * the twin to undo its faults and run teardown; `exec` stops it afterwards. The password is
 * generated here and travels in the child's environment, never on a command line.
 */
export function startTwinProcess(r: TwinRequest): Promise<RunningTwin> {
  const password = randomBytes(18).toString("base64url");
  const args = [r.xdc, "sim", "--json", "--hosts", String(r.hosts ?? TWIN_HOSTS_PER_DC)];
  if (r.seed !== undefined) args.push("--seed", String(r.seed));
  if (r.heartbeatIntervalMs !== undefined) args.push("--heartbeat-interval", `${r.heartbeatIntervalMs}ms`);
  if (r.missesAllowed !== undefined) args.push("--misses-allowed", String(r.missesAllowed));
  if (r.restartDelayMs !== undefined) args.push("--restart-delay", `${r.restartDelayMs}ms`);
  if (r.flaky !== undefined) args.push("--flaky", String(r.flaky));
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, XDC_SIM_PASSWORD: password } });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  // Should exec die without stopping it, the twin must not outlive it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
    process.off("exit", killOnExit);
  };
  return new Promise((resolve, reject) => {
    let out = "";
    let errText = "";
    let settled = false;
    const timer = setTimeout(() => fail(`the twin did not start within ${(r.startTimeoutMs ?? 60_000) / 1000} s`), r.startTimeoutMs ?? 60_000);
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`${why}${errText.trim() ? `: ${errText.trim().split("\n").slice(-3).join(" / ")}` : ""}`)));
    };
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (errText += d));
    child.once("exit", (code, signal) => fail(`the twin exited (${signal ?? code}) before it was ready`));
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line === undefined || !out.includes("\n") || settled) return;
      settled = true;
      clearTimeout(timer);
      const ready = JSON.parse(line) as Ready;
      resolve({ envFile: join(ready.stateDir, "sim.xdc"), passwordVariable: ready.passwordVariable, password, groundTruth: ready.groundTruth, pid: child.pid!, stop });
    });
  });
}

