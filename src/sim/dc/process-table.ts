import { parseSignal } from "../host/proc/signals.js";
import type { ProcessTable, SignalResult, SimProcess } from "../host/types.js";
import type { StreamsInstance } from "../model/instance.js";
import type { Pe } from "../model/types.js";

/**
 * A host's processes as `ps` and `kill` see them: the Streams PEs placed on it, each a
 * `streams-pec` process of user `streams`. A signal does what it does to a real PE: one whose
 * default action ends a process crashes the PE (Streams restarts it with a new pid and a higher
 * launch count), STOP and its kin suspend it, CONT resumes it, the others are ignored.
 */
export const PEC_COMMAND = "/opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec";
export const PE_USER = "streams";

/** What a crash is called in the model, by signal: TERM is a clean exit Streams did not ask for. */
const CRASH_REASON: Readonly<Record<string, "crashed" | "failed">> = { TERM: "failed", INT: "failed", HUP: "failed" };

// The host's own processes (stress-ng, sleep) take pids above the model's PE pids, which start
// between 10000 and 30000 and grow by one per launch.
const HOST_PID_START = 40_000;

export class PeProcessTable implements ProcessTable {
  private lastHostPid = HOST_PID_START - 1;

  constructor(
    private readonly instance: StreamsInstance,
    private readonly hostId: string,
  ) {}

  list(): readonly SimProcess[] {
    return this.instance
      .pesOnHost(this.hostId)
      .filter((pe): pe is Pe & { pid: number } => pe.pid !== undefined)
      .map((pe) => ({
        pid: pe.pid,
        ppid: 1,
        user: PE_USER,
        command: PEC_COMMAND,
        args: `-i ${this.instance.id} -j ${pe.job.id} -p ${pe.id} --launch-count ${pe.launchCount}`,
        state: pe.suspended ? "stopped" : "running",
        startedAt: pe.launchTime ?? this.instance.now(),
      }));
  }

  nextPid(): number {
    return ++this.lastHostPid;
  }

  signal(pid: number, signal: string): SignalResult {
    const pe = this.instance.pesOnHost(this.hostId).find((p) => p.pid === pid);
    if (!pe) return { ok: false, error: "no-such-process" };
    const info = parseSignal(signal);
    if (!info) return { ok: false, error: "not-permitted" };
    switch (info.action) {
      case "term":
      case "core":
        this.instance.crashPe(pe.id, CRASH_REASON[info.name] ?? "crashed", `SIG${info.name}`);
        break;
      case "stop":
        this.instance.suspendPe(pe.id);
        break;
      case "cont":
        this.instance.resumePe(pe.id);
        break;
      case "ignore":
        break;
    }
    return { ok: true };
  }
}
