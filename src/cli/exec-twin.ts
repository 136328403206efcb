import { SIM_HOSTS_PER_DC } from "../language/environment.js";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { LedgerTarget } from "../runtime/ledger.js";

/** Hosts per datacenter of the twin `xdc exec` starts (and `xdc plan` shows) unless told otherwise. */
export const TWIN_HOSTS_PER_DC = SIM_HOSTS_PER_DC;

/** How `xdc exec` wants the twin it starts for `environment: sim`. */
export interface TwinRequest {
  /** The `xdc` entry to run (`bin/xdc.js`): the twin is `xdc sim`, a separate process. */
  readonly xdc: string;
  readonly seed?: number;
  readonly heartbeatIntervalMs?: number;
  readonly missesAllowed?: number;
  readonly restartDelayMs?: number;
  readonly hosts?: number;
  /** `xdc sim --network`: the second octet of the twin's addresses, so parallel twins share none */
  readonly network?: number;
  /** Share of REST requests the twin answers with a 503, a reset or a slow answer (`xdc sim --flaky`). */
  readonly flaky?: number;
  readonly startTimeoutMs?: number;
  /** `xdc sim --tls`: HTTPS with a CA made for the run */
  readonly tls?: boolean;
  /** `xdc sim --prometheus`: a real Prometheus server scraping the twin, named in its environment file */
  readonly prometheus?: boolean;
}

export interface RunningTwin {
  /** The environment file the twin wrote (read like any `--env FILE`). */
  readonly envFile: string;
  /** The variable the environment file reads the password from, and its value. */
  readonly passwordVariable: string;
  readonly password: string;
  readonly groundTruth: string;
  /** With `tls`: the CA's PEM file, which the environment file names as `ca_file` */
  readonly caFile?: string;
  readonly pid: number;
  /** The twin as the ledger records it, beside each fault applied to it. */
  readonly target: LedgerTarget;
  /** Stops the twin and resolves once every process of it is gone. */
  stop(): Promise<void>;
}

interface Ready {
  readonly stateDir: string;
  readonly passwordVariable: string;
  readonly groundTruth: string;
  readonly caFile?: string;
}

/**
 * Starts `xdc sim --json --lifeline` as a child process and waits for its ready line. The twin gets its
 * own process group, so a Ctrl-C at the terminal reaches only `xdc exec`, which still needs
 * the twin to undo its faults and run teardown; `exec` stops it afterwards. The password is
 * generated here and travels in the child's environment, never on a command line.
 */
export function startTwinProcess(r: TwinRequest): Promise<RunningTwin> {
  const password = randomBytes(18).toString("base64url");
  const args = [r.xdc, "sim", "--json", "--lifeline", "--hosts", String(r.hosts ?? TWIN_HOSTS_PER_DC)];
  if (r.seed !== undefined) args.push("--seed", String(r.seed));
  if (r.heartbeatIntervalMs !== undefined) args.push("--heartbeat-interval", `${r.heartbeatIntervalMs}ms`);
  if (r.missesAllowed !== undefined) args.push("--misses-allowed", String(r.missesAllowed));
  if (r.restartDelayMs !== undefined) args.push("--restart-delay", `${r.restartDelayMs}ms`);
  if (r.network) args.push("--network", String(r.network));
  if (r.tls) args.push("--tls");
  if (r.flaky !== undefined) args.push("--flaky", String(r.flaky));
  if (r.prometheus) args.push("--prometheus");
  // The twin's stdin is its lifeline (`--lifeline`): this process holds the pipe and never
  // writes to it. However this process ends (an exception, process.exit, kill -9) the kernel
  // closes it, and the twin stops and removes its state directory: it never outlives exec.
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"], detached: true, env: { ...process.env, XDC_SIM_PASSWORD: password } });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
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
      const target: LedgerTarget = { kind: "embedded-twin", pid: child.pid!, stateDir: ready.stateDir, command: [process.execPath, ...args] };
      resolve({ envFile: join(ready.stateDir, "sim.xdc"), passwordVariable: ready.passwordVariable, password, groundTruth: ready.groundTruth, ...(ready.caFile === undefined ? {} : { caFile: ready.caFile }), pid: child.pid!, target, stop });
    });
  });
}

