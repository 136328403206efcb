import { builtinsCommand } from "./builtins.js";
import { bundleCommand } from "./bundle.js";
import type { CliCommand } from "./command.js";
import { simCommand } from "./sim.js";

/** Every subcommand, in the order `xdc --help` lists them. */
export const commands: readonly CliCommand[] = [bundleCommand, builtinsCommand, simCommand];
