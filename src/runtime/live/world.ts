import { describeRead, numericValue } from "../../drivers/jolokia/index.js";
import { readStreamsMetric, type MetricTarget as RestTarget } from "../../drivers/prometheus/rest-metrics.js";
import { err, ok } from "../../drivers/result.js";
import type { PrometheusApi, PrometheusError } from "../../drivers/prometheus/api.js";
import { instantReading, rangeReading, type QueryReading } from "../../drivers/prometheus/reading.js";
import { wallTime } from "../clock.js";
import type { AppRef, EndpointRef, FailoverValue, HostRef, JobRef, PeRef, WorkloadRef } from "../value.js";
import {
  reading,
  type AppliedFault,
  type FailoverCount,
  type FailoverRequest,
  type FaultRequest,
  type JmxRead,
  type MetricTarget,
  type PromQuery,
  type Reading,
  type RevertReport,
  type StartedWorkload,
  type SubmitRequest,
  type TupleCheck,
  type World,
  type WorldCall,
  type WorldError,
  type WorldResult,
  type WorkloadSpec,
} from "../world.js";
import * as data from "../../data/index.js";
import type { DataReport, DataTracker, FailoverSpan, LatencySketch, Reading as DataReading } from "../../data/index.js";
import type { FailoverObserver } from "../../drivers/toolkit/index.js";
import { accountsToJournal, type DataEvent } from "./accounts.js";
import { observeApp } from "./app-observer.js";
import type { DcRole } from "../journal/events.js";
import { roleSpans } from "../roles.js";
import { splitBrainMs, splitBrainSpans } from "../split-brain.js";
import type { LiveDrivers } from "./drivers.js";
import { liveFaultPlan } from "./fault-plans.js";
import { failoverTiming } from "./failover-timing.js";
import { countFailovers, type SeenFailover, type Watched } from "./failover-count.js";
import { unobservedGraceMs } from "../interpreter/unobserved.js";
import { LiveWorkload } from "./injection.js";
import { Jobs, jobName, restGap } from "./jobs.js";
import { detectionBound } from "../../drivers/toolkit/bound.js";
import { latencySamples, sketchSince } from "./samples.js";
import { SinkWatch } from "./sink-watch.js";
import { WorkloadContent } from "./content-watch.js";
import type { ContentReport } from "../../data/content.js";
import type { TupleId } from "../../data/records.js";
import type { Tuple } from "../../drivers/exchange/types.js";
import type { FaultPlan } from "../../drivers/faults/types.js";
import type { Figures, JournalEventBody } from "../journal/events.js";
import type { Unobserved } from "../sightings.js";

export interface LiveWorldOptions {
  /** How often sinks and the status streams are read; the observer's resolution. */
  readonly pollMs?: number;
  /** Lines for the console (progress display); the journal is the interpreter's. */
  readonly onLog?: (level: "info" | "warn" | "error", message: string) => void;
  /** Told whenever the faults in force change, for the progress display. */
  readonly onFaults?: (inForce: readonly string[]) => void;
  /** The journal, for what the World sees by itself: datacenter roles and samples every second. */
  readonly onEvent?: (body: JournalEventBody) => void;
}

/** How long after a workload's last accepted batch its tuples may still be on their way to the sink. */
const SETTLE_MS = 1_000;
/** The journal's samples: one a second. */
const SAMPLE_MS = 1_000;
const environment = (message: string): WorldError => ({ class: "environment", message });

/** A query Prometheus refused, in its own words; any other failure as the client reports it. */
function prometheusError(query: string, where: string, e: PrometheusError): WorldError {
  if (e.detail !== undefined && e.status !== undefined && e.status < 500) return environment(`PromQL \`${query}\` refused by ${where}: ${e.messageId ? `${e.messageId}: ` : ""}${e.detail}`);
  return environment(`PromQL \`${query}\` at ${where}: ${e.message}`);
}
const key = (app: AppRef, name: string) => `${app.name}\0${name}`;
/** One workload at one sink: what a data check judges and what a sample is of. */
const workloadSink = (workload: string, sink: string) => `${workload}\0${sink}`;

/**
 * The World of `xdc exec`: every builtin's effect and observation over the real drivers (the
 * REST API per datacenter, SSH through the fault runner and its ledger, Data Exchange), the
 * same against a real deployment and against the twin.
 */
export class LiveWorld implements World {
  private readonly jobs: Jobs;
  private readonly workloads = new Map<string, LiveWorkload>();
  /** Applications submitted at least once: what the failover observer may watch. */
  private readonly submitted = new Set<string>();
  private readonly observers = new Map<string, FailoverObserver>();
  /** Each application's role changes as its observer inferred them (clock ms), for `split_brain`. */
  private readonly roleChanges = new Map<string, { readonly dc: string; readonly role: DcRole; readonly t: number; readonly signals: readonly string[] }[]>();
  /** Each application's failovers as its observer reported them, and since when it watched: what `failovers(…)` counts. */
  private readonly watched = new Map<string, Watched>();
  /** When each application's last submission was done, run clock. */
  private readonly submittedAt = new Map<string, number>();
  /** Workload and sink pairs a data check read: the figures the summary reports. */
  private readonly judged = new Set<string>();
  private readonly sinks = new Map<string, SinkWatch>();
  /** The checks on each tuple the scenario makes (watchTuples), and what each workload's tuples made of them. */
  private tupleChecks: readonly TupleCheck[] = [];
  private readonly contents = new Map<string, WorkloadContent>();
  private sampling: Promise<void> | undefined;
  private readonly plans = new Map<string, FaultPlan>();
  /** The failovers `await failover(…)` measured, by application: the windows of their RPO. */
  private readonly awaited: { readonly app: string; readonly takeoverAtMs: number; readonly span: FailoverSpan }[] = [];
  /** When each fault began to be applied, run clock: the start of a failover's RTO. */
  private readonly faultTimes: number[] = [];
  /** Datacenters by the role the scenario submitted to them: primaries are tried first. */
  private readonly order: string[] = [];
  private readonly pollMs: number;
  private readonly stopper = new AbortController();

  constructor(
    private readonly d: LiveDrivers,
    private readonly o: LiveWorldOptions = {},
  ) {
    this.jobs = new Jobs(d.streams, d.run);
    this.pollMs = o.pollMs ?? 100;
  }

  async hosts(dc: string): Promise<WorldResult<readonly HostRef[]>> {
    const found = this.d.env.dcs.find((x) => x.name === dc);
    if (!found) return err(environment(`the environment has no datacenter ${dc}`));
    return ok(found.hosts.map((h) => ({ kind: "host" as const, name: h.ssh.name, address: h.address, ssh: `${h.ssh.user}@${h.ssh.address}:${h.ssh.port}`, dc })));
  }

  async submit(r: SubmitRequest, call: WorldCall): Promise<WorldResult<JobRef>> {
    const job = await this.jobs.submit(r, call.signal);
    if (job.ok) {
      if (r.role === "primary") this.order.unshift(r.dc);
      else this.order.push(r.dc);
      this.submitted.add(r.app.name);
      this.submittedAt.set(r.app.name, this.d.ctx.clock.now());
      await this.journalToolkit(r, job.value, call.signal);
    }
    return job;
  }

  /**
   * Reads back the toolkit's settings the job runs with and journals them: what the scenario
   * asked for is not proof of what the deployment took. Not being able to read them stops
   * nothing; it is said, once, as a warning.
   */
  private async journalToolkit(r: SubmitRequest, job: JobRef, signal: AbortSignal): Promise<void> {
    const read = await this.jobs.toolkit(r.dc, job.id, signal);
    if (!read.ok) {
      const message = `cannot read the Cross-DC Failover toolkit's settings of ${r.app.name} on ${r.dc}: ${read.error.message}`;
      this.o.onLog?.("warn", message);
      this.o.onEvent?.({ kind: "log", level: "warn", message });
      return;
    }
    const t = read.value;
    const bound = detectionBound(t.settings);
    this.o.onEvent?.({
      kind: "toolkit",
      dc: r.dc,
      app: r.app.name,
      job: job.id,
      settings: t.settings,
      sources: Object.fromEntries(t.entries.map((e) => [e.setting, e.source])),
      ...(t.configFile !== undefined ? { configFile: t.configFile } : {}),
      missingOperators: t.missingOperators,
      problems: t.problems,
      ...(bound ? { detection: { minMs: bound.minMs, maxMs: bound.maxMs } } : {}),
    });
  }

  cancel(app: AppRef, dcs: readonly string[], call: WorldCall): Promise<WorldResult<void>> {
    return this.jobs.cancel(app, dcs, call.signal);
  }

  job(app: AppRef, dc: string, call: WorldCall): Promise<WorldResult<JobRef>> {
    return this.jobs.job(app, dc, call.signal);
  }

  pe(app: AppRef, operator: string, dc: string, call: WorldCall): Promise<WorldResult<PeRef>> {
    return this.jobs.pe(app, operator, dc, call.signal);
  }

  healthy(app: AppRef, dc: string, call: WorldCall): Promise<WorldResult<Reading<boolean>>> {
    this.observe(app);
    return this.jobs.healthy(app, dc, call.signal);
  }

  async applyFault(request: FaultRequest, call: WorldCall): Promise<WorldResult<AppliedFault>> {
    const plan = await liveFaultPlan({ d: this.d, jobs: this.jobs, id: request.id, builtin: request.builtin, args: request.args, signal: call.signal });
    if (!plan.ok) return plan;
    this.faultTimes.push(this.d.ctx.clock.now());
    const applied = await this.d.faults.apply(plan.value);
    this.reportFaults();
    if (!applied.ok) return err({ class: "fault-injection", message: `${applied.error.fault}: ${applied.error.message}` });
    this.plans.set(request.id, plan.value);
    const line = (a: FaultPlan["apply"][number]) => (a.via === "ssh" ? `${a.host}: ${a.line}` : `${a.dc} REST: ${a.call.op}`);
    return ok({
      id: request.id,
      builtin: request.builtin,
      summary: plan.value.summary,
      hosts: Object.keys(plan.value.hosts),
      dcs: [...new Set([...Object.keys(plan.value.apis ?? {}), ...this.d.env.dcs.filter((dc) => dc.hosts.some((h) => h.ssh.name in plan.value.hosts)).map((dc) => dc.name)])],
      commands: plan.value.apply.map(line),
      undo: plan.value.undo.map(line),
    });
  }

  async revertFault(fault: AppliedFault, _call: WorldCall): Promise<WorldResult<RevertReport>> {
    const plan = this.plans.get(fault.id);
    if (!plan) return ok({ status: "nothing-to-undo", problems: [] });
    const report = await this.d.faults.undo(plan);
    this.plans.delete(fault.id);
    this.reportFaults();
    // A cancelled job submitted again by the undo has a new id.
    for (const a of plan.undo) if (a.via === "api" && a.call.op === "submitJob") this.jobs.forget(a.dc, a.call.jobName);
    const problems = [...report.problems, ...report.manual.map((m) => `run by hand: ${m}`)];
    return ok({ status: report.status, problems });
  }

  /** What is in effect now, one line each: applied and not reverted, or being applied. */
  inForce(): string[] {
    const byId = new Map<string, string>();
    for (const [id, plan] of this.plans) byId.set(id, plan.summary);
    for (const plan of this.d.faults.outstanding()) byId.set(plan.id, plan.summary);
    return [...byId.values()];
  }

  /**
   * The last line of defence on every way out of a run: undoes whatever is still applied that
   * the scenario did not revert (a fault applied as the run stopped, a cancelled job not yet
   * submitted again), then anything the fault runner still holds. Each is journalled. Answers
   * what is still in effect afterwards, one line each: empty means nothing is left.
   */
  async undoLeftovers(): Promise<string[]> {
    const still: string[] = [];
    const never = new AbortController().signal;
    for (const [id, plan] of [...this.plans].reverse()) {
      const r = await this.revertFault({ id, builtin: plan.kind, summary: plan.summary, hosts: [], dcs: [], commands: [], undo: [] }, { signal: never });
      const report = r.ok ? r.value : { status: "failed" as const, problems: [r.error.message] };
      this.o.onEvent?.({ kind: "fault.reverted", id, fault: plan.kind, status: report.status, problems: [`left applied when the scenario ended; undone by xdc's final clean-up`, ...report.problems] });
      if (report.status === "failed") still.push(`${plan.summary}: ${report.problems.join("; ")}`);
    }
    for (const report of await this.d.faults.undoAll()) {
      if (report.status === "failed") still.push(`${report.summary}: ${report.problems.join("; ")}`);
    }
    return still;
  }

  private reportFaults(): void {
    this.o.onFaults?.(this.d.faults.outstanding().map((p) => p.summary));
  }

  /** The URL of one of the application's endpoints in `dc` as the data service lists it now. */
  private async endpointUrl(app: AppRef, dc: string, kind: "inject" | "inspect", operator: string, signal: AbortSignal): Promise<string | undefined> {
    const exchange = this.d.exchanges[dc];
    if (!exchange) return undefined;
    const found = await exchange.endpoint(kind, { jobName: jobName(app, dc, this.d.run), operator }, { signal });
    return found.ok ? found.value.url : undefined;
  }

  private dcsInOrder(): string[] {
    const rest = this.d.env.dcs.map((x) => x.name).filter((n) => !this.order.includes(n));
    return [...new Set([...this.order, ...rest])].filter((dc) => dc in this.d.exchanges);
  }

  async inject(spec: WorkloadSpec, call: WorldCall): Promise<WorldResult<StartedWorkload>> {
    if (Object.keys(this.d.exchanges).length === 0) return err(environment("the environment names no data service (`data:`) in any datacenter: nothing to inject into"));
    const app = spec.endpoint.app;
    this.observe(app);
    const content = new WorkloadContent(this.tupleChecks, app.sinks);
    const w = new LiveWorkload(spec, app.sinks, {
      ...(content.watching ? { sending: (t: Tuple, id: TupleId) => content.sending(t, id) } : {}),
      exchanges: this.d.exchanges,
      order: () => this.dcsInOrder(),
      url: (dc, signal) => this.endpointUrl(app, dc, "inject", spec.endpoint.name, signal),
      clock: this.d.ctx.clock,
      signal: AbortSignal.any([call.signal, this.stopper.signal]),
    });
    for (const [sink, tracker] of w.trackers) this.watchSink(app, sink).route(spec.id, w.identity, tracker, content.arrivals(sink));
    this.workloads.set(spec.id, w);
    this.contents.set(spec.id, content);
    this.startSampling();
    return ok({ done: w.done });
  }

  private watchSink(app: AppRef, sink: string): SinkWatch {
    const k = key(app, sink);
    const known = this.sinks.get(k);
    if (known) return known;
    const watch = new SinkWatch({
      sink,
      exchanges: this.d.exchanges,
      url: (dc, signal) => this.endpointUrl(app, dc, "inspect", sink, signal),
      clock: this.d.ctx.clock,
      pollMs: this.pollMs,
      signal: this.stopper.signal,
    });
    this.sinks.set(k, watch);
    return watch;
  }

  /** The failover observer of the application, started once its submissions are done (at the first other call about it). */
  private observe(app: AppRef): FailoverObserver | undefined {
    const known = this.observers.get(app.name);
    if (known || !this.submitted.has(app.name)) return known;
    const observer = observeApp({
      dcs: this.d.env.dcs.map((dc) => dc.name),
      streams: this.d.watch,
      exchanges: this.d.exchanges,
      jobName: (dc) => jobName(app, dc, this.d.run),
      sinks: app.sinks,
      pollMs: this.pollMs,
      clock: this.d.ctx.clock,
      logger: this.d.ctx.logger,
      onEvent: (e) => this.o.onEvent?.(e),
    });
    this.observers.set(app.name, observer);
    const changes: { dc: string; role: DcRole; t: number; signals: readonly string[] }[] = [];
    this.roleChanges.set(app.name, changes);
    const failovers: SeenFailover[] = [];
    const sinceMs = this.d.ctx.clock.now();
    this.watched.set(app.name, { submittedAtMs: this.submittedAt.get(app.name) ?? sinceMs, sinceMs, failovers, dcs: this.d.env.dcs.map((dc) => dc.name), unobserved: (dc, from, to, grace) => observer.unobserved(dc, from, to, grace) });
    observer.on((e) => {
      if (e.type === "role-changed") changes.push({ dc: e.dc, role: e.to, t: e.atMs, signals: e.signals });
      if (e.type === "failover") failovers.push({ from: e.from, to: e.to, takeoverAtMs: e.takeoverAtMs });
    });
    return observer;
  }

  async collect(endpoint: EndpointRef): Promise<WorldResult<void>> {
    this.observe(endpoint.app);
    this.watchSink(endpoint.app, endpoint.name);
    this.startSampling();
    return ok(undefined);
  }

  /**
   * A data reading, once the sink's reader has had time to read what the workload's last
   * accepted tuples became (processing latency plus a few reads): a check right after the
   * workload ends must not count its last batch as lost.
   */
  private async reading<T>(workload: WorkloadRef, sink: EndpointRef, signal: AbortSignal, judge: (r: DataReport) => DataReading<T>): Promise<WorldResult<Reading<T>>> {
    const w = this.workloads.get(workload.id);
    if (!w) return ok({ kind: "no-data", reason: `workload ${workload.id} never started` });
    const tracker = w.trackers.get(sink.name);
    if (!tracker) return ok({ kind: "no-data", reason: `the sink ${sink.name} is not one of ${sink.app.name}'s sinks that xdc reads` });
    this.judged.add(workloadSink(workload.id, sink.name));
    await this.settle([w], signal);
    const r = judge(this.report(w, tracker));
    return ok(r.kind === "no-data" && w.lastFailure ? { kind: "no-data", reason: `${r.reason} (last refusal: ${w.lastFailure})` } : r);
  }

  /** Waits until the sinks' readers have had time to read what the workloads' last accepted tuples became. */
  private async settle(ws: readonly LiveWorkload[], signal: AbortSignal): Promise<void> {
    const clock = this.d.ctx.clock;
    const acks = ws.flatMap((w) => w.acks.lastAtOrBefore(clock.now()) ?? []);
    if (acks.length === 0) return;
    const wait = Math.max(...acks) + SETTLE_MS + 3 * this.pollMs - clock.now();
    if (wait > 0) await clock.sleep(wait, signal).catch(() => undefined);
  }

  /**
   * A workload's report at a sink, its RPO counted within the windows of the application's
   * failovers that were awaited (docs/data.md, "RPO"); over the whole run when there was none.
   */
  private report(w: LiveWorkload, tracker: DataTracker): DataReport {
    const r = tracker.report();
    const app = w.spec.endpoint.app.name;
    const spans = this.awaited.filter((f) => f.app === app).map((f) => f.span);
    return spans.length === 0 ? r : { ...r, rpo: data.failoverRpo(tracker, r.timeline, spans, this.d.ctx.clock.now()) };
  }

  lost(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, data.lostPercent);
  }

  duplicates(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, data.duplicateTuples);
  }

  /** Whether the sink saw every stream of each workload keyed by `by` in order; no data when no workload is keyed by it. */
  async ordered(sink: EndpointRef, by: string, per: string, call: WorldCall): Promise<WorldResult<Reading<boolean>>> {
    const keyed = [...this.workloads.values()].filter((w) => w.spec.key === by && w.spec.endpoint.app.name === sink.app.name && (per === "" || w.spec.keys?.attribute === per));
    if (keyed.length === 0) return ok({ kind: "no-data", reason: `no workload into ${sink.app.name} numbers its tuples by \`${by}\`${per === "" ? "" : ` per \`${per}\``}` });
    const readings: Reading<boolean>[] = [];
    for (const w of keyed) {
      const r = await this.reading({ kind: "workload", id: w.spec.id } as WorkloadRef, sink, call.signal, data.inOrder);
      if (!r.ok) return r;
      readings.push(r.value);
    }
    const values = readings.flatMap((r) => (r.kind === "value" ? [r.value] : []));
    if (values.length === 0) return ok(readings[0]!);
    return ok(reading(values.every((v) => v)));
  }

  watchTuples(checks: readonly TupleCheck[]): void {
    this.tupleChecks = checks;
  }

  async tupleCheck(check: string, workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<ContentReport>>> {
    const w = this.workloads.get(workload.id);
    if (!w) return ok({ kind: "no-data", reason: `workload ${workload.id} never started` });
    this.judged.add(workloadSink(workload.id, sink.name));
    await this.settle([w], call.signal);
    const r = this.contents.get(workload.id)?.report(check, sink.name);
    if (!r) return ok({ kind: "no-data", reason: `the check was not known before the run, or ${sink.name} is not a sink of ${sink.app.name} that xdc reads` });
    return ok(reading(r));
  }

  rpo(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, data.rpoMs);
  }

  latencyQuantile(workload: WorkloadRef, sink: EndpointRef, q: number, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, (r) => data.latencyMs(r, q));
  }

  /** Two datacenters active at once, over the role changes the observer inferred until now (src/report/split-brain.ts, as the report reads them from the journal). */
  async splitBrain(app: AppRef): Promise<WorldResult<Reading<number>>> {
    const changes = this.observers.has(app.name) ? this.roleChanges.get(app.name) : undefined;
    if (changes === undefined || changes.length === 0) return ok({ kind: "no-data", reason: `no role of ${app.name} was observed (it was never submitted, or no datacenter answered)` });
    return ok(reading(splitBrainMs(splitBrainSpans(roleSpans(changes, this.d.ctx.clock.now())))));
  }

  async failovers(q: FailoverCount): Promise<WorldResult<Reading<number>>> {
    for (const dc of [q.to, q.from]) if (dc !== undefined && !this.d.env.dcs.some((x) => x.name === dc)) return err(environment(`the environment has no datacenter ${dc}`));
    return ok(countFailovers(this.watched.get(q.app.name), q, this.pollMs));
  }

  /**
   * The role the observer infers now. It starts knowing nothing (`unknown`): a datacenter
   * still unknown while the observer is new (it began less than the grace of five polls
   * before, as when this call started it) is waited for until it is inferred or the grace is over.
   */
  async role(app: AppRef, dc: string, call: WorldCall): Promise<WorldResult<Reading<DcRole>>> {
    if (!this.d.env.dcs.some((x) => x.name === dc)) return err(environment(`the environment has no datacenter ${dc}`));
    const observer = this.observe(app);
    const watched = this.watched.get(app.name);
    if (!observer || !watched) return ok({ kind: "no-data", reason: `${app.name} was never submitted: it has no role to observe` });
    const clock = this.d.ctx.clock;
    const waitMs = watched.sinceMs + unobservedGraceMs(this.pollMs) - clock.now();
    if ((observer.roles()[dc] ?? "unknown") === "unknown" && waitMs > 0) {
      const inferred = new AbortController();
      const off = observer.on((e) => {
        if (e.type === "role-changed" && e.dc === dc) inferred.abort();
      });
      await clock.sleep(waitMs, AbortSignal.any([call.signal, inferred.signal])).catch(() => undefined);
      off();
    }
    return ok(reading(observer.roles()[dc] ?? "unknown"));
  }

  async sent(workload: WorkloadRef): Promise<WorldResult<Reading<number>>> {
    const w = this.workloads.get(workload.id);
    return ok(w ? reading(w.sentSoFar()) : { kind: "no-data", reason: `workload ${workload.id} never started` });
  }

  async throughput(endpoint: EndpointRef, overMs: number, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    const clock = this.d.ctx.clock;
    if (endpoint.direction === "source") {
      const ws = [...this.workloads.values()].filter((w) => w.spec.endpoint.app.name === endpoint.app.name && w.spec.endpoint.name === endpoint.name);
      if (ws.length === 0) return ok({ kind: "no-data", reason: `no workload feeds ${endpoint.name}` });
      const now = clock.now();
      return ok(reading(ws.reduce((s, w) => s + w.acks.rate(now, overMs), 0)));
    }
    const watch = this.watchSink(endpoint.app, endpoint.name);
    this.startSampling();
    const wait = watch.startedAtMs + overMs - clock.now();
    if (wait > 0) await clock.sleep(wait, call.signal).catch(() => undefined);
    return ok(reading(watch.rate(clock.now(), overMs)));
  }

  async metric(target: MetricTarget, name: string, dc: string | undefined, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    const where = dc ?? ("dc" in target && typeof target.dc === "string" ? target.dc : undefined);
    if (where === undefined) return err(environment(`say which datacenter to read ${name} in: on: dc1`));
    const api = this.d.streams[where];
    if (!api) return err(environment(`the environment has no datacenter ${where}`));
    let rest: RestTarget;
    if (target.kind === "host") rest = { kind: "resource", resource: target.name };
    else if (target.kind === "pe") {
      const pe = target.id ? ok(target) : await this.jobs.pe(target.app, target.operator, where, call.signal);
      if (!pe.ok) return pe;
      rest = { kind: "pe", pe: pe.value.id! };
    } else {
      const job = target.kind === "job" ? ok(target) : await this.jobs.job(target, where, call.signal);
      if (!job.ok) return job;
      rest = { kind: "job", job: job.value.id };
    }
    const value = await readStreamsMetric(api, rest, name, { signal: call.signal });
    if (!value.ok) return restGap(where, value.error);
    return ok(value.value === undefined ? { kind: "no-data", reason: `${where} has no metric ${name} there` } : reading(value.value));
  }

  async promql(q: PromQuery, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    const server = this.prometheusFor(q.dc);
    if (!server.ok) return server;
    const { api, dc, url } = server.value;
    const where = `${dc}'s Prometheus (${url})`;
    let read: QueryReading;
    if (q.range) {
      const endMs = wallTime(this.d.ctx.clock);
      const r = await api.queryRange(q.query, { startMs: endMs - q.range.overMs, endMs, stepMs: q.range.stepMs, signal: call.signal });
      if (!r.ok) return err(prometheusError(q.query, where, r.error));
      read = rangeReading(q.query, r.value, q.range.take, `${q.range.overMs / 1000}s`);
    } else {
      const r = await api.query(q.query, { signal: call.signal });
      if (!r.ok) return err(prometheusError(q.query, where, r.error));
      read = instantReading(q.query, r.value);
    }
    switch (read.kind) {
      case "value":
        return ok(reading(read.value));
      case "no-data":
        return ok({ kind: "no-data", reason: `${read.reason} (${where})` });
      case "problem":
        return err(environment(`PromQL at ${where}: ${read.message}`));
    }
  }

  /** The Prometheus server of `dc`, or with no datacenter named, the one server every datacenter that names one names. */
  private prometheusFor(dc: string | undefined): WorldResult<{ api: PrometheusApi; dc: string; url: string }> {
    const named = this.d.env.dcs.filter((d) => d.prometheus !== undefined && this.d.prometheus[d.name] !== undefined);
    if (dc !== undefined) {
      const found = named.find((d) => d.name === dc);
      if (found) return ok({ api: this.d.prometheus[dc]!, dc, url: found.prometheus! });
      if (!this.d.env.dcs.some((d) => d.name === dc)) return err(environment(`the environment has no datacenter ${dc}`));
      return err(environment(`datacenter ${dc} of environment ${this.d.env.name} names no Prometheus server: set its \`prometheus:\` to the server's URL`));
    }
    const urls = [...new Set(named.map((d) => d.prometheus!))];
    if (urls.length === 0) return err(environment(`no datacenter of environment ${this.d.env.name} names a Prometheus server: set \`prometheus:\` to the server's URL`));
    if (urls.length > 1) return err(environment(`the datacenters name different Prometheus servers (${named.map((d) => `${d.name}: ${d.prometheus}`).join(", ")}): say which to ask with \`on:\``));
    const first = named[0]!;
    return ok({ api: this.d.prometheus[first.name]!, dc: first.name, url: first.prometheus! });
  }

  async jmx(r: JmxRead, dc: string, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    const api = this.d.jolokias[dc];
    if (!api) {
      const known = this.d.env.dcs.find((x) => x.name === dc);
      return err(environment(known ? `datacenter ${dc} has no Jolokia agent to read JMX from: set \`jolokia: "http://HOST:8778/jolokia"\` in its \`dc\` block` : `the environment has no datacenter ${dc}`));
    }
    const read = { mbean: r.mbean, attribute: r.attribute, ...(r.path !== "" ? { path: r.path } : {}) };
    const answer = await api.read(read, { signal: call.signal });
    if (!answer.ok) return err(environment(`${dc} Jolokia: ${answer.error.message}`));
    const n = numericValue(answer.value.value);
    return n.ok ? ok(reading(n.value)) : err(environment(`${dc} Jolokia: read of ${describeRead(read)}: ${n.error}`));
  }

  async awaitFailover(r: FailoverRequest, call: WorldCall): Promise<WorldResult<Reading<FailoverValue>>> {
    const observer = this.observe(r.app);
    if (!observer) return ok({ kind: "no-data", reason: `${r.app.name} was never submitted: there is nothing to watch fail over` });
    const e = await observer.awaitFailover({ to: r.to, ...(r.from !== undefined ? { from: r.from } : {}) }, call.signal);
    if (!e) return ok({ kind: "no-data", reason: `no failover of ${r.app.name} to ${r.to} was observed` });
    const flows = (dc: string) => [...this.sinks.values()].flatMap((w) => (r.app.sinks.includes(w.sink) ? [w.flows.get(dc)] : [])).filter((f) => f !== undefined);
    // A standby delivers nothing, so a tuple xdc's own reads found at the survivor's sinks after
    // it was last seen standing by shows it active, even when the observer's rounds in between
    // saw nothing (a flaky API) and it learnt of the takeover a round or two later.
    const sinksSawActive = e.takeoverAfterMs === undefined ? undefined : min(flows(e.to).map((f) => f.firstAtOrAfter(e.takeoverAfterMs! + 1)));
    const takeoverAtMs = min([e.takeoverAtMs, sinksSawActive])!;
    // The observer's poll and xdc's own reads of the sinks: whichever saw the survivor's first tuple first.
    const firstTuple = min([e.firstTupleAtMs, sinksSawActive, ...flows(e.to).map((f) => f.firstAtOrAfter(takeoverAtMs))]);
    const lastBefore = max(flows(e.from).map((f) => f.lastAtOrBefore(takeoverAtMs)));
    const t = failoverTiming({ declaredAtMs: takeoverAtMs, faultTimes: this.faultTimes, ...(lastBefore !== undefined ? { lastTupleBeforeMs: lastBefore } : {}), ...(firstTuple !== undefined ? { firstTupleAtMs: firstTuple } : {}) });
    // `after failover(…)` and `await failover(…)` of the same failover answer it twice: one window.
    if (!this.awaited.some((f) => f.app === r.app.name && f.takeoverAtMs === t.takeoverAtMs)) {
      this.awaited.push({ app: r.app.name, takeoverAtMs: t.takeoverAtMs, span: { startMs: t.startMs, backMs: t.firstTupleAtMs ?? t.takeoverAtMs } });
    }
    return ok(
      reading({
        kind: "failover",
        from: e.from,
        to: e.to,
        detectedAtMs: t.detectedAtMs,
        atMs: t.takeoverAtMs,
        rtoMs: t.rtoMs,
        detectionMs: t.detectionMs,
        startMs: t.startMs,
        ...(t.faultAtMs !== undefined ? { faultAtMs: t.faultAtMs } : {}),
        ...(t.firstTupleAtMs !== undefined ? { firstTupleAtMs: t.firstTupleAtMs } : {}),
        detectedBy: e.signals.join(", "),
      }),
    );
  }

  /** The survivor is where a failover shows (its watchdog, its sinks): what the observer could not see of it. */
  unobserved(r: FailoverRequest, fromMs: number, toMs: number, graceMs: number): readonly Unobserved[] {
    return this.observers.get(r.app.name)?.unobserved(r.to, fromMs, toMs, graceMs) ?? [];
  }

  log(level: "info" | "warn" | "error", message: string): void {
    this.o.onLog?.(level, this.d.ctx.redactor.redact(message));
  }

  /** Live sink throughput for the progress display: tuples/s over the last second, per sink. */
  liveThroughput(): Record<string, number> {
    const now = this.d.ctx.clock.now();
    return Object.fromEntries([...this.sinks.values()].map((w) => [w.sink, w.rate(now, 1000)]));
  }

  /**
   * The data accounts and headline figures of everything injected so far (World.account), once
   * the last tuples accepted have had time to arrive: a workload that just ended (a steady-state
   * probe) must not count its last batch as lost.
   */
  async account(call: WorldCall): Promise<{ readonly data: DataEvent[]; readonly figures: Figures }> {
    await this.settle([...this.workloads.values()], call.signal);
    const accounts = [...this.workloads.values()].flatMap((w) =>
      [...w.trackers].map(([sink, tracker]) => ({ workload: w.spec.id, ...(w.spec.name !== undefined ? { name: w.spec.name } : {}), key: w.spec.key, sink, judged: this.judged.has(workloadSink(w.spec.id, sink)), report: this.report(w, tracker) })),
    );
    return accountsToJournal(accounts);
  }

  /**
   * Samples for the journal every second while data moves: throughput per sink and datacenter,
   * latency quantiles of the last second, and tuples duplicated in it, per sink.
   */
  private startSampling(): void {
    if (this.sampling || !this.o.onEvent) return;
    const emit = this.o.onEvent;
    const clock = this.d.ctx.clock;
    const previous = new Map<string, { latency: LatencySketch; duplicates: number }>();
    this.sampling = (async () => {
      while (!this.stopper.signal.aborted) {
        await clock.sleep(SAMPLE_MS, this.stopper.signal).catch(() => undefined);
        if (this.stopper.signal.aborted) break;
        const now = clock.now();
        for (const watch of this.sinks.values()) {
          for (const [dc, flow] of watch.flows) emit({ kind: "sample", series: "throughput", unit: "tuples/s", value: flow.rate(now, SAMPLE_MS), dc, endpoint: watch.sink });
        }
        for (const w of this.workloads.values()) {
          for (const [sink, tracker] of w.trackers) {
            const k = workloadSink(w.spec.id, sink);
            const r = tracker.report();
            const before = previous.get(k);
            for (const s of latencySamples(sketchSince(r.latency, before?.latency), sink)) emit(s);
            const duplicated = r.duplicates.count - (before?.duplicates ?? 0);
            if (duplicated > 0) emit({ kind: "sample", series: "duplicates", unit: "tuples", value: duplicated, endpoint: sink });
            previous.set(k, { latency: r.latency, duplicates: r.duplicates.count });
          }
        }
      }
    })();
  }

  /** Stops every workload, reader and observer; the drivers are the caller's to close. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await Promise.all([...this.workloads.values()].map((w) => w.done));
    await Promise.all([...this.sinks.values()].map((w) => w.ended()));
    await Promise.all([...this.observers.values()].map((o) => o.stop()));
    await this.sampling;
  }
}

const min = (xs: readonly (number | undefined)[]) => xs.reduce<number | undefined>((m, x) => (x === undefined ? m : m === undefined ? x : Math.min(m, x)), undefined);
const max = (xs: readonly (number | undefined)[]) => xs.reduce<number | undefined>((m, x) => (x === undefined ? m : m === undefined ? x : Math.max(m, x)), undefined);
