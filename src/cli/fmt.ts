import { Option, type Command } from "commander";
import { useColour, type ColourChoice } from "./colour.js";
import type { CliCommand } from "./command.js";

export const fmt: CliCommand = {
  name: "fmt",
  register(program: Command) {
    program
      .command("fmt")
      .summary("format .xdc files in the canonical layout")
      .description(
        "Formats .xdc files in the canonical layout (docs/formatting.md), keeping every comment.\n" +
          "Without --check or --write, prints the formatted text of one file (or of stdin, given -).\n" +
          "Files with syntax errors are never changed: their errors are printed instead.",
      )
      .argument("[paths...]", "files and directories (searched for *.xdc), or - for stdin; --check and --write default to .")
      .addOption(new Option("--check", "show how each file that is not formatted would change (a unified diff per file), change nothing; exit 1 if there are any").conflicts("write"))
      .addOption(new Option("--write", "rewrite the files that are not formatted, in place, and list them").conflicts("check"))
      .option("--stdin-filename <file>", "the file name to show in errors for text read from stdin (default: <stdin>)")
      .addHelpText(
        "after",
        `
Exit codes:
  0  formatted (or, with --check, every file already was)
  1  with --check: some files are not formatted
  2  usage error, or a file has syntax errors (printed on stderr; the file is left as it is)`,
      )
      .action(async (paths: string[], opts: { check?: boolean; write?: boolean; color: ColourChoice; stdinFilename?: string }) => {
        const { runFmt } = await import("./fmt-run.js");
        const { terminal } = await import("./io.js");
        process.exitCode = await runFmt(
          {
            paths,
            mode: opts.check === true ? "check" : opts.write === true ? "write" : "print",
            colour: useColour(process.stderr, process.env, opts.color),
            ...(opts.stdinFilename !== undefined ? { stdinFilename: opts.stdinFilename } : {}),
          },
          terminal,
        );
      });
  },
};
