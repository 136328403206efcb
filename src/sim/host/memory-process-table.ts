import { parseSignal } from "./proc/signals.js";
import type { ProcessTable, SignalResult, SimProcess } from "./types.js";

/**
 * A process table kept in memory, for tests and for hosts without Streams processes. Signals
 * take their default action: KILL, TERM and the like end the process, STOP and CONT stop and
 * resume it, CHLD and WINCH are ignored. Protected pids refuse every signal (like pid 1).
 */
export class InMemoryProcessTable implements ProcessTable {
  private readonly processes = new Map<number, SimProcess>();
  private lastPid: number;

  constructor(options: { firstPid?: number; protect?: readonly number[] } = {}) {
    this.lastPid = (options.firstPid ?? 1000) - 1;
    this.protect = new Set(options.protect ?? []);
  }

  private readonly protect: ReadonlySet<number>;

  /** Adds a process; without a pid it gets the next one. */
  add(process: Omit<SimProcess, "pid"> & { pid?: number }): SimProcess {
    const pid = process.pid ?? this.nextPid();
    this.lastPid = Math.max(this.lastPid, pid);
    const entry = { ...process, pid };
    this.processes.set(pid, entry);
    return entry;
  }

  list(): readonly SimProcess[] {
    return [...this.processes.values()];
  }

  nextPid(): number {
    this.lastPid += 1;
    return this.lastPid;
  }

  signal(pid: number, signal: string): SignalResult {
    const process = this.processes.get(pid);
    if (!process) return { ok: false, error: "no-such-process" };
    if (this.protect.has(pid)) return { ok: false, error: "not-permitted" };
    switch (parseSignal(signal)?.action) {
      case "stop":
        this.processes.set(pid, { ...process, state: "stopped" });
        break;
      case "cont":
        this.processes.set(pid, { ...process, state: "running" });
        break;
      case "term":
      case "core":
        this.processes.delete(pid);
        break;
      default:
        break;
    }
    return { ok: true };
  }
}
