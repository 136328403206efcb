import type { Command } from "commander";

/**
 * A subcommand of `xdc`. Each lives in its own file under src/cli/ and registers its options
 * eagerly (so --help is complete) while importing its implementation only when it runs,
 * which keeps the start-up of `xdc check` small.
 */
export interface CliCommand {
  readonly name: string;
  register(program: Command): void;
}
