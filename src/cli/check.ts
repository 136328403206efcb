import { InvalidArgumentError, Option, type Command } from "commander";
import { FORMAT_NAMES } from "../language/render/formats.js";
import { useColour, type ColourChoice } from "./colour.js";
import type { CliCommand } from "./command.js";
import { collectSet } from "./set-option.js";

/** A whole-number option (`--max-warnings 3`, `xdc lsp --debounce 10`). */
export const count = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected a whole number, 0 or more");
  return n;
};

export const check: CliCommand = {
  name: "check",
  register(program: Command) {
    program
      .command("check")
      .summary("check .xdc files for errors without running anything")
      .description(
        "Checks .xdc files and reports every problem found, without touching any system.\n" +
          "Directories are searched recursively for *.xdc files (node_modules and dot-directories are skipped).",
      )
      .argument("[paths...]", "files and directories to check, or - for stdin", ["."])
      .addOption(
        new Option("--format <format>", "how to print the diagnostics")
          .choices(FORMAT_NAMES)
          .default(process.env["GITHUB_ACTIONS"] === "true" ? "github" : "human", "github when GITHUB_ACTIONS=true, else human"),
      )
      .option("--max-warnings <n>", "fail when there are more than n warnings (default: warnings do not fail)", count)
      .option("--stdin-filename <file>", "the file name to show for text read from stdin (default: <stdin>)")
      .option("--set <name=value>", "a value for a scenario parameter, as written in .xdc (`--set rate=800/s`); several, comma-separated, check each (repeatable)", collectSet)
      .addHelpText(
        "after",
        `
Formats:
  human   the source lines with the problem marked, for people (coloured as --color says)
  short   one line each: file:line:col: severity: message [code]
  json    one JSON document; see docs/cli.md
  github  GitHub Actions annotations (at most 10), then the rest as short lines and a count

Exit codes:
  0  no errors (and no more warnings than --max-warnings)
  1  errors, or more warnings than --max-warnings
  2  usage error: unknown option, a path that does not exist or cannot be read`,
      )
      .action(async (paths: string[], opts: { format: (typeof FORMAT_NAMES)[number]; color: ColourChoice; maxWarnings?: number; stdinFilename?: string; set?: string[] }) => {
        const { runCheck } = await import("./check-run.js");
        const { terminal } = await import("./io.js");
        process.exitCode = await runCheck(
          {
            paths,
            format: opts.format,
            colour: useColour(process.stdout, process.env, opts.color),
            ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}),
            ...(opts.stdinFilename !== undefined ? { stdinFilename: opts.stdinFilename } : {}),
            ...(opts.set !== undefined ? { set: opts.set } : {}),
          },
          terminal,
        );
      });
  },
};
