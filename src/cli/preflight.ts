import { InvalidArgumentError, Option, type Command } from "commander";
import type { CliCommand } from "./command.js";
import { addSshOptions } from "./ssh-options.js";
import type { PreflightCliOptions } from "./preflight-run.js";

/** A duration such as 500ms or 5s, in milliseconds. */
export const durationMs = (v: string): number => {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(v);
  if (!m) throw new InvalidArgumentError("give a duration such as 500ms or 5s");
  return Number(m[1]) * (m[2] === "s" ? 1000 : 1);
};

/** `xdc preflight`: every dependency of the scenarios, checked read-only (docs/preflight.md). */
export const preflightCommand: CliCommand = {
  name: "preflight",
  register(program: Command) {
    addSshOptions(
      program
        .command("preflight")
        .summary("check, without changing anything, everything the scenarios will use")
        .description(
          "Checks the files, works out what their scenarios need (datacenters, endpoints, hosts, the programs and sudo rules " +
            "of each fault, bundles and data files), and checks each of those read-only: one line per check, with the fix. " +
            "With `environment: sim` (or none) it starts the twin for the checks and stops it afterwards.",
        )
        .argument("<files...>", "the .xdc files whose scenarios to check")
        .option("--env <file>", "an environment file (as for `xdc exec --env`)")
        .addOption(new Option("--format <format>", "text (a table) or json").choices(["text", "json"]).default("text"))
        .addOption(new Option("--timeout <duration>", "how long each request and command may take").argParser(durationMs).default(5000, "5s"))
        .addOption(new Option("--max-skew <duration>", "warn about a host whose clock is further off than this").argParser(durationMs).default(100, "100ms")),
    )
      .addHelpText(
        "after",
        `
Exit codes:
  0    every check passed (warnings allowed)
  2    usage error, or a file has errors (printed as \`xdc check\` prints them)
  3    a check failed: the run would not go well (each failing line says why and how to fix it)`,
      )
      .action(async (files: string[], opts: PreflightCliOptions) => {
        const { runPreflightCommand } = await import("./preflight-run.js");
        process.exitCode = await runPreflightCommand(files, opts, { env: process.env, xdc: process.argv[1] ?? "xdc" });
      });
  },
};
