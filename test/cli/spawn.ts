import { spawn } from "node:child_process";
import { chmodSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The CLI as users run it: `node bin/xdc.js`, which loads the bundle `npm test` builds first. */
const BIN = fileURLToPath(new URL("../../bin/xdc.js", import.meta.url));

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment minus what would change the output under test (CI sets GITHUB_ACTIONS, some shells NO_COLOR). */
const baseEnv = () => {
  const env = { ...process.env };
  delete env["GITHUB_ACTIONS"];
  delete env["NO_COLOR"];
  delete env["FORCE_COLOR"];
  return env;
};

/** A user to run the CLI as: `uid`/`gid` of child_process.spawn. */
export interface User {
  readonly uid: number;
  readonly gid: number;
}

export interface SpawnOptions {
  readonly cwd: string;
  readonly stdin?: string;
  readonly env?: Record<string, string>;
  readonly user?: User;
  /** Sends SIGTERM after this long: for a case that might start something long-running by mistake. */
  readonly timeoutMs?: number;
}

/**
 * Who finds a mode-000 file unreadable: root reads every file, so as root (CI) the CLI runs as
 * `nobody` (65534), as any other user it runs as that user.
 */
export const unprivileged = (): User | undefined => (process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined);

/** The checkout the CLI runs from. */
export const CHECKOUT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Lets another user reach `paths` (by default the checkout): adds search permission for others
 * (o+x, not listing) to each directory on the way that lacks it, and answers the function that
 * takes exactly those back. A checkout in a private directory, as a CI clone under `mktemp -d`
 * is, would otherwise make every test that runs the CLI as `nobody` skip.
 */
export function letOthersReach(paths: readonly string[] = [CHECKOUT]): () => void {
  const opened: { dir: string; mode: number }[] = [];
  for (const start of paths) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const mode = statSync(dir).mode & 0o7777;
      if ((mode & 0o001) === 0 && !opened.some((o) => o.dir === dir)) {
        chmodSync(dir, mode | 0o001);
        opened.push({ dir, mode });
      }
      if (dirname(dir) === dir) break;
    }
  }
  return () => {
    for (const { dir, mode } of opened.reverse()) chmodSync(dir, mode);
  };
}

export function xdc(args: readonly string[], options: SpawnOptions): Promise<Run> {
  return run(process.execPath, [BIN, ...args], options);
}

export function run(command: string, args: readonly string[], options: SpawnOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...baseEnv(), ...options.env }, stdio: ["pipe", "pipe", "pipe"], ...(options.user ?? {}), ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}) });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    // A command that exits without reading stdin closes the pipe first: not an error here.
    child.stdin.on("error", () => undefined);
    child.stdin.end(options.stdin ?? "");
  });
}

export const BIN_PATH = BIN;
