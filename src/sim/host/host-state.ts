import { realClock, type Timers } from "../model/clock.js";
import { QdiscTable } from "./net/qdisc-table.js";
import { Ruleset } from "./net/ruleset.js";
import { HostJobs } from "./proc/jobs.js";
import { LoadAverage } from "./proc/loadavg.js";
import { viewProcess, type ProcessView } from "./proc/process-view.js";
import type { SignalInfo } from "./proc/signals.js";
import { DEFAULT_HOST_SWITCHES, type HostSwitches } from "./switches.js";
import type { HostEvent, HostLoad, ProcessTable, SignalResult, SimProcess } from "./types.js";

export interface HostOptions {
  readonly name: string;
  /** The host's own loopback address (127.0.1.x for dc1, ...): its `eth0`. */
  readonly address: string;
  readonly cores: number;
  readonly memoryBytes: number;
  readonly diskBytes: number;
  readonly processes: ProcessTable;
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** A seeded source in [0, 1): iptables statistic matches, netem loss and jitter. */
  readonly random: () => number;
  /** How the host times its own jobs (stress-ng, sleep): the twin's clock; real unref'd timers by default. */
  readonly timers?: Timers;
  /** Numeric user ids for `id -u`: root is 0, others 1000 unless given here. */
  readonly uids?: Readonly<Record<string, number>>;
  /** When the host booted, for `uptime` (epoch ms); the moment it was built by default. */
  readonly bootedAt?: number;
}

/** What the zero signal (`kill -0`) is: a check that the process exists and may be signalled. */
export type SignalSpec = SignalInfo | { readonly num: 0; readonly name: "0"; readonly action: "ignore" };

/** Everything a simulated host is: its firewall, qdiscs, processes and listeners. */
export class HostState {
  readonly ruleset = new Ruleset();
  readonly qdiscs = new QdiscTable();
  readonly jobs: HostJobs;
  readonly bootedAt: number;
  /** The failure switches (docs/twin.md): twin-only ways to make `xdc preflight` fail. */
  switches: HostSwitches = DEFAULT_HOST_SWITCHES;
  private readonly listeners: ((event: HostEvent) => void)[] = [];
  private readonly loadAverage: LoadAverage;
  private highestPid = 1;

  constructor(readonly options: HostOptions) {
    this.bootedAt = options.bootedAt ?? options.now();
    this.loadAverage = new LoadAverage(options.now());
    this.jobs = new HostJobs({
      host: options.name,
      now: options.now,
      timers: options.timers ?? realClock(),
      nextPid: () => this.nextPid(),
      emit: (event) => this.emit(event),
    });
  }

  get name(): string {
    return this.options.name;
  }

  now(): number {
    return this.options.now();
  }

  /** The host's own wall clock, as `date` reads it: the twin's, moved by the skew switch. */
  wallNow(): number {
    return this.options.now() + this.switches.clockSkewMs;
  }

  random(): number {
    return this.options.random();
  }

  on(listener: (event: HostEvent) => void): void {
    this.listeners.push(listener);
  }

  emit(event: HostEvent): void {
    if (event.kind.startsWith("stress.") || event.kind === "signal.sent") this.loadAverage.update(this.now(), this.jobs.load().runnable);
    for (const listener of this.listeners) listener(event);
  }

  /** `uptime`'s three load averages. */
  loadAverages(): readonly number[] {
    this.loadAverage.update(this.now(), this.jobs.load().runnable);
    return this.loadAverage.values();
  }

  /** Every process as ps and pgrep see it now. */
  views(): readonly ProcessView[] {
    const ctx = { now: this.now(), cores: this.options.cores, busyWorkers: this.jobs.load().runnable, vmBytes: (pid: number) => this.jobs.memoryOf(pid) };
    return this.processes().map((p) => viewProcess(p, ctx));
  }

  /** The process table's processes and the host's own (stress-ng, sleep), by pid. */
  processes(): readonly SimProcess[] {
    return [...this.options.processes.list(), ...this.jobs.list()].sort((a, b) => a.pid - b.pid);
  }

  /** A fresh pid from the host's single pid space. */
  nextPid(): number {
    const fromTable = this.options.processes.nextPid?.();
    if (fromTable !== undefined) return fromTable;
    const seen = Math.max(this.highestPid, ...this.options.processes.list().map((p) => p.pid));
    this.highestPid = seen + 1;
    return this.highestPid;
  }

  uid(user: string): number {
    return user === "root" ? 0 : (this.options.uids?.[user] ?? 1000);
  }

  /**
   * Sends a signal on behalf of `user` (root may signal anything, others only their own
   * processes), and records it. `loginUser` is who ran the command, for the event.
   */
  signal(pid: number, signal: SignalSpec, user: string, loginUser: string): SignalResult {
    const target = this.processes().find((p) => p.pid === pid);
    if (!target) return { ok: false, error: "no-such-process" };
    if (user !== "root" && target.user !== user) return { ok: false, error: "not-permitted" };
    if (signal.num === 0) return { ok: true };
    const result = this.jobs.owns(pid) ? this.jobs.signal(pid, signal) : this.options.processes.signal(pid, signal.name);
    if (result.ok) {
      const command = target.args ? `${target.command} ${target.args}` : target.command;
      this.emit({ kind: "signal.sent", host: this.name, time: this.now(), user: loginUser, pid, signal: signal.name, command });
    }
    return result;
  }

  load(): HostLoad {
    const { cpuWorkers, memoryBytes, diskBytes } = this.jobs.load();
    const cores = this.options.cores;
    return {
      cpuWorkers,
      cpuFactor: cores / (cores + cpuWorkers),
      memoryBytes: Math.min(memoryBytes, this.options.memoryBytes),
      diskBytes: Math.min(diskBytes, this.options.diskBytes),
    };
  }
}
