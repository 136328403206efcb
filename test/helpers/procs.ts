import { readdirSync, readFileSync } from "node:fs";

/** Whether a process with this pid exists (a zombie counts as gone: it runs nothing). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return stat(pid)?.state !== "Z";
}

/** The pids whose parent is `pid`, from /proc. */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((p) => stat(p)?.ppid === pid);
}

/** Every process below `pid`: children, their children, and so on. */
export function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    frontier = frontier.flatMap(childrenOf).filter((p) => !found.includes(p));
    found.push(...frontier);
  }
  return found;
}

/** The twin's datacenter processes among `pids` (from sources dc-main.ts, built sim-dc.js). */
export const datacenters = (pids: readonly number[]): number[] => pids.filter((p) => /(dc-main\.ts|sim-dc\.js)/.test(commandLine(p)));

/** A process's command line, its arguments joined by spaces; "" once it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    // The command name in parentheses may hold spaces; the fields after its last ")" do not.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ").at(-1)!.split(" ");
    return { state: fields[0]!, ppid: Number(fields[1]) };
  } catch {
    return undefined;
  }
}

/** Polls `done` every 25 ms until it holds or `limitMs` passes; returns how long it took, or undefined. */
export async function within(limitMs: number, done: () => boolean): Promise<number | undefined> {
  const start = Date.now();
  while (Date.now() - start <= limitMs) {
    if (done()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 25));
  }
  return done() ? Date.now() - start : undefined;
}
