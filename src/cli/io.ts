import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import type { Input } from "./inputs.js";
import { basename, dirname, join } from "node:path";

/** Where a command writes and what it reads besides files; tests and the terminal each provide one. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<string>;
}

export const terminal: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

/**
 * Replaces a file's content so that a reader sees the old file or the new one, never half
 * of one: the text goes to a temporary file beside the real one (same file system), is
 * synced, takes the original's permissions, and is renamed over it. A symbolic link keeps
 * pointing at the file it pointed at.
 */
export function writeFileAtomic(path: string, text: string): void {
  const target = realpathSync(path);
  const { mode } = statSync(target);
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const fd = openSync(temporary, "wx", mode & 0o7777);
    try {
      // open() applies the umask; the file keeps exactly the permissions it had.
      fchmodSync(fd, mode & 0o7777);
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, target);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}

/** A file or stdin, read: its name as messages show it (stdin's is `stdinName`), its text or why it could not be read. */
export type Read = { readonly name: string; readonly text: string } | { readonly name: string; readonly problem: string };

export async function readInput(input: Input, io: Io, stdinName: string): Promise<Read> {
  if (input.kind === "stdin") return { name: stdinName, text: await io.readStdin() };
  try {
    return { name: input.path, text: readFileSync(input.path, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    const why = code === "ENOENT" ? "no such file or directory" : code === "EISDIR" ? "a directory, not a file" : `cannot read it${code !== "" ? ` (${code})` : ""}`;
    return { name: input.path, problem: `${input.path}: ${why}` };
  }
}
