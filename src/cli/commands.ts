import type { CliCommand } from "./command.js";
import { bundleCommand } from "./bundle.js";
import { recoverCommand } from "./recover.js";

/** Every subcommand, in the order `xdc --help` lists them. */
export const commands: readonly CliCommand[] = [bundleCommand, recoverCommand];
