import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { LedgerTarget } from "./ledger.js";
import { processExists } from "./process-exists.js";

/**
 * Whether the embedded twin a fault was applied to is gone, and the fault with it: its
 * simulated hosts live in its datacenter processes, which exit when the twin's own process
 * does (they are its IPC children). Wrongly calling a live twin gone would leave a fault in
 * force and say it is undone, so each rule below proves absence; anything unsure answers
 * "maybe alive" and the fault is undone the ordinary way.
 *
 * - no process has the pid: gone;
 * - the state directory is gone: gone (a twin removes it last, once its datacenters have exited);
 * - the pid now runs another command line: gone (the pid was reused);
 * - the command line cannot be read (no /proc): maybe alive.
 *
 * Answers why it is gone, or undefined.
 */
export async function embeddedTwinGone(t: LedgerTarget): Promise<string | undefined> {
  if (!processExists(t.pid)) return `its process (pid ${t.pid}) has exited`;
  if (!existsSync(t.stateDir)) return `its state directory ${t.stateDir} is gone`;
  const command = await commandLine(t.pid);
  if (command !== undefined && !sameCommand(command, t.command)) return `pid ${t.pid} now belongs to another program`;
  return undefined;
}

/** argv as the kernel holds it (NUL-separated, one trailing NUL), where /proc exists. */
async function commandLine(pid: number): Promise<string[] | undefined> {
  try {
    const raw = await readFile(`/proc/${pid}/cmdline`, "utf8");
    return raw.replace(/\0$/, "").split("\0");
  } catch {
    return undefined;
  }
}

const sameCommand = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
