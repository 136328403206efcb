import { Option } from "commander";
import type { CliCommand } from "./command.js";

export const builtinsCommand: CliCommand = {
  name: "builtins",
  register(program) {
    program
      .command("builtins")
      .description("list every builtin (faults, observations, checks, …) grouped by category, or describe one")
      .argument("[name]", "a builtin to describe in full, with its parameters and an example")
      .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
      .addHelpText(
        "after",
        `
Exit codes:
  0  the list or the builtin was printed
  2  usage error, or no builtin has that name (the message suggests the closest)`,
      )
      .action(async (name: string | undefined, options: { format: "text" | "json" }) => {
        const { runBuiltins } = await import("./builtins-run.js");
        const result = runBuiltins(name, options.format);
        if (result.stdout !== undefined) process.stdout.write(`${result.stdout}\n`);
        if (result.stderr !== undefined) process.stderr.write(`${result.stderr}\n`);
        process.exitCode = result.exitCode;
      });
  },
};
