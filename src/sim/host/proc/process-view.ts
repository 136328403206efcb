import type { SimProcess } from "../types.js";

/** What ps, pgrep and pkill derive from a process at one moment. */
export interface ProcessView {
  readonly proc: SimProcess;
  /** The kernel's comm: the base name of argv[0], at most 15 characters. */
  readonly comm: string;
  readonly cmdline: string;
  /** ps's STAT: R running on a CPU, S sleeping, T stopped. */
  readonly stat: string;
  readonly elapsedMs: number;
  readonly cpuMs: number;
  readonly rssKib: number;
}

export interface ViewContext {
  readonly now: number;
  readonly cores: number;
  /** Running stress-ng CPU-bound workers; they share the cores. */
  readonly busyWorkers: number;
  /** Bytes a vm worker holds. */
  readonly vmBytes: (pid: number) => number;
}

const BUSY = new Set(["stress-ng-cpu", "stress-ng-vm", "stress-ng-hdd"]);

export function viewProcess(proc: SimProcess, ctx: ViewContext): ProcessView {
  const base = proc.command.slice(proc.command.lastIndexOf("/") + 1);
  const busy = BUSY.has(base) && proc.state === "running";
  const elapsedMs = Math.max(0, ctx.now - proc.startedAt);
  const share = busy ? Math.min(1, ctx.cores / Math.max(1, ctx.busyWorkers)) : 0;
  return {
    proc,
    comm: base.slice(0, 15),
    cmdline: proc.args ? `${proc.command} ${proc.args}` : proc.command,
    stat: proc.state === "stopped" ? "T" : busy ? "R" : "S",
    elapsedMs,
    cpuMs: elapsedMs * share,
    rssKib: Math.floor(ctx.vmBytes(proc.pid) / 1024),
  };
}

const two = (n: number) => String(n).padStart(2, "0");

/** `[DD-]HH:MM:SS`, as ps prints TIME. */
export function clockTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const hms = `${two(Math.floor((s % 86400) / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/** `[[DD-]HH:]MM:SS`, as ps prints ELAPSED. */
export function elapsedTime(ms: number): string {
  const s = Math.floor(ms / 1000);
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const ms2 = `${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (days > 0) return `${days}-${two(hours)}:${ms2}`;
  return hours > 0 ? `${two(hours)}:${ms2}` : ms2;
}

/** `M:SS`, the cumulative CPU time of BSD-style `ps aux`. */
export const bsdTime = (ms: number): string => {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${two(s % 60)}`;
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** START/STIME: `HH:MM` today, `MonDD` this year, the year before that (UTC). */
export function startTime(startedAt: number, now: number): string {
  const start = new Date(startedAt);
  const today = new Date(now);
  if (now - startedAt < 86400_000 && start.getUTCDate() === today.getUTCDate()) return `${two(start.getUTCHours())}:${two(start.getUTCMinutes())}`;
  if (now - startedAt < 365 * 86400_000) return `${MONTHS[start.getUTCMonth()]}${two(start.getUTCDate())}`;
  return String(start.getUTCFullYear());
}

/** `%CPU` and `%MEM`: one decimal. */
export const percent = (x: number): string => (x >= 99.95 ? String(Math.round(x)) : x.toFixed(1));
