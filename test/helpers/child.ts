import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

/**
 * Bundles a test's child-process entry into one file (ssh2 stays external), so each spawn
 * starts in ~0.1 s instead of paying tsx's start-up every time.
 */
export async function bundleChild(entry: string, name: string): Promise<{ file: string; remove(): void }> {
  const dir = join(process.cwd(), "node_modules", ".cache", "xdc-test");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${process.pid}.mjs`);
  await build({ entryPoints: [entry], outfile: file, bundle: true, format: "esm", platform: "node", target: "node20", external: ["ssh2", "cpu-features"], logLevel: "warning" });
  return { file, remove: () => rmSync(file, { force: true }) };
}

export interface Child {
  readonly process: ChildProcess;
  /** Sends one line to the child's stdin. */
  say(line: string): void;
  /** Every line the child printed on stdout so far. */
  readonly lines: string[];
  /** Resolves when a line satisfies `test` (also one already printed), or rejects when the child exits first. */
  waitFor(test: (line: string, index: number) => boolean): Promise<string>;
  /** Resolves with the exit code (or signal) once the child is gone. */
  readonly exited: Promise<number | NodeJS.Signals>;
  stderr(): string;
}

export function startChild(file: string, args: readonly string[]): Child {
  const child = spawn(process.execPath, [file, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  child.stdin!.on("error", () => undefined);
  const lines: string[] = [];
  let errText = "";
  let partial = "";
  const waiters = new Set<() => void>();
  let gone = false;
  child.stdout!.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
    for (const w of [...waiters]) w();
  });
  child.stderr!.on("data", (d: Buffer) => (errText += d.toString()));
  const exited = new Promise<number | NodeJS.Signals>((resolve) =>
    child.once("exit", (code, signal) => {
      gone = true;
      for (const w of [...waiters]) w();
      resolve(signal ?? code ?? -1);
    }),
  );
  return {
    process: child,
    say: (line) => child.stdin!.write(`${line}\n`),
    lines,
    exited,
    stderr: () => errText,
    waitFor: (test) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const i = lines.findIndex(test);
          if (i >= 0) {
            waiters.delete(check);
            resolve(lines[i]!);
          } else if (gone) {
            waiters.delete(check);
            reject(new Error(`the child exited before printing what was awaited; stderr: ${errText}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}
