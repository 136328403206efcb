#!/usr/bin/env node
import { CommanderError } from "commander";
import { EXIT } from "./exit.js";
import { createProgram } from "./program.js";

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

const program = createProgram();

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
