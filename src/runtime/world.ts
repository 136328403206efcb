import type { Result } from "../drivers/result.js";
import type { ContentReport, TupleJudge } from "../data/content.js";
import type { RateShape } from "../data/rates.js";
import type { TupleId } from "../data/records.js";
import type { Tuple } from "../drivers/exchange/types.js";
import type { ToolkitSettings } from "../drivers/toolkit/settings.js";
import type { Span } from "../language/span.js";
import type { DcRole, Figures, JournalEventBody } from "./journal/events.js";
import type { Unobserved } from "./sightings.js";
import type { AppRef, EndpointRef, FailoverValue, HostRef, JobRef, PeRef, RuntimeValue, WorkloadRef } from "./value.js";

/**
 * The port between the interpreter and the outside world. Every builtin with an effect or an
 * observation reaches Streams, the hosts and the data only through this interface; the
 * interpreter itself keeps time (on its Clock), bounds waits, records the journal and judges
 * expectations. Two implementations: the live World over the real drivers (`xdc exec`) and
 * the PlanWorld that contacts nothing (`xdc plan`); tests use recording fakes.
 *
 * Units everywhere: durations and times in milliseconds (times on the run's clock, since the
 * scenario started: `Clock.now()`), rates in events per second, percentages as the language
 * writes them (0.1 means 0.1%, not a fraction), sizes in bytes.
 *
 * Rules for every method:
 * - Never throw for a problem of the system or the environment: answer `{ ok: false, error }`
 *   with a classified WorldError. A throw is a bug in xdc and ends the scenario as an
 *   `internal` error.
 * - Honour `signal`: when it aborts (deadline, scenario timeout, Ctrl-C), stop what you are
 *   doing soon and answer (anything; the interpreter ignores answers after an abort).
 * - Never write secrets into error messages.
 */
export interface World {
  /** The hosts of a datacenter, as the environment (or the twin's layout) declares them, each with `dc` set. */
  hosts(dc: string, call: WorldCall): Promise<WorldResult<readonly HostRef[]>>;

  /** Uploads the bundle and submits the application as a job in `dc` with the given role; resolves once the job exists. */
  submit(request: SubmitRequest, call: WorldCall): Promise<WorldResult<JobRef>>;
  /** Cancels the application's jobs in each datacenter; a datacenter with no such job is not an error. */
  cancel(app: AppRef, dcs: readonly string[], call: WorldCall): Promise<WorldResult<void>>;
  /** The application's job in `dc`; an error (environment) when there is none. */
  job(app: AppRef, dc: string, call: WorldCall): Promise<WorldResult<JobRef>>;
  /** The PE running `operator` of the application's job in `dc`, with its id; an error when there is none. */
  pe(app: AppRef, operator: string, dc: string, call: WorldCall): Promise<WorldResult<PeRef>>;
  /**
   * One look: whether every job of the application in `dc` is running and healthy now. The
   * interpreter polls it for `await healthy(…) within D`; do not wait inside.
   */
  healthy(app: AppRef, dc: string, call: WorldCall): Promise<WorldResult<Reading<boolean>>>;

  /**
   * Applies a builtin fault (`partition`, `kill`, `stress_cpu`, `cancel_job`, … : a row of the
   * registry with `fault`), given its evaluated arguments by parameter name with defaults
   * filled in. Build the FaultPlan with the builders in drivers/, record it in the ledger,
   * apply and verify it; answer what was applied, on which hosts, with which commands. A fault
   * that could not be applied must be left undone (the fault runner does this) and answered
   * as an error of class `fault-injection` (or `environment` when a host cannot be reached).
   */
  applyFault(request: FaultRequest, call: WorldCall): Promise<WorldResult<AppliedFault>>;
  /**
   * Undoes a fault this World applied and checks the undo. Called exactly once per applied
   * fault, also after an abort (then with a fresh, unaborted signal with its own deadline).
   */
  revertFault(fault: AppliedFault, call: WorldCall): Promise<WorldResult<RevertReport>>;

  /**
   * Starts sending generated tuples into a source endpoint at `spec.ratePerSecond` (or as
   * `spec.shape` changes it) for `spec.durationMs`, recording every tuple for the data checks; answers as soon as sending
   * has started. The workload stops by itself after its duration, or when `call.signal` aborts.
   * `done` settles when it has stopped (with how many tuples were sent).
   */
  inject(spec: WorkloadSpec, call: WorldCall): Promise<WorldResult<StartedWorkload>>;
  /** Starts reading every tuple that arrives at a sink endpoint, from now on (idempotent). */
  collect(endpoint: EndpointRef, call: WorldCall): Promise<WorldResult<void>>;

  /**
   * The data readings of the checks, each over everything recorded so far (the interpreter
   * calls them in `verify`, after the workloads have stopped). `no-data` when there is nothing
   * to judge (the workload sent nothing, no tuple was read at the sink), with the reason.
   *
   * lost: the share of the workload's tuples never read at the sink, a percentage (0.1 = 0.1%).
   * duplicates: how many of its tuples were read more than once, a count.
   * ordered: whether the sink's tuples arrived in increasing order of attribute `by` (per key
   *   for a keyed workload; only workloads keyed by `per` when it is not empty).
   * rpo: the sending time covered by the lost tuples, in ms.
   * latencyQuantile: quantile `q` (0..1) of send-to-arrival time, in ms.
   * sent: how many tuples the workload has sent so far (`load.sent`).
   */
  lost(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  duplicates(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  ordered(sink: EndpointRef, by: string, per: string, call: WorldCall): Promise<WorldResult<Reading<boolean>>>;
  rpo(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  latencyQuantile(workload: WorkloadRef, sink: EndpointRef, q: number, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  sent(workload: WorkloadRef, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  /**
   * How long, in ms, two or more datacenters ran the application as `active` at once, as the
   * failover observer has seen it so far (src/report/split-brain.ts, over its role changes).
   * `no-data` when nothing watched the application's roles (it was never submitted).
   */
  splitBrain(app: AppRef, call: WorldCall): Promise<WorldResult<Reading<number>>>;

  /**
   * How many failovers of the application the failover observer saw, their takeovers within
   * [q.fromMs, q.toMs] (only those to `q.to` / from `q.from` when given). `no-data` when nothing
   * watched the application's roles in that window (it was never submitted, or the observer
   * started after the window), or when none was seen while the datacenters that could take
   * part were out of sight for much of it: not seeing a failover is no proof there was none.
   */
  failovers(q: FailoverCount, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  /**
   * The application's role in `dc` as the failover observer infers it now (starting the
   * observer if nothing had, and then giving it a few polls to infer). `no-data` when the
   * application was never submitted; an error when `dc` is not in the environment.
   */
  role(app: AppRef, dc: string, call: WorldCall): Promise<WorldResult<Reading<DcRole>>>;

  /** Tuples per second through an endpoint, averaged over the last `overMs` (may wait up to `overMs` to have a full window). */
  throughput(endpoint: EndpointRef, overMs: number, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  /** The current value of a Streams metric; for an application summed over its operators in `dc`. */
  metric(target: MetricTarget, name: string, dc: string | undefined, call: WorldCall): Promise<WorldResult<Reading<number>>>;
  /**
   * One number from a PromQL query, asked of the Prometheus server of `q.dc` (or the one server
   * every datacenter names): a scalar, or a vector of exactly one series; for a range query,
   * that one series' values over the window taken as `q.range.take`. `no-data` when the query
   * gives no series, no value in the window, or NaN. A query Prometheus refuses (its own
   * message), a vector of several series, or no server to ask: an `environment` error.
   */
  promql(q: PromQuery, call: WorldCall): Promise<WorldResult<Reading<number>>>;

  /**
   * The current value of a JMX attribute (or a path into it) of an MBean, read through the
   * Jolokia agent of `dc`. An MBean or attribute the agent does not know, a value that is not a
   * number, and an agent that cannot be reached are errors (environment), never no-data: a
   * misspelt name must not pass as nothing to judge.
   */
  jmx(read: JmxRead, dc: string, call: WorldCall): Promise<WorldResult<Reading<number>>>;

  /**
   * Waits for the application to fail over to `to` (from `from`, or any other datacenter),
   * as the failover observer infers it, and answers the failover. A failover already
   * observed since the scenario started counts. Waits until it happens or `call.signal`
   * aborts: the interpreter aborts it at the `within` deadline and then judges the await
   * as not met; answer `no-data` (with why) if the observer cannot watch at all.
   */
  awaitFailover(request: FailoverRequest, call: WorldCall): Promise<WorldResult<Reading<FailoverValue>>>;
  /**
   * Optional: the stretches of [fromMs, toMs] longer than `graceMs` in which the failover could
   * not be watched (its survivor `to` was not seen: its API gave errors or no answer, and no
   * tuples came from it), each with the last reason. The interpreter asks when an
   * `await failover(…)` runs out: a failover that was not watched did not fail to happen
   * (interpreter/unobserved.ts). Without it, a failover counts as watched throughout.
   */
  unobserved?(request: FailoverRequest, fromMs: number, toMs: number, graceMs: number): readonly Unobserved[];

  /**
   * Optional: the checks on each tuple at a sink (`all`, `conforms`, `continues`) the scenario
   * makes, given before it starts, so that each tuple is judged as it arrives (nothing is kept
   * per tuple). Applies to every workload injected afterwards. Without it they have no data.
   */
  watchTuples?(checks: readonly TupleCheck[]): void;
  /** What a check given to `watchTuples` found for one workload at one sink; no data when none of its tuples arrived. */
  tupleCheck?(check: string, workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<ContentReport>>>;

  /** A line from `log(…)` or from the interpreter, for the console/progress display. The journal has it already. */
  log(level: "info" | "warn" | "error", message: string): void;

  /**
   * Optional: the data accounts of everything injected so far, for the journal: one `data`
   * event per workload and sink, and the headline data figures of `scenario.end` (those of the
   * workloads a check judged). May wait (honouring `call.signal`) for tuples still on their way.
   * The interpreter asks once `verify` has ended and again before `teardown`, and journals each
   * workload and sink once.
   */
  account?(call: WorldCall): Promise<{ readonly data: readonly DataAccount[]; readonly figures: Figures }>;
}

export type DataAccount = Extract<JournalEventBody, { kind: "data" }>;

/** What every call carries. */
export interface WorldCall {
  /** Aborted at a deadline, at the scenario's timeout, or on Ctrl-C. */
  readonly signal: AbortSignal;
}

export type WorldResult<T> = Result<T, WorldError>;

/** Why the outside world did not do what was asked; the class decides whose problem it is. */
export interface WorldError {
  readonly class: "environment" | "fault-injection" | "internal";
  /** One line, no secrets: `dc1: REST API answered 503 to GET /jobs`. */
  readonly message: string;
}

/**
 * A measurement: a value, no data to judge (the expectation becomes no-data, never pass),
 * or unknown (only `xdc plan`: the value needs the live system).
 */
export type Reading<T> =
  | { readonly kind: "value"; readonly value: T }
  | { readonly kind: "no-data"; readonly reason: string }
  | { readonly kind: "unknown"; readonly why: string };

export interface SubmitRequest {
  readonly app: AppRef;
  readonly dc: string;
  readonly role: "primary" | "standby";
  /** Submission-time parameters, by name, as strings (`{configFileName: "dc2.txt"}`). */
  readonly params: Readonly<Record<string, string>>;
  /** The toolkit's settings `toolkit: {…}` sets (ms, counts), sent as its submission parameters; absent or empty: none. */
  readonly toolkit?: ToolkitSettings;
}

export interface FaultRequest {
  /** Unique within the run (`f3`): the fault's id in the ledger and its tag on hosts. */
  readonly id: string;
  /** The registry row's name: `partition`, `kill`, `stop_instance`, … */
  readonly builtin: string;
  /** Evaluated arguments by parameter name, defaults filled in; entities as in value.ts. */
  readonly args: ReadonlyMap<string, RuntimeValue>;
}

/** What applying a fault did. */
export interface AppliedFault {
  readonly id: string;
  readonly builtin: string;
  /** One line for people: `partition dc1 <-> dc2 on dc1-a, dc1-b`. */
  readonly summary: string;
  /** The hosts the fault acts on, by name. */
  readonly hosts: readonly string[];
  /** The datacenters it acts on. */
  readonly dcs: readonly string[];
  /** The commands that applied it (`dc1-a: sudo -n iptables -I …`, or `dc1 REST: cancelJob jobId=3`). */
  readonly commands: readonly string[];
  /** The commands that will undo it; empty when there is nothing to undo (a killed PE restarts by itself). */
  readonly undo: readonly string[];
}

export interface RevertReport {
  readonly status: "undone" | "nothing-to-undo" | "failed";
  /** What did not work, one line each. */
  readonly problems: readonly string[];
}

export interface WorkloadSpec {
  /** Unique within the run (`w1`). */
  readonly id: string;
  /** The `let` it was bound to (`load`), which reports name it by; absent for a workload bound to no name. */
  readonly name?: string;
  readonly endpoint: EndpointRef;
  /** The rate when constant; with a shape, the mean it plans. */
  readonly ratePerSecond: number;
  /** How the rate changes over the duration (a ramp, steps, bursts, a replay); absent: constant. */
  readonly shape?: RateShape;
  readonly durationMs: number;
  /** The attribute numbering the tuples 0, 1, 2, … (per key, with `keys`). */
  readonly key: string;
  /** Keyed streams: `count` keys named in `attribute`, each with its own sequence, spread in turn or zipf-like. */
  readonly keys?: { readonly attribute: string; readonly count: number; readonly spread: "uniform" | "zipf" };
  /** A `payload` attribute of this many characters in every tuple. */
  readonly payloadBytes?: number;
  /** Further attributes and their SPL types (`{qty: "int32"}`). */
  readonly schema: Readonly<Record<string, string>>;
  /** A recorded file (JSON lines or CSV) to send instead of generated tuples, resolved against the scenario's directory; absent for generated tuples. */
  readonly file?: string;
  /** With `file`: the attribute of each row holding its recorded time; rows are due at those times (÷ `speed`), never faster than the rate. */
  readonly timestamps?: string;
  readonly speed?: number;
  /** With `file`: replay it again from the first row after the last, until the duration is over. */
  readonly loop?: boolean;
  /** The run's seed, for the generated values. */
  readonly seed: number;
}

export interface StartedWorkload {
  /**
   * Settles when sending has stopped: after the duration, or on abort; with an error when the
   * workload could not go on (a recorded row that does not fit its schema).
   */
  readonly done: Promise<{ readonly sent: number; readonly error?: WorldError }>;
}

export type MetricTarget = AppRef | JobRef | PeRef | HostRef;

export interface PromQuery {
  readonly query: string;
  /** The datacenter whose Prometheus answers; undefined: the one server all name. */
  readonly dc?: string;
  /** A range query over the last `overMs` (ending now), evaluated every `stepMs`. */
  readonly range?: { readonly overMs: number; readonly stepMs: number; readonly take: "max" | "min" | "avg" };
}

/** What `jmx(…)` reads: an MBean's attribute, and keys into its value (`used`), `/`-separated; empty for none. */
export interface JmxRead {
  readonly mbean: string;
  readonly attribute: string;
  readonly path: string;
}

export interface FailoverRequest {
  readonly app: AppRef;
  readonly to: string;
  readonly from?: string;
  /**
   * The deadline of the `await … within T` that asks, and where it is written: a preflight
   * compares T with the survivor's detection time (preflight/check-toolkit.ts).
   */
  readonly within?: { readonly ms: number; readonly span: Span };
}

/** What `failovers(…)` counts: one application's failovers whose takeover falls in a window of the run's clock. */
export interface FailoverCount {
  readonly app: AppRef;
  readonly fromMs: number;
  readonly toMs: number;
  readonly to?: string;
  readonly from?: string;
}

export const reading = <T>(value: T): Reading<T> => ({ kind: "value", value });

/** A check on each tuple of a workload at a sink, registered before the scenario starts (World.watchTuples). */
export interface TupleCheck {
  /** Its call's place, `file:line:col`: what `tupleCheck` asks by. */
  readonly id: string;
  /** The sink it reads, by name; undefined for every sink of the workload's application. */
  readonly sink?: string;
  /** The input attributes it reads (`in.qty`), kept from each input tuple until its output arrives. */
  readonly inputAttributes: readonly string[];
  /** A running figure to keep with each input tuple (under the check's id), one per workload: what a keyed aggregate is held against. */
  runningFigure?(): (input: Tuple, id: TupleId) => number;
  /** A judge for one workload at one sink (it may keep state per key). */
  judge(): TupleJudge;
}
