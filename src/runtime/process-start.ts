import { readFile } from "node:fs/promises";

/**
 * When a process started, in clock ticks since boot (field 22 of /proc/PID/stat): with its pid,
 * it names one process for the life of the machine, where a pid alone is reused. Undefined
 * where /proc cannot tell (another system, the process gone).
 */
export async function processStart(pid: number): Promise<string | undefined> {
  let stat: string;
  try {
    stat = await readFile(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const start = fields[19];
  return start !== undefined && /^[0-9]+$/.test(start) ? start : undefined;
}
