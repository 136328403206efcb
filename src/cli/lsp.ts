import type { Command } from "commander";
import { count } from "./check.js";
import type { CliCommand } from "./command.js";

export const lsp: CliCommand = {
  name: "lsp",
  register(program: Command) {
    program
      .command("lsp")
      .summary("run the language server (for editors)")
      .description(
        "Runs the xdc language server, speaking the Language Server Protocol over stdin and stdout: " +
          "diagnostics as you type, hover, completion, signature help, go to definition, references, " +
          "outline, formatting and semantic highlighting. Editors start it; see docs/editors.md.",
      )
      .addHelpText(
        "after",
        `
Exit codes:
  0  the editor ended the session (exit, or it closed the pipe)
  2  usage error`,
      )
      .option("--stdio", "talk over stdin and stdout (the only transport, accepted for editors that pass it)")
      .option("--debounce <ms>", "edits closer together than this are checked once they pause this long (a lone edit is checked at once)", count, 10)
      .action(async (opts: { debounce: number }) => {
        const { runLsp } = await import("./lsp-run.js");
        await runLsp({ debounceMs: opts.debounce, input: process.stdin, output: process.stdout });
      });
  },
};
