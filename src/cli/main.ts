#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { EXIT } from "./exit.js";
import { commands } from "./commands.js";
import { VERSION } from "../version.js";

// `xdc … | head` closes the pipe early: that is the reader's choice, not a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

/** An error Node raises for a failed system call (`EACCES: permission denied, open 'x'`). */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

const program = new Command("xdc")
  .description("Cross-datacenter failover tests for Teracloud Streams, written as .xdc scenarios")
  .version(VERSION, "-V, --version")
  .showHelpAfterError()
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

for (const command of commands) command.register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.usage;
  } else if (isSystemError(e)) {
    // The system refused (a file, a port, a process): the environment's problem, told in one line.
    console.error(`xdc: ${e.message}`);
    process.exitCode = EXIT.error;
  } else {
    // Anything else is a bug in xdc: its stack is what a bug report needs.
    console.error(`xdc: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = EXIT.error;
  }
}
