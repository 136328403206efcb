import { collectSet } from "./set-option.js";
import { Option, type Command } from "commander";
import type { CliCommand } from "./command.js";

export const planCommand: CliCommand = {
  name: "plan",
  register(program: Command) {
    program
      .command("plan")
      .summary("print the timeline `xdc exec` would follow, without contacting anything")
      .description(
        "Runs the scenarios of the files (a directory: every .xdc file in it) on a virtual clock against a world that contacts nothing, and prints " +
          "what would happen at which offset: phases, statements and their lines, faults with the commands " +
          "they would run on which hosts and those that undo them, and what is awaited until when. What only " +
          "a live system knows is marked; see docs/cli.md.",
      )
      .argument("<paths...>", "the .xdc files to plan: files, directories (every .xdc file in them), or - for stdin")
      .addOption(new Option("--format <format>", "text for people, json for tools").choices(["text", "json"]).default("text"))
      .option("--env <file>", "plan against the deployment an environment file describes, as `xdc exec --env` would run")
      .option("--set <name=value>", "a value for a scenario parameter, as written in .xdc (`--set rate=800/s`); several, comma-separated, plan each (repeatable)", collectSet)
      .addHelpText(
        "after",
        `
Exit codes:
  0  planned
  2  usage error (a path that does not exist or cannot be read), or a file has errors (printed as \`xdc check\` prints them)
  4  no scenario to plan: the files hold none`,
      )
      .action(async (paths: string[], opts: { format: "text" | "json"; env?: string; set?: string[] }) => {
        const { runPlan } = await import("./plan-run.js");
        const { terminal } = await import("./io.js");
        process.exitCode = await runPlan({ paths, format: opts.format, ...(opts.env !== undefined ? { env: opts.env } : {}), ...(opts.set !== undefined ? { set: opts.set } : {}) }, terminal);
      });
  },
};
