import type { Cancel, SimClock } from "../model/clock.js";
import { appendLog } from "../model/entities.js";
import type { StreamsInstance } from "../model/instance.js";
import type { Job, Pe, View } from "../model/types.js";
import { OPEN_POLICY, type TrafficPolicy } from "../net/traffic.js";
import type { HeartbeatMessage } from "../toolkit/message.js";
import { resolveParams, type ParamDefaults, type ToolkitParams } from "../toolkit/params.js";
import type { ReceiverOwner, ReceiverTable } from "../toolkit/receivers.js";
import type { Machine } from "../toolkit/sender.js";
import type { SnapshotStore } from "../toolkit/snapshot-store.js";
import { Toolkit } from "../toolkit/toolkit.js";
import type { TwinEventBody } from "../twin-events.js";
import { SinkBuffer, type SinkQuery, type SinkRead } from "../exchange/sink-buffer.js";
import type { ComputeSpec } from "../bundle/manifest.js";
import { Compute } from "./compute.js";
import { DataFlow, isTuple } from "./flow.js";
import { JobMetrics } from "./job-metrics.js";
import { topologyOf, viewFeedOf, type Topology, type ViewFeed } from "./topology.js";

/**
 * One running job of the twin: its data flow, its sinks, its Cross-DC Failover toolkit and its
 * role. Role comes from the submission parameter `role` (`primary` or `standby`; primary when
 * absent): a primary is active from the start, a standby becomes active when its toolkit in
 * active mode declares the remote datacenter DOWN (a takeover), and stays active. Only an
 * active job's sources accept tuples. The model's PE events drive it: a PE that dies takes
 * with it what its operators held.
 */
export interface JobEnvironment {
  readonly dc: string;
  readonly instance: StreamsInstance;
  readonly clock: SimClock;
  readonly record: (event: TwinEventBody) => void;
  /** the share of CPU left to PEs on a host, in (0, 1] */
  readonly cpuFactor: (hostId: string) => number;
  readonly toolkit: ToolkitEnvironment;
}

export interface ToolkitEnvironment {
  readonly defaults: ParamDefaults;
  readonly store: SnapshotStore;
  readonly receivers: ReceiverTable;
  /** a host's address and its iptables/qdiscs */
  readonly host: (hostId: string) => { readonly address: string; readonly policy: TrafficPolicy } | undefined;
  /** the remote machines: the named ones, or every host of the remote datacenter */
  readonly machines: (remoteDc: string, named: readonly string[]) => Machine[];
}

export type InjectOutcome =
  | { readonly kind: "accepted"; readonly count: number }
  | { readonly kind: "full"; readonly retryAfterMs: number; readonly free: number }
  | { readonly kind: "standby" }
  | { readonly kind: "unavailable"; readonly why: string }
  | { readonly kind: "wait"; readonly until: Promise<void> }
  | { readonly kind: "bad"; readonly message: string };

export type InspectOutcome = { readonly kind: "read"; readonly read: SinkRead } | { readonly kind: "unavailable"; readonly why: string } | { readonly kind: "wait"; readonly until: Promise<void> };

export type Role = "primary" | "standby";

type Gate = { readonly kind: "unavailable"; readonly why: string } | { readonly kind: "wait"; readonly until: Promise<void> };

export class JobRuntime {
  readonly topology: Topology;
  readonly role: Role;
  readonly sinks = new Map<string, SinkBuffer>();
  private readonly metrics: JobMetrics;
  private readonly flow: DataFlow | undefined;
  private active: boolean;
  private takeoverAt: number | undefined;
  private timer: Cancel | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  private toolkit: { readonly toolkit: Toolkit; readonly owner: ReceiverOwner; readonly pe: Pe } | undefined;
  private waiters: Array<() => void> = [];
  private ended = false;
  /** the job's views by what their stream carries */
  private readonly views = new Map<ViewFeed, View[]>();

  constructor(
    private readonly env: JobEnvironment,
    readonly job: Job,
  ) {
    this.topology = topologyOf(job.manifest);
    this.role = job.parameter("role") === "standby" ? "standby" : "primary";
    this.active = this.role === "primary";
    this.metrics = new JobMetrics(env.instance, job.id, this.topology);
    for (const s of this.topology.sinks) this.sinks.set(s.operator, new SinkBuffer(s.bufferSize, s.consumingReads));
    this.flow =
      this.topology.processor && this.topology.sources.length > 0
        ? new DataFlow({
            dc: env.dc,
            ratePerSecond: job.manifest.processing.ratePerSecond,
            latencyMs: job.manifest.processing.latencyMs,
            sources: this.topology.sources,
            ...(job.manifest.processing.compute ? { compute: this.compute(job.manifest.processing.compute) } : {}),
            observer: {
              accepted: (source, n) => this.metrics.accepted(source, n),
              processed: (n, replayed) => this.metrics.processed(n, replayed),
              emitted: (tuples) => this.emit(tuples),
              queued: (n) => this.metrics.queue(n, this.queueCapacity()),
            },
          })
        : undefined;
    for (const view of job.views) {
      const feed = viewFeedOf(this.topology, view.spec.operator, view.spec.port);
      if (feed) this.views.set(feed, [...(this.views.get(feed) ?? []), view]);
    }
  }

  private compute(spec: ComputeSpec): Compute {
    return new Compute(spec, spec.stateParameter === undefined || this.job.parameter(spec.stateParameter) !== "reset");
  }

  get isActive(): boolean {
    return this.active;
  }

  /** The PE an operator runs in. */
  peOf(operator: string | undefined): Pe | undefined {
    return operator === undefined ? undefined : this.job.operators.find((o) => o.name === operator)?.pe;
  }

  // ---- Data Exchange ---------------------------------------------------------------------

  inject(source: string, items: readonly unknown[]): InjectOutcome {
    if (!this.topology.sources.some((s) => s.operator === source)) return { kind: "unavailable", why: `${source} is not an EndpointSource of job ${this.job.id}` };
    const gate = this.gate(this.peOf(source));
    if (gate) return gate;
    if (!this.active) return { kind: "standby" };
    if (!this.flow) return { kind: "unavailable", why: `the application of job ${this.job.id} has no data path` };
    const tuples: Record<string, unknown>[] = [];
    for (const item of items) {
      if (!isTuple(item)) return { kind: "bad", message: `items must be JSON objects (tuples); found ${JSON.stringify(item)?.slice(0, 40)}` };
      tuples.push(item);
    }
    const now = this.env.clock.now();
    this.flow.advance(now);
    const offered = this.flow.offer(source, tuples);
    if (!offered.ok) return { kind: "full", retryAfterMs: offered.retryAfterMs, free: offered.free };
    this.toViews("accepted", tuples, now, source);
    this.schedule();
    return { kind: "accepted", count: offered.count };
  }

  inspect(sink: string, query: SinkQuery): InspectOutcome {
    const buffer = this.sinks.get(sink);
    if (!buffer) return { kind: "unavailable", why: `${sink} is not an EndpointSink of job ${this.job.id}` };
    const gate = this.gate(this.peOf(sink));
    if (gate) return gate;
    this.flow?.advance(this.env.clock.now());
    return { kind: "read", read: buffer.read(query) };
  }

  // ---- the model's PE events ---------------------------------------------------------------

  onPeLaunched(pe: Pe): void {
    if (this.ended) return;
    if (this.holds(pe, this.topology.processor?.operator)) this.refreshRate();
    this.metrics.queue(this.flow?.queuedCount ?? 0, this.queueCapacity());
    if (this.holds(pe, this.topology.toolkit?.heartbeatReceiver)) this.startToolkit(pe);
    this.wakeWaiters();
  }

  /** The PE's process ended (crash, stop, restart): its operators' state goes with it. */
  onPeEnded(pe: Pe): void {
    if (this.ended) return;
    const now = this.env.clock.now();
    this.flow?.advance(now);
    for (const s of this.topology.sources) if (this.holds(pe, s.operator)) this.flow?.loseSource(s.operator);
    if (this.holds(pe, this.topology.processor?.operator)) {
      this.flow?.loseProcessed();
      this.refreshRate();
    }
    for (const [name, buffer] of this.sinks) if (this.holds(pe, name)) buffer.clear();
    if (this.toolkit?.pe === pe) void this.stopToolkit(false);
    this.wakeWaiters();
  }

  onPeSuspended(pe: Pe): void {
    if (this.holds(pe, this.topology.processor?.operator)) this.refreshRate();
    if (this.toolkit?.pe === pe) this.toolkit.toolkit.suspend();
  }

  onPeResumed(pe: Pe): void {
    if (this.holds(pe, this.topology.processor?.operator)) this.refreshRate();
    if (this.toolkit?.pe === pe) this.toolkit.toolkit.resume();
    this.wakeWaiters();
  }

  /** The job was cancelled: the toolkit says goodbye (type 3), then everything stops. */
  async onCancelled(): Promise<void> {
    this.ended = true;
    this.timer?.();
    this.timer = undefined;
    this.wakeWaiters();
    await this.stopToolkit(true);
  }

  /** The datacenter shuts down: no goodbyes. */
  dispose(): void {
    this.ended = true;
    this.timer?.();
    this.timer = undefined;
    this.wakeWaiters();
    void this.stopToolkit(false);
  }

  /** The CPU left to the processing operator changed (stress on its host). */
  refreshRate(): void {
    if (!this.flow) return;
    const pe = this.peOf(this.topology.processor?.operator);
    const running = pe !== undefined && pe.status === "running" && !pe.suspended;
    const rate = running ? this.job.manifest.processing.ratePerSecond * this.env.cpuFactor(pe.hostId) : 0;
    this.flow.setRate(this.env.clock.now(), rate);
    this.schedule();
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Whether an endpoint in `pe` can answer now; a stopped process answers later, a dead one not at all. */
  private gate(pe: Pe | undefined): Gate | undefined {
    if (this.ended || !pe) return { kind: "unavailable", why: `job ${this.job.id} is not running` };
    if (pe.status !== "running") return { kind: "unavailable", why: `PE ${pe.id} is ${pe.status}` };
    if (pe.suspended) return { kind: "wait", until: new Promise((resolve) => this.waiters.push(resolve)) };
    return undefined;
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private holds(pe: Pe, operator: string | undefined): boolean {
    return operator !== undefined && pe.operators.some((o) => o.name === operator);
  }

  private queueCapacity(): number {
    return this.topology.sources.reduce((s, src) => s + src.bufferSize, 0);
  }

  private emit(tuples: readonly unknown[]): void {
    const now = this.env.clock.now();
    let replayed = 0;
    for (const t of tuples) if ((t as Record<string, unknown>)._replayedFrom !== undefined) replayed++;
    this.metrics.emitted(tuples.length, replayed);
    this.toViews("results", tuples, now);
    for (const sink of this.topology.sinks) {
      if (sink.feed !== "results") continue;
      const evicted = this.sinks.get(sink.operator)!.push(tuples, now);
      this.metrics.evicted(sink.operator, evicted);
      if (this.takeoverAt !== undefined) {
        this.env.record({ type: "tuple.firstAfterTakeover", dc: this.env.dc, jobId: this.job.id, sink: sink.operator, afterTakeoverMs: now - this.takeoverAt });
      }
    }
    this.takeoverAt = undefined;
  }

  /** Tuples that passed on the streams views watch; `operator` narrows to one source's ports. */
  private toViews(feed: ViewFeed, tuples: readonly unknown[], now: number, operator?: string): void {
    for (const view of this.views.get(feed) ?? []) if (operator === undefined || view.spec.operator === operator) view.offer(tuples, now);
  }

  private schedule(): void {
    if (!this.flow || this.ended) return;
    const now = this.env.clock.now();
    const at = this.flow.nextWake(now);
    if (at === undefined) {
      this.timer?.();
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      return;
    }
    if (this.timer && this.timerAt <= at) return;
    this.timer?.();
    this.timerAt = at;
    this.timer = this.env.clock.setTimer(Math.max(0, at - now), () => {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      this.flow!.advance(this.env.clock.now());
      this.schedule();
    });
  }

  private startToolkit(pe: Pe): void {
    const env = this.env.toolkit;
    const manifestParams = this.job.manifest.toolkit?.parameters ?? {};
    const appConfig = this.env.instance.appConfigurations.get("CrossDCFailover")?.properties ?? {};
    const prefix = `${this.job.applicationName}_`;
    const resolved = resolveParams(
      [(k) => this.job.parameter(k), (k) => appConfig[`${prefix}${k}`], (k) => manifestParams[k]],
      env.defaults,
    );
    if (!resolved.ok) {
      this.log(pe, `ERROR CrossDCFailover does not start: ${resolved.message}`);
      return;
    }
    const params = resolved.params;
    const senderPe = this.peOf(this.topology.toolkit?.heartbeatSender) ?? pe;
    const owner: ReceiverOwner = {
      jobId: this.job.id,
      receive: (m: HeartbeatMessage) => toolkit.receive(m),
      ready: () => this.whenWorking(pe),
    };
    if (!env.receivers.claim(pe.hostId, params.httpPort, owner)) {
      this.log(pe, `ERROR CrossDCFailover cannot listen on port ${params.httpPort} of ${pe.hostId}: the address is in use`);
      return;
    }
    const toolkit = new Toolkit({
      dc: this.env.dc,
      jobId: this.job.id,
      scope: this.job.applicationName,
      params,
      timers: this.env.clock,
      store: env.store,
      // Getters: a PE restarted on another host sends from there.
      sender: {
        get address() {
          return env.host(senderPe.hostId)?.address ?? "127.0.0.1";
        },
        get policy() {
          return env.host(senderPe.hostId)?.policy ?? OPEN_POLICY;
        },
      },
      remoteMachines: () => env.machines(params.remoteDataCenterName, params.remoteMachines),
      app: {
        snapshot: () => this.snapshot(),
        remoteStatus: (up, remote, time) => this.remoteStatus(params, up, remote, time),
        replay: (items, origin) => {
          this.flow?.replay(items, origin);
          this.schedule();
        },
      },
      metrics: this.metrics,
      record: this.env.record,
      log: (line) => this.log(pe, line),
    });
    this.toolkit = { toolkit, owner, pe };
    toolkit.start();
  }

  private async stopToolkit(orderly: boolean): Promise<void> {
    const current = this.toolkit;
    if (!current) return;
    this.toolkit = undefined;
    this.env.toolkit.receivers.release(current.owner);
    await current.toolkit.stop(orderly);
  }

  /** The application's answer to DataSnapshotSignal; nothing when its processing PE is down. */
  private snapshot(): unknown[] {
    const pe = this.peOf(this.topology.processor?.operator);
    if (!this.flow || !pe || pe.status !== "running") return [];
    this.flow.advance(this.env.clock.now());
    return this.flow.snapshot();
  }

  /** RemoteDataCenterStatus: to the status sinks, and a standby in active mode takes over on `false`. */
  private remoteStatus(params: ToolkitParams, up: boolean, remote: string, time: number): void {
    const status = { remote, up, time, _dc: this.env.dc };
    for (const sink of this.topology.sinks) {
      if (sink.feed === "status") this.sinks.get(sink.operator)!.push([status], time);
    }
    this.toViews("status", [status], time);
    if (up || this.active || params.mode !== "active") return;
    this.active = true;
    this.takeoverAt = time;
    this.env.record({ type: "takeover", dc: this.env.dc, jobId: this.job.id, survivor: this.env.dc, lost: remote, mode: params.mode });
    for (const p of this.job.pes) this.log(p, `INFO remote datacenter ${remote} is down: this ${this.role} takes over and accepts tuples`);
  }

  private whenWorking(pe: Pe): Promise<boolean> {
    const check = (): boolean | undefined => (this.ended || pe.status !== "running" ? false : pe.suspended ? undefined : true);
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const retry = () => {
        const again = check();
        if (again === undefined) this.waiters.push(retry);
        else resolve(again);
      };
      this.waiters.push(retry);
    });
  }

  private log(pe: Pe, line: string): void {
    // The model keeps each PE's log; the runtime writes what its operators would trace.
    appendLog(pe.log as string[], this.env.clock.now(), line);
  }
}
