import { collectSet } from "./set-option.js";
import { InvalidArgumentError, Option, type Command } from "commander";
import type { CliCommand } from "./command.js";
import { useColour, type ColourChoice } from "./colour.js";
import { addSshOptions, type SshCliOptions } from "./ssh-options.js";

export interface ExecOptions extends SshCliOptions {
  /** `--color`, which createProgram adds to every command. */
  readonly color?: ColourChoice;
  readonly env?: string;
  readonly seed?: number;
  readonly out: string;
  readonly ledger: string;
  readonly heartbeatInterval?: number;
  readonly missesAllowed?: number;
  readonly poll: number;
  /** commander's `--no-preflight` sets this false. */
  readonly preflight?: boolean;
  /** `--set NAME=VALUE[,VALUE…]` (repeatable): scenario parameters; several values run each scenario once per value. */
  readonly set?: readonly string[];
}

const whole = (name: string, min: number) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number of at least ${min}`);
  return n;
};

const millis = (v: string) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(v);
  if (!m) throw new InvalidArgumentError("give a duration such as 200ms or 1s");
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
};

/** `xdc exec`: runs scenarios end to end against the twin or a real deployment (docs/cli.md). */
export const execCommand: CliCommand = {
  name: "exec",
  register(program: Command) {
    addSshOptions(
      program
        .command("exec")
        .summary("run scenarios end to end: deploy, inject faults, observe the failover, judge")
        .description(
          "Checks the files (a directory: every .xdc file in it), then runs every scenario in them. With `environment: sim` (or none) it starts the " +
            "twin itself and stops it afterwards; with --env it runs against the deployment that file describes. " +
            "Writes a JSON-lines journal to --out, shows progress, and ends with a summary per scenario.",
        )
        .argument("<paths...>", "the .xdc files to run: files, directories (every .xdc file in them, in name order), or - for stdin")
        .option("--env <file>", "an environment file (as `xdc sim --env-out` writes, or describing a real deployment)")
        .option("--seed <n>", "seed for generated data and the twin", whole("--seed", 0))
        .option("--out <dir>", "where the journal (journal.jsonl) and reports go", "out")
        .option("--ledger <file>", "the fault ledger (`xdc recover` reads it)", ".xdc/ledger.jsonl")
        .option("--heartbeat-interval <duration>", "the twin's toolkit heartbeat interval (environment: sim)", millis)
        .option("--misses-allowed <n>", "the twin's toolkit consecutiveHeartbeatMissesAllowed (environment: sim)", whole("--misses-allowed", 0))
        .addOption(new Option("--poll <duration>", "how often conditions, sinks and the failover observer are read").argParser(millis).default(100, "100ms"))
        .option("--no-preflight", "skip the read-only checks of everything the scenarios need (`xdc preflight`) before the run")
        .option("--set <name=value>", "a value for a scenario parameter, as written in .xdc (`--set rate=800/s`); several, comma-separated, run each scenario once per value (repeatable)", collectSet),
    )
      .addHelpText(
        "after",
        `
Exit codes:
  0    every scenario passed
  1    an expectation failed
  2    usage error, or a file has errors (printed as \`xdc check\` prints them)
  3    error: the environment, a fault or xdc itself failed, the preflight found a
       problem (nothing was started), or a fault is still in effect (stderr names it
       and the \`xdc recover\` command that undoes it)
  4    no data: a check had nothing to judge, or the files hold no scenario
  130  interrupted (Ctrl-C or SIGTERM): every fault undone, teardown ran`,
      )
      .action(async (files: string[], opts: ExecOptions) => {
        const { runExec } = await import("./exec-run.js");
        process.exitCode = await runExec(files, opts, { env: process.env, xdc: process.argv[1] ?? "xdc", tty: process.stdout.isTTY === true, colour: useColour(process.stdout, process.env, opts.color) });
      });
  },
};
