/**
 * The public shapes of a simulated host: what the twin's traffic asks of it (`filter`, `shape`),
 * what it runs (`exec`), and what it tells the ground truth (`HostEvent`). sim-runtime builds on
 * these names; add fields, never rename them (see README.md beside this file).
 */

/**
 * One message of the twin's traffic as seen by this host. `direction: "in"` is checked against
 * the INPUT chain, `"out"` against OUTPUT. A flow whose `src` equals its `dst` travels over `lo`,
 * every other one over `eth0`.
 */
export interface Flow {
  direction: "in" | "out";
  protocol: "tcp" | "udp" | "icmp";
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
  /**
   * Management traffic (xdc's SSH and REST calls). It is judged only by rules that name it: a
   * rule with a positive source, destination or port condition that matches. Catch-all rules and
   * chain policies leave it alone, so a fault cannot lock xdc out of the host it must repair.
   */
  management?: boolean;
}

export type NetAction = "accept" | "drop" | "reject";

export interface NetVerdict {
  action: NetAction;
  /** The deciding rule as `iptables -S` prints it (`-P INPUT DROP` when the policy decided). */
  rule?: string;
}

export interface Shaping {
  /** The whole message is lost (netem loss, or a tbf queue that is full). */
  dropped: boolean;
  /** Extra time before the message arrives: netem delay and jitter plus queueing behind a rate. */
  delayMs: number;
  /** The rate limit of the interface, when a tbf or netem rate is installed. */
  bytesPerSecond?: number;
}

export interface SimProcess {
  pid: number;
  ppid: number;
  user: string;
  /** argv[0], e.g. `/opt/teracloud/streams/bin/streams-pec`; `ps -o comm` shows its base name. */
  command: string;
  /** The arguments after argv[0], space-separated (may be empty); `ps -o args` shows `command args`. */
  args: string;
  state: "running" | "stopped";
  /** Epoch milliseconds, on the host's clock. */
  startedAt: number;
}

export type SignalResult = { ok: true } | { ok: false; error: "no-such-process" | "not-permitted" };

/**
 * The processes of one host, kept by whoever owns them (sim-runtime maps Streams PEs to
 * processes). `signal` receives the signal's name without `SIG` (`KILL`, `TERM`, `STOP`, `CONT`,
 * `INT`, `HUP`, ...); the host has already checked that the caller may signal the process.
 */
export interface ProcessTable {
  list(): readonly SimProcess[];
  signal(pid: number, signal: string): SignalResult;
  /**
   * Hands out the next pid of the host's single pid space. The host uses it for the processes it
   * starts itself (stress-ng); without it, it counts upwards from the highest pid it has seen.
   */
  nextPid?(): number;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HostLoad {
  /** Running stress-ng CPU workers (each weighted by its `--cpu-load`). */
  cpuWorkers: number;
  /** Share of the CPU left to the PEs, in (0,1]: cores / (cores + cpuWorkers). */
  cpuFactor: number;
  /** Memory held by stress-ng vm workers. */
  memoryBytes: number;
  /** Disk space filled by stress-ng hdd workers. */
  diskBytes: number;
}

interface EventBase {
  /** The host's name. */
  host: string;
  /** Epoch milliseconds on the host's clock, when the change took effect. */
  time: number;
}

/** Who changed the host: the login user of the command (not the sudo target). */
interface ByUser {
  user: string;
}

/**
 * Everything that changes how the host treats traffic or processes, for the twin's ground truth.
 * Rule texts are in `iptables -S` form, qdisc texts in `tc qdisc show dev IFACE` form.
 */
export type HostEvent =
  | (EventBase & ByUser & { kind: "rule.added" | "rule.removed"; chain: string; rule: string })
  | (EventBase & ByUser & { kind: "chain.added" | "chain.removed"; chain: string })
  | (EventBase & ByUser & { kind: "policy.changed"; chain: string; rule: string })
  | (EventBase & ByUser & { kind: "qdisc.added" | "qdisc.changed" | "qdisc.removed"; dev: string; qdisc: string })
  | (EventBase & ByUser & { kind: "signal.sent"; pid: number; signal: string; command: string })
  | (EventBase & ByUser & {
      kind: "stress.started";
      pid: number;
      command: string;
      cpuWorkers: number;
      vmBytes: number;
      hddBytes: number;
      timeoutMs: number;
    })
  | (EventBase & { kind: "stress.ended"; pid: number; reason: "timeout" | "signal" });

export type HostEventKind = HostEvent["kind"];
