import { collectSet } from "./set-option.js";
import { InvalidArgumentError, Option, type Command } from "commander";
import type { CliCommand } from "./command.js";
import { useColour } from "./colour.js";
import { addSshOptions } from "./ssh-options.js";
import { EXEC_FORMATS } from "./exec-format.js";
import { junitCasesOption } from "./report.js";
import type { ExecOptions } from "./exec-run.js";
import { parseShard, parseTagEntry } from "./exec-select.js";

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

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--every`: a period of at least a second, such as 30s, 15m, 1h or 1d. */
const period = (v: string) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(v);
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!]! : NaN;
  if (!(ms >= 1000)) throw new InvalidArgumentError("give a period of at least 1s, such as 30s, 15m, 1h or 1d");
  return ms;
};

/** `--min-pass 95%` (or `95`): the share as 0..1. */
const share = (v: string) => {
  const m = /^(\d+(?:\.\d+)?)%?$/.exec(v.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 0 && n <= 100)) throw new InvalidArgumentError("give a percentage from 0% to 100%, such as 95%");
  return n / 100;
};

const pattern = (v: string) => {
  try {
    return new RegExp(v);
  } catch (e) {
    throw new InvalidArgumentError(`not a regular expression: ${(e as Error).message}`);
  }
};

const shard = (v: string) => {
  if (parseShard(v) === undefined) throw new InvalidArgumentError("give i/n with 1 <= i <= n, such as 2/4");
  return v.trim();
};

/** At most 254 side by side: each twin takes addresses 127.N.x.y of its own, N from 1 to 254. */
const jobsCount = (v: string) => {
  const n = whole("--jobs", 1)(v);
  if (n > 254) throw new InvalidArgumentError("--jobs must be at most 254");
  return n;
};

const collect = (v: string, all: string[] | undefined) => [...(all ?? []), v];

const tag = (v: string, all: string[] | undefined) => {
  if (parseTagEntry(v).length === 0) throw new InvalidArgumentError("give a tag, or tags joined with + that must all be present (network+slow)");
  return collect(v, all);
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
        .addOption(new Option("--format <format>", "human: progress and summary; json: one JSON object per scenario result on stdout, the rest on stderr; github: human, plus annotations of failed checks for GitHub Actions").choices(EXEC_FORMATS).default("human"))
        .addOption(junitCasesOption())
        .option("--tag <tag>", "run the scenarios with this tag; repeat for any of several (--tag a --tag b), join with + for all of them (--tag a+b)", tag)
        .option("--exclude-tag <tag>", "skip the scenarios with this tag (repeatable); wins over --tag", collect)
        .option("--grep <pattern>", "run the scenarios whose name matches this regular expression", pattern)
        .option("--shard <i/n>", "run only the i-th of n disjoint parts of the selection, split by a hash of file and scenario name (a CI matrix of n jobs runs each scenario once)", shard)
        .option("--list", "print the scenarios that would run (file:line, name, tags) and exit without running them")
        .option("--jobs <n>", "run up to n scenarios side by side: each on its own twin; against a deployment, scenarios that touch the same datacenter never overlap", jobsCount)
        .option("--repeat <n>", "run each scenario n times, each on a fresh twin, and report its pass rate and the spread of every figure (overrides the scenario's `repeat:`)", whole("--repeat", 1))
        .option("--min-pass <percent>", "the share of its repeats a scenario must pass, such as 95% (overrides the scenario's `min_pass:`; default 100%)", share)
        .option("--history <dir>", "also add this run's summary to a history directory (one JSON file per run; `xdc report --history` draws it)")
        .option("--every <period>", "run the selection again every period (30s, 15m, 1h, 1d) until stopped with Ctrl-C", period)
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
  130  interrupted (Ctrl-C or SIGTERM): every fault undone, teardown ran; with
       --every, also stopped between two runs`,
      )
      .action(async (files: string[], opts: ExecOptions) => {
        const { runExec } = await import("./exec-run.js");
        process.exitCode = await runExec(files, opts, { env: process.env, xdc: process.argv[1] ?? "xdc", tty: process.stdout.isTTY === true, colour: useColour(process.stdout, process.env, opts.color) });
      });
  },
};
