import { Command, type ErrorOptions } from "commander";
import { suggest } from "../language/did-you-mean.js";
import { colourOption } from "./colour.js";
import { commands } from "./commands.js";
import { EXIT } from "./exit.js";
import { VERSION } from "../version.js";

/** `xdc exec` for a subcommand, `xdc` for the program. */
const pathOf = (command: Command): string => {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
};

/**
 * xdc's commands: a mistyped command or option is told in one line and a hint, the way cargo
 * and git do, instead of the whole help (40 lines that push the mistake off the screen). The
 * suggestions come from the same ranking the language's "did you mean" uses, so the CLI and
 * the checker agree on what is close.
 */
class XdcCommand extends Command {
  override createCommand(name?: string): XdcCommand {
    return new XdcCommand(name);
  }

  // Commander calls these two when parsing fails; overriding them (they are not in its typings)
  // is how its own suggestion is replaced by ours.
  unknownOption(flag: string): never {
    const name = flag.replace(/=.*$/s, "");
    const candidates: string[] = [];
    for (let c: Command | null = this; c; c = c.parent) {
      for (const o of c.createHelp().visibleOptions(c)) {
        if (o.long) candidates.push(o.long);
        if (o.short) candidates.push(o.short);
      }
    }
    return this.usageError(`unknown option '${name}'`, suggest(name, candidates)?.best, "options", "commander.unknownOption");
  }

  unknownCommand(): never {
    const name = this.args[0] ?? "";
    const candidates = this.createHelp()
      .visibleCommands(this)
      .flatMap((c) => [c.name(), ...c.aliases()]);
    return this.usageError(`unknown command '${name}'`, suggest(name, candidates)?.best, "commands", "commander.unknownCommand");
  }

  private usageError(what: string, best: string | undefined, listed: string, code: string): never {
    const hint = best !== undefined ? `did you mean ${best}?` : `'${pathOf(this)} --help' lists the ${listed}`;
    return this.error(`${what}\nhint: ${hint}`, { code, exitCode: EXIT.usage });
  }

  /** Every parse error as `xdc exec: what went wrong` and one hint line, never the help after it. */
  override error(message: string, options?: ErrorOptions): never {
    const text = message.replace(/^error: /, "");
    const withHint = text.includes("\nhint: ") ? text : `${text}\nhint: '${pathOf(this)} --help' describes the command`;
    return super.error(`${pathOf(this)}: ${withHint}`, { exitCode: EXIT.usage, ...options });
  }
}

/** Where commander writes help, version and errors; tests capture it. */
export interface ProgramOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** The `xdc` program with every command registered; parsing errors throw a CommanderError (exit code 2). */
export function createProgram(output?: ProgramOutput): Command {
  const program = new XdcCommand("xdc")
    .description("Cross-datacenter failover tests for Teracloud Streams, written as .xdc scenarios")
    .version(VERSION, "-V, --version")
    .exitOverride()
    .addHelpText(
      "after",
      `
Exit codes:
  0  every scenario passed / no errors
  1  a check or an expectation failed
  2  usage error or invalid scenario
  3  harness or environment error
  4  no data: a check had nothing to judge
  130  interrupted (Ctrl-C)`,
    );
  // Set before the commands are registered: they inherit it.
  if (output) program.configureOutput(output);
  for (const command of commands) command.register(program);
  // Every command takes --color, also those that print no colour today, so scripts and aliases
  // can pass it to any of them (as to cargo's) and a command that starts colouring needs no new flag.
  for (const command of program.commands) command.addOption(colourOption());
  return program;
}
