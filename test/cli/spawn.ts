import { spawn } from "node:child_process";
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

export function xdc(args: readonly string[], options: { cwd: string; stdin?: string; env?: Record<string, string> }): Promise<Run> {
  return run(process.execPath, [BIN, ...args], options);
}

export function run(command: string, args: readonly string[], options: { cwd: string; stdin?: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...baseEnv(), ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
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
