import type { Command } from "commander";
import type { CliCommand } from "./command.js";
import { addSshOptions } from "./ssh-options.js";
import type { RecoverOptions } from "./recover-run.js";

/** Where `xdc exec` keeps its ledger unless told otherwise; `xdc recover` looks there too. */
export const DEFAULT_LEDGER = ".xdc/ledger.jsonl";

/** `xdc recover [--ledger FILE]`: undoes every fault a run left applied (docs/faults.md). */
export const recoverCommand: CliCommand = {
  name: "recover",
  register(program: Command) {
    const command = program
      .command("recover")
      .description("undo every fault that an earlier run applied and did not undo (after a crash, kill -9 or a second Ctrl-C)")
      .option("--ledger <file>", "the ledger the run wrote", DEFAULT_LEDGER)
      .option("--accept-damaged", "record that you checked by hand what the ledger's damaged lines name, so that they block runs no more");
    addSshOptions(command)
      .addHelpText(
        "after",
        `
Safe to run any number of times: a fault already gone counts as undone, and a second run says
there is nothing to do. The faults of an embedded twin that is gone are closed without
contacting anything. See docs/faults.md.

Exit codes:
  0  nothing is left applied
  2  usage error
  3  an undo failed (the message gives the command to run by hand), or a line of the ledger
     cannot be read (the message names it; --accept-damaged once you have checked)`,
      )
      .action(async (opts: RecoverOptions) => {
        const { runRecover } = await import("./recover-run.js");
        process.exitCode = await runRecover(opts, process.env, { out: (l) => console.log(l), err: (l) => console.error(l) });
      });
  },
};
