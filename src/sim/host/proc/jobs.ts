import type { Cancel, Timers } from "../../model/clock.js";
import type { HostEvent, SignalResult, SimProcess } from "../types.js";
import type { SignalInfo } from "./signals.js";
import type { StressPlan } from "./stress-args.js";

export type WorkerKind = "cpu" | "vm" | "hdd";

/** How a job ended: its exit status and what it printed on the way out. */
export interface JobEnd {
  readonly code: number;
  readonly stderr: string;
}

export interface Started {
  readonly pid: number;
  readonly done: Promise<JobEnd>;
}

interface Member {
  proc: SimProcess;
  readonly worker?: WorkerKind;
}

interface Job {
  readonly kind: "stress" | "sleep";
  readonly leader: number;
  readonly members: Map<number, Member>;
  readonly startedAt: number;
  readonly plan?: StressPlan;
  readonly ignoresHup: boolean;
  readonly cancel: Cancel;
  readonly resolve: (end: JobEnd) => void;
}

export interface JobDeps {
  readonly host: string;
  readonly now: () => number;
  readonly timers: Timers;
  readonly nextPid: () => number;
  readonly emit: (event: HostEvent) => void;
}

/** stress-ng handles these itself and reports a normal end; any other fatal signal kills it. */
const GRACEFUL = new Set(["TERM", "INT", "HUP", "ALRM"]);

/**
 * The processes a host starts by itself: stress-ng (a parent and one worker per stressor
 * instance, named as stress-ng 0.15 names them) and sleep. Each job ends at its timeout or when
 * a signal ends it, and its end resolves the promise the shell waits on.
 */
export class HostJobs {
  private readonly jobs = new Map<number, Job>();

  constructor(private readonly deps: JobDeps) {}

  startStress(plan: StressPlan, user: string, args: string, ignoresHup: boolean): Started {
    const now = this.deps.now();
    const leader = this.deps.nextPid();
    const members = new Map<number, Member>();
    members.set(leader, { proc: { pid: leader, ppid: 1, user, command: "stress-ng", args, state: "running", startedAt: now } });
    for (const [kind, count] of [["cpu", plan.cpu], ["vm", plan.vm], ["hdd", plan.hdd]] as const) {
      for (let n = 0; n < count; n++) {
        const pid = this.deps.nextPid();
        members.set(pid, { worker: kind, proc: { pid, ppid: leader, user, command: `stress-ng-${kind}`, args: "[run]", state: "running", startedAt: now } });
      }
    }
    const started = this.start("stress", leader, members, plan.timeoutMs, ignoresHup, plan);
    this.deps.emit({
      kind: "stress.started",
      host: this.deps.host,
      time: now,
      user,
      pid: leader,
      command: `stress-ng ${args}`.trim(),
      cpuWorkers: (plan.cpu * plan.cpuLoad) / 100,
      vmBytes: plan.vm * plan.vmBytes,
      hddBytes: plan.hdd * plan.hddBytes,
      timeoutMs: plan.timeoutMs,
    });
    return started;
  }

  startSleep(durationMs: number, user: string, args: string, ignoresHup: boolean): Started {
    const pid = this.deps.nextPid();
    const members = new Map<number, Member>([[pid, { proc: { pid, ppid: 1, user, command: "sleep", args, state: "running", startedAt: this.deps.now() } }]]);
    return this.start("sleep", pid, members, durationMs, ignoresHup, undefined);
  }

  private start(kind: Job["kind"], leader: number, members: Map<number, Member>, durationMs: number, ignoresHup: boolean, plan: StressPlan | undefined): Started {
    let resolve: (end: JobEnd) => void = () => undefined;
    const done = new Promise<JobEnd>((r) => (resolve = r));
    const cancel = this.deps.timers.setTimer(durationMs, () => this.finish(leader, { code: 0 }, "timeout"));
    this.jobs.set(leader, { kind, leader, members, startedAt: this.deps.now(), plan, ignoresHup, cancel, resolve });
    return { pid: leader, done };
  }

  list(): readonly SimProcess[] {
    return [...this.jobs.values()].flatMap((j) => [...j.members.values()].map((m) => m.proc));
  }

  owns(pid: number): boolean {
    return [...this.jobs.values()].some((j) => j.members.has(pid));
  }

  /** Delivers a signal to one of the host's own processes (the caller checked permissions). */
  signal(pid: number, signal: SignalInfo): SignalResult {
    const job = [...this.jobs.values()].find((j) => j.members.has(pid));
    const member = job?.members.get(pid);
    if (!job || !member) return { ok: false, error: "no-such-process" };
    if (signal.name === "HUP" && job.ignoresHup) return { ok: true };
    switch (signal.action) {
      case "stop":
        member.proc = { ...member.proc, state: "stopped" };
        return { ok: true };
      case "cont":
        member.proc = { ...member.proc, state: "running" };
        return { ok: true };
      case "ignore":
        return { ok: true };
      default:
        break;
    }
    if (pid === job.leader) {
      const graceful = job.kind === "stress" && GRACEFUL.has(signal.name);
      this.finish(job.leader, { code: graceful ? 0 : 128 + signal.num, quiet: !graceful }, "signal");
      return { ok: true };
    }
    job.members.delete(pid);
    if (![...job.members.values()].some((m) => m.worker)) this.finish(job.leader, { code: 2, unsuccessful: true }, "signal");
    return { ok: true };
  }

  /**
   * CPU, memory and disk held by stress-ng workers: running cpu workers weighted by their
   * --cpu-load, and the memory and disk of every worker (a stopped one keeps both). `runnable`
   * counts running workers of any kind, as the load average does.
   */
  load(): { cpuWorkers: number; memoryBytes: number; diskBytes: number; runnable: number } {
    let cpuWorkers = 0;
    let memoryBytes = 0;
    let diskBytes = 0;
    let runnable = 0;
    for (const job of this.jobs.values()) {
      const plan = job.plan;
      if (!plan) continue;
      for (const m of job.members.values()) {
        if (m.worker && m.proc.state === "running") runnable++;
        if (m.worker === "cpu" && m.proc.state === "running") cpuWorkers += plan.cpuLoad / 100;
        if (m.worker === "vm") memoryBytes += plan.vmBytes;
        if (m.worker === "hdd") diskBytes += plan.hddBytes;
      }
    }
    return { cpuWorkers, memoryBytes, diskBytes, runnable };
  }

  /** Bytes of memory a process holds (a stress-ng vm worker's --vm-bytes). */
  memoryOf(pid: number): number {
    for (const job of this.jobs.values()) {
      if (job.members.get(pid)?.worker === "vm") return job.plan?.vmBytes ?? 0;
    }
    return 0;
  }

  /** Ends every job at once, as SIGKILL would (the host is going away); nothing is emitted. */
  dispose(): void {
    for (const job of this.jobs.values()) {
      job.cancel();
      job.resolve({ code: 137, stderr: "" });
    }
    this.jobs.clear();
  }

  private finish(leader: number, how: { code: number; quiet?: boolean; unsuccessful?: boolean }, reason: "timeout" | "signal"): void {
    const job = this.jobs.get(leader);
    if (!job) return;
    this.jobs.delete(leader);
    job.cancel();
    const now = this.deps.now();
    let stderr = "";
    if (job.kind === "stress") {
      this.deps.emit({ kind: "stress.ended", host: this.deps.host, time: now, pid: leader, reason });
      if (!job.plan?.quiet && !how.quiet) {
        const elapsed = ((now - job.startedAt) / 1000).toFixed(2);
        stderr = `stress-ng: info:  [${leader}] ${how.unsuccessful ? "unsuccessful" : "successful"} run completed in ${elapsed}s\n`;
      }
    }
    job.resolve({ code: how.code, stderr });
  }
}
