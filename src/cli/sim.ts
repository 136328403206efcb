import { InvalidArgumentError, type Command } from "commander";
import type { CliCommand } from "./command.js";
import { parseSeconds } from "../sim/toolkit/params.js";
import type { SimOptions } from "./sim-run.js";

const whole = (name: string, min: number, max: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
};

const rate = (v: string) => {
  const n = Number(v);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError("the rate must be a number from 0 to 1, e.g. 0.2");
  return n;
};

const duration = (v: string) => {
  const ms = parseSeconds(v);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError("give a duration such as 200ms, 1s or 0.5 (seconds)");
  return ms;
};

const collect = (v: string, previous: string[] | undefined) => [...(previous ?? []), v];

/** `xdc sim`: starts the twin, a simulated multi-datacenter Streams deployment (docs/twin.md). */
export const simCommand: CliCommand = {
  name: "sim",
  register(program: Command) {
    program
      .command("sim")
      .description("start the twin: a simulated two-datacenter Teracloud Streams deployment on loopback")
      .option("--dc <name>", "a datacenter (repeat for more; default dc1 and dc2)", collect)
      .option("--hosts <n>", "hosts per datacenter", whole("--hosts", 1, 200), 3)
      .option("--port <n>", "REST port of every datacenter (each on its own address); SSH uses n+1, data n+2; 0 = free ports", whole("--port", 0, 65533), 0)
      .option("--network <n>", "the second octet of every address the twin serves on: datacenter i at 127.n.i.1, its hosts at 127.n.i.11…; twins with different ones share no address", whole("--network", 0, 255), 0)
      .option("--user <name>", "REST and Data Exchange user", "streamsadmin")
      .option("--password <secret>", "the user's password (default: $XDC_SIM_PASSWORD, else random and printed once)")
      .option("--state-dir <dir>", "where keys, logs and the environment file go (default: a temporary directory removed at exit)")
      .option("--seed <n>", "seed for everything random (pids, flakiness, netem); default: random, printed", whole("--seed", 0, 2 ** 31 - 1))
      .option("--flaky <rate>", "share of REST requests answered with 503s, resets and slow answers", rate, 0)
      .option("--env-out <file>", "also write the environment description to this file")
      .option("--env-name <name>", "the environment's name in that description", "twin")
      .option("--json", "print one JSON object when ready instead of the text description")
      .option("--heartbeat-interval <duration>", "toolkit heartbeat interval for jobs that set none (e.g. 200ms, 1s)", duration)
      .option("--misses-allowed <n>", "toolkit consecutiveHeartbeatMissesAllowed for jobs that set none", whole("--misses-allowed", 0, 1000))
      .option("--restart-delay <duration>", "how long a crashed PE takes to restart", duration)
      .option("--lifeline", "stop (and remove the temporary state directory) when standard input, a pipe the starting program holds, closes: the twin never outlives that program, even after kill -9")
      .option("--tls", "serve REST, Data Exchange and /metrics over HTTPS, with certificates from a CA made for this run (its PEM file is the environment's ca_file)")
      .option("--prometheus", "also run Debian's prometheus server on 127.0.0.1, scraping every datacenter's /metrics every 500 ms; the environment file's `prometheus:` names it (exit 3 when the binary is not installed)")
      .addHelpText(
        "after",
        `
Addresses: datacenter i serves REST, Data Exchange discovery and /metrics on 127.0.i.1;
its host k is 127.0.i.(10+k) with an SSH server (user streams, key in the state directory)
and the Data Exchange endpoints and toolkit receivers of the PEs placed on it. The ground
truth (twin-only) is at http://127.0.0.1:PORT/xdc-twin/events. With --tls the first three
are https:// and the CA that signed their certificates is STATE_DIR/tls/ca.pem.
With --prometheus, a Prometheus server on 127.0.0.1 (a free port) scrapes them all; its
configuration, data and log are in the state directory and it stops with the twin.

Ctrl-C (or SIGTERM) stops every datacenter; nothing is left listening. So does the end of
standard input with --lifeline (for programs that start the twin; \`xdc exec\` does). See
docs/twin.md.

Exit codes:
  0  stopped by SIGTERM or the end of --lifeline's input
  2  usage error (--lifeline without a pipe, an --env-out path that cannot exist)
  3  the twin could not start, or --env-out could not be written
  130  stopped by Ctrl-C`,
      )
      .action(async (opts: SimOptions) => {
        const { runSim } = await import("./sim-run.js");
        process.exitCode = await runSim({
          ...opts,
          password: opts.password ?? process.env.XDC_SIM_PASSWORD,
        });
      });
  },
};

