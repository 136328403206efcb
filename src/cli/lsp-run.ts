import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnection, StreamMessageWriter } from "vscode-languageserver/node";
import { serve } from "../lsp/server.js";
import { TolerantMessageReader } from "../lsp/tolerant-reader.js";
import { realClock } from "../runtime/clock.js";

export interface LspOptions {
  readonly debounceMs: number;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/**
 * The shipped `stdlib/` folder: next to `dist/` in a build and next to `src/` when run from
 * the sources, so one step up from this file's folder either way.
 */
function stdlibDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 3; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, "stdlib", "faults.xdc"))) return join(dir, "stdlib");
  }
  return undefined;
}

/** `xdc lsp --stdio`: serves until the client sends `exit` or closes the pipe. */
export async function runLsp(options: LspOptions): Promise<void> {
  const connection = createConnection(new TolerantMessageReader(options.input), new StreamMessageWriter(options.output));
  const dir = stdlibDir();
  serve(connection, { clock: realClock(), debounceMs: options.debounceMs, ...(dir !== undefined ? { stdlibDir: dir } : {}) });
  await new Promise<void>((resolve) => connection.onExit(resolve));
}
