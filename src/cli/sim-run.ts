import { fstatSync, writeFileSync } from "node:fs";
import { renderCredentialLines, renderEnvironment, readyObject } from "../sim/environment-file.js";
import { startTwin } from "../sim/launcher.js";
import { EXIT } from "./exit.js";

export interface SimOptions {
  dc: string[];
  hosts: number;
  port: number;
  /** `--network N`: the twin's hosts at 127.N.x.y, so twins side by side never share an address */
  network: number;
  user: string;
  password?: string;
  stateDir?: string;
  seed?: number;
  flaky: number;
  envOut?: string;
  envName: string;
  json?: boolean;
  heartbeatInterval?: number;
  missesAllowed?: number;
  restartDelay?: number;
  lifeline?: boolean;
  tls?: boolean;
  prometheus?: boolean;
}

type StopReason = "SIGINT" | "SIGTERM" | "lifeline";

/**
 * Runs `xdc sim` until Ctrl-C or SIGTERM (or, with --lifeline, the end of standard input):
 * starts the twin, prints how to reach it (the environment file, the Streams tooling
 * variables, or with --json one ready object), and stops everything on the signal. The
 * generated password is printed once; a given one never.
 */
export async function runSim(opts: SimOptions): Promise<number> {
  if (opts.lifeline) {
    const problem = lifelineProblem();
    if (problem) {
      console.error(`xdc sim: --lifeline needs standard input to be a pipe held open by the program that starts the twin; ${problem}`);
      return EXIT.usage;
    }
  }
  let lifelineLost = false;
  // Listen first: a Ctrl-C while the datacenters start must still stop them.
  const stopSignal = new Promise<StopReason>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
    if (opts.lifeline)
      watchLifeline(() => {
        lifelineLost = true;
        resolve("lifeline");
      });
  });
  let twin;
  try {
    twin = await startTwin({
      dcs: opts.dc ?? ["dc1", "dc2"],
      hosts: opts.hosts,
      port: opts.port,
      ...(opts.network ? { network: opts.network } : {}),
      user: opts.user,
      ...(opts.password === undefined || opts.password === "" ? {} : { password: opts.password }),
      ...(opts.stateDir === undefined ? {} : { stateDir: opts.stateDir }),
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      flaky: opts.flaky,
      envName: opts.envName,
      ...(opts.heartbeatInterval === undefined ? {} : { heartbeatIntervalMs: opts.heartbeatInterval }),
      ...(opts.missesAllowed === undefined ? {} : { missesAllowed: opts.missesAllowed }),
      ...(opts.restartDelay === undefined ? {} : { restartDelayMs: opts.restartDelay }),
      ...(opts.tls ? { tls: true } : {}),
      ...(opts.prometheus ? { prometheus: true } : {}),
      log: (line) => console.error(`xdc sim: ${line}`),
    });
  } catch (e) {
    console.error(`xdc sim: cannot start the twin: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.error;
  }
  const shown = twin.passwordGenerated ? twin.password : undefined;
  // The starting program died while the twin started: nobody reads the ready line, and
  // writing it into the dead pipe (EPIPE) would end this process before it cleans up.
  if (lifelineLost) {
    await twin.stop();
    return EXIT.pass;
  }
  if (opts.envOut) {
    try {
      writeFileSync(opts.envOut, renderEnvironment(twin.description, new Date()));
    } catch (e) {
      // The datacenters are running: leaving them would keep this process (and their ports) alive.
      await twin.stop();
      const code = (e as NodeJS.ErrnoException).code;
      console.error(`xdc sim: --env-out ${opts.envOut}: cannot write it (${code ?? (e as Error).message})`);
      return code === "EISDIR" || code === "ENOENT" || code === "ENOTDIR" ? EXIT.usage : EXIT.error;
    }
  }
  if (opts.json) {
    const ready = readyObject(twin.description, { stateDir: twin.stateDir, ...(opts.envOut ? { envFile: opts.envOut } : {}), ...(shown ? { password: shown } : {}) });
    console.log(JSON.stringify({ ...ready, seed: twin.seed, pid: process.pid, pids: { ...twin.pids }, ...(twin.prometheus ? { prometheus: twin.prometheus } : {}) }));
  } else {
    console.log(renderEnvironment(twin.description, new Date()));
    console.log(renderCredentialLines(twin.description, shown));
    if (shown) console.log(`export ${twin.description.passwordVariable}='${shown}'   # printed once`);
    console.log(`\n# seed ${twin.seed}; state in ${twin.stateDir}${opts.stateDir ? "" : " (removed at exit)"}; Ctrl-C stops the twin`);
    if (twin.prometheus) console.log(`# Prometheus at ${twin.prometheus.url} (pid ${twin.prometheus.pid}) scrapes every datacenter; it stops with the twin`);
    console.log(`# xdc exec SCENARIO.xdc --env ${twin.envFile}`);
  }

  const reason = await stopSignal;
  await twin.stop();
  // A pipe still being read would keep this process alive after a SIGTERM.
  if (opts.lifeline) process.stdin.destroy();
  return reason === "SIGINT" ? EXIT.interrupted : EXIT.pass;
}

/**
 * Calls `lost` once standard input ends. The starting program holds the other end of the pipe
 * and never writes to it; when that program exits or is killed by any means (kill -9
 * included) the kernel closes its end and the read here sees EOF at once: no polling, no pid
 * that could be reused. Anything written is ignored.
 */
function watchLifeline(lost: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    lost();
  };
  process.stdin.on("data", () => {});
  process.stdin.once("end", once);
  process.stdin.once("close", once);
  process.stdin.on("error", once);
  process.stdin.resume();
}

/** Why standard input cannot serve as a lifeline: a terminal or /dev/null would stop the twin on Ctrl-D or at once. */
function lifelineProblem(): string | undefined {
  try {
    const stat = fstatSync(0);
    if (stat.isFIFO() || stat.isSocket()) return undefined;
    return process.stdin.isTTY ? "it is a terminal" : "it is a file or device";
  } catch {
    return "it is closed";
  }
}
