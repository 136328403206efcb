import { builtinsCommand } from "./builtins.js";
import { bundleCommand } from "./bundle.js";
import { check } from "./check.js";
import type { CliCommand } from "./command.js";
import { execCommand } from "./exec.js";
import { fmt } from "./fmt.js";
import { lsp } from "./lsp.js";
import { planCommand } from "./plan.js";
import { preflightCommand } from "./preflight.js";
import { recoverCommand } from "./recover.js";
import { reportCommand } from "./report.js";
import { simCommand } from "./sim.js";

/** Every subcommand, in the order `xdc --help` lists them. */
export const commands: readonly CliCommand[] = [check, fmt, planCommand, preflightCommand, execCommand, builtinsCommand, bundleCommand, simCommand, recoverCommand, reportCommand, lsp];
