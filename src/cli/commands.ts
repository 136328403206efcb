import { builtinsCommand } from "./builtins.js";
import { bundleCommand } from "./bundle.js";
import { check } from "./check.js";
import type { CliCommand } from "./command.js";
import { fmt } from "./fmt.js";
import { lsp } from "./lsp.js";
import { recoverCommand } from "./recover.js";
import { simCommand } from "./sim.js";

/** Every subcommand, in the order `xdc --help` lists them. */
export const commands: readonly CliCommand[] = [check, fmt, builtinsCommand, bundleCommand, simCommand, recoverCommand, lsp];
