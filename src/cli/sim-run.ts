import { writeFileSync } from "node:fs";
import { renderCredentialLines, renderEnvironment, readyObject } from "../sim/environment-file.js";
import { startTwin } from "../sim/launcher.js";
import { EXIT } from "./exit.js";
import type { SimOptions } from "./sim.js";

/**
 * Runs `xdc sim` until Ctrl-C or SIGTERM: starts the twin, prints how to reach it (the
 * environment file, the Streams tooling variables, or with --json one ready object), and stops
 * everything on the signal. The generated password is printed once; a given one never.
 */
export async function runSim(opts: SimOptions): Promise<number> {
  // Listen first: a Ctrl-C while the datacenters start must still stop them.
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  let twin;
  try {
    twin = await startTwin({
      dcs: opts.dc ?? ["dc1", "dc2"],
      hosts: opts.hosts,
      port: opts.port,
      user: opts.user,
      ...(opts.password === undefined || opts.password === "" ? {} : { password: opts.password }),
      ...(opts.stateDir === undefined ? {} : { stateDir: opts.stateDir }),
      ...(opts.seed === undefined ? {} : { seed: opts.seed }),
      flaky: opts.flaky,
      envName: opts.envName,
      ...(opts.heartbeatInterval === undefined ? {} : { heartbeatIntervalMs: opts.heartbeatInterval }),
      ...(opts.missesAllowed === undefined ? {} : { missesAllowed: opts.missesAllowed }),
      ...(opts.restartDelay === undefined ? {} : { restartDelayMs: opts.restartDelay }),
      log: (line) => console.error(`xdc sim: ${line}`),
    });
  } catch (e) {
    console.error(`xdc sim: cannot start the twin: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT.error;
  }
  const shown = twin.passwordGenerated ? twin.password : undefined;
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
    console.log(JSON.stringify({ ...ready, seed: twin.seed, pid: process.pid, pids: { ...twin.pids } }));
  } else {
    console.log(renderEnvironment(twin.description, new Date()));
    console.log(renderCredentialLines(twin.description, shown));
    if (shown) console.log(`export ${twin.description.passwordVariable}='${shown}'   # printed once`);
    console.log(`\n# seed ${twin.seed}; state in ${twin.stateDir}${opts.stateDir ? "" : " (removed at exit)"}; Ctrl-C stops the twin`);
  }

  const signal = await stopSignal;
  await twin.stop();
  return signal === "SIGINT" ? EXIT.interrupted : EXIT.pass;
}
