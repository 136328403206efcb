import { readStreamsMetric, type MetricTarget as RestTarget } from "../../drivers/prometheus/rest-metrics.js";
import { err, ok } from "../../drivers/result.js";
import type { AppRef, EndpointRef, FailoverValue, HostRef, JobRef, PeRef, WorkloadRef } from "../value.js";
import {
  reading,
  type AppliedFault,
  type FailoverRequest,
  type FaultRequest,
  type MetricTarget,
  type Reading,
  type RevertReport,
  type StartedWorkload,
  type SubmitRequest,
  type World,
  type WorldCall,
  type WorldError,
  type WorldResult,
  type WorkloadSpec,
} from "../world.js";
import * as checks from "./checks.js";
import type { LiveDrivers } from "./drivers.js";
import { ExchangeClient, type EndpointUrls } from "./exchange.js";
import { FAULT_PLANS } from "./fault-plans.js";
import { Jobs, restError } from "./jobs.js";
import { resubmission } from "../resubmit.js";
import { failoverTiming, firstTupleAfter } from "./failover-timing.js";
import { findFailover, statusChange, type StatusChange } from "./observer.js";
import { SinkReader } from "./sinks.js";
import { Workload, type InjectTargets } from "./workload.js";
import type { FaultPlan } from "../../drivers/faults/types.js";
import type { JournalEventBody } from "../journal/events.js";

export interface LiveWorldOptions {
  /** How often sinks and the status streams are read; the observer's resolution. */
  readonly pollMs?: number;
  /** Lines for the console (progress display); the journal is the interpreter's. */
  readonly onLog?: (level: "info" | "warn" | "error", message: string) => void;
  /** Told whenever the faults in force change, for the progress display. */
  readonly onFaults?: (inForce: readonly string[]) => void;
}

/** How long after a workload's last accepted batch its tuples may still be on their way to the sink. */
const SETTLE_MS = 1_000;
const environment = (message: string): WorldError => ({ class: "environment", message });
const key = (app: AppRef, name: string) => `${app.name}\0${name}`;

/**
 * The World of `xdc exec`: every builtin's effect and observation over the real drivers (the
 * REST API per datacenter, SSH through the fault runner and its ledger, Data Exchange), the
 * same against a real deployment and against the twin.
 */
export class LiveWorld implements World {
  private readonly jobs: Jobs;
  private readonly clients: Record<string, ExchangeClient> = {};
  private readonly urls = new Map<string, EndpointUrls>();
  private readonly workloads = new Map<string, Workload>();
  /** Workloads that have stopped sending. */
  private readonly finished = new Set<string>();
  /** Workload and sink pairs a data check read: the figures the summary reports. */
  private readonly judged = new Set<string>();
  private readonly sinks = new Map<string, SinkReader>();
  private readonly status = new Map<string, SinkReader>();
  private readonly plans = new Map<string, FaultPlan>();
  /** How each job was submitted, by application and datacenter: what undoing a `cancel_job` submits again. */
  private readonly submissions = new Map<string, SubmitRequest>();
  /** Applied `cancel_job` faults, by fault id: the submission their revert repeats. */
  private readonly resubmissions = new Map<string, SubmitRequest>();
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
    for (const dc of d.env.dcs) this.clients[dc.name] = new ExchangeClient(dc, d.ctx.clock);
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
      this.submissions.set(key(r.app, r.dc), r);
      if (r.role === "primary") this.order.unshift(r.dc);
      else this.order.push(r.dc);
      this.watchStatus(r.app);
    }
    return job;
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
    return this.jobs.healthy(app, dc, call.signal);
  }

  async applyFault(request: FaultRequest, call: WorldCall): Promise<WorldResult<AppliedFault>> {
    const build = FAULT_PLANS[request.builtin];
    if (!build) return err({ class: "internal", message: `no live effect for the fault ${request.builtin}` });
    const plan = await build({ d: this.d, jobs: this.jobs, id: request.id, args: request.args, signal: call.signal });
    if (!plan.ok) return plan;
    this.faultTimes.push(this.d.ctx.clock.now());
    const applied = await this.d.faults.apply(plan.value);
    this.reportFaults();
    if (!applied.ok) return err({ class: "fault-injection", message: `${applied.error.fault}: ${applied.error.message}` });
    this.plans.set(request.id, plan.value);
    const resubmit = this.rememberResubmission(request);
    const line = (a: FaultPlan["apply"][number]) => (a.via === "ssh" ? `${a.host}: ${a.line}` : `${a.dc} REST: ${a.call.op}`);
    return ok({
      id: request.id,
      builtin: request.builtin,
      summary: plan.value.summary,
      hosts: Object.keys(plan.value.hosts),
      dcs: [...new Set([...Object.keys(plan.value.apis ?? {}), ...this.d.env.dcs.filter((dc) => dc.hosts.some((h) => h.ssh.name in plan.value.hosts)).map((dc) => dc.name)])],
      commands: plan.value.apply.map(line),
      undo: [...plan.value.undo.map(line), ...resubmit],
    });
  }

  async revertFault(fault: AppliedFault, call: WorldCall): Promise<WorldResult<RevertReport>> {
    const plan = this.plans.get(fault.id);
    if (!plan) return ok({ status: "nothing-to-undo", problems: [] });
    const report = await this.d.faults.undo(plan);
    this.plans.delete(fault.id);
    this.reportFaults();
    const problems = [...report.problems, ...report.manual.map((m) => `run by hand: ${m}`)];
    const again = this.resubmissions.get(fault.id);
    if (!again) return ok({ status: report.status, problems });
    this.resubmissions.delete(fault.id);
    const job = await this.jobs.submit(again, call.signal);
    if (!job.ok) return ok({ status: "failed", problems: [...problems, `submitting ${again.app.name} to ${again.dc} again: ${job.error.message}`] });
    return ok({ status: report.status === "failed" ? "failed" : "undone", problems });
  }

  /** A `cancel_job`'s revert submits the job again (resubmit.ts): remember how it was submitted. */
  private rememberResubmission(request: FaultRequest): string[] {
    const again = resubmission(request.builtin, request.args);
    const submitted = again && [...this.submissions.values()].find((r) => r.app.name === again.app && r.dc === again.dc);
    if (!again || !submitted) return [];
    this.resubmissions.set(request.id, submitted);
    return [again.line];
  }

  private reportFaults(): void {
    this.o.onFaults?.(this.d.faults.outstanding().map((p) => p.summary));
  }

  /** The endpoints of the application's job in `dc`, looked up once per job. */
  private async endpoints(app: AppRef, dc: string, signal: AbortSignal): Promise<EndpointUrls | undefined> {
    const job = await this.jobs.job(app, dc, signal);
    if (!job.ok) return undefined;
    const k = `${dc}\0${job.value.id}`;
    const known = this.urls.get(k);
    if (known) return known;
    const found = await this.clients[dc]!.endpoints(job.value.id, signal);
    if (found) this.urls.set(k, found);
    return found;
  }

  private dcsInOrder(): string[] {
    const rest = this.d.env.dcs.map((x) => x.name).filter((n) => !this.order.includes(n));
    return [...new Set([...this.order, ...rest])];
  }

  async inject(spec: WorkloadSpec, call: WorldCall): Promise<WorldResult<StartedWorkload>> {
    if (spec.file !== undefined) return err(environment("inject(file: …) is not supported by the live World yet: generated tuples only"));
    const app = spec.endpoint.app;
    for (const sink of app.sinks) this.startSink({ kind: "endpoint", app, name: sink, direction: "sink" });
    const targets: InjectTargets = async () => {
      const out = [];
      for (const dc of this.dcsInOrder()) {
        const urls = await this.endpoints(app, dc, call.signal);
        const url = urls?.inject[spec.endpoint.name];
        if (!url) continue;
        const client = this.clients[dc]!;
        out.push({
          dc,
          post: async (items: readonly Record<string, unknown>[], signal: AbortSignal) => {
            const a = await client.request(url, signal, { items });
            if (!a.ok) return { ok: false, why: a.message };
            if (a.status === 404) this.urls.clear();
            return { ok: a.status >= 200 && a.status < 300, why: `answered ${a.status}` };
          },
        });
      }
      return out;
    };
    const w = new Workload(spec, targets, this.d.ctx.clock, AbortSignal.any([call.signal, this.stopper.signal]));
    this.workloads.set(spec.id, w);
    void w.done.then(() => this.finished.add(spec.id));
    return ok({ done: w.done });
  }

  private startSink(endpoint: EndpointRef): SinkReader {
    const k = key(endpoint.app, endpoint.name);
    const known = this.sinks.get(k);
    if (known) return known;
    const reader = new SinkReader(endpoint.name, () => this.sources(endpoint.app, (urls) => [urls.inspect[endpoint.name]]), this.d.ctx.clock, this.pollMs);
    this.sinks.set(k, reader);
    return reader;
  }

  /** Inspect URLs of the application in every datacenter that runs it, chosen by `pick`. */
  private async sources(app: AppRef, pick: (urls: EndpointUrls) => (string | undefined)[]) {
    const out: { dc: string; client: ExchangeClient; url: string | undefined }[] = [];
    for (const dc of this.d.env.dcs) {
      const urls = await this.endpoints(app, dc.name, this.stopper.signal);
      if (urls) for (const url of pick(urls)) out.push({ dc: dc.name, client: this.clients[dc.name]!, url });
    }
    return out;
  }

  /** The application's other sinks: where it forwards the toolkit's remote-status stream. */
  private watchStatus(app: AppRef): void {
    if (this.status.has(app.name)) return;
    const pick = (urls: EndpointUrls) => Object.entries(urls.inspect).filter(([name]) => !app.sinks.includes(name)).map(([, url]) => url);
    this.status.set(app.name, new SinkReader("status", () => this.sources(app, pick), this.d.ctx.clock, this.pollMs));
  }

  private statusChanges(app: AppRef): StatusChange[] {
    const reader = this.status.get(app.name);
    if (!reader) return [];
    return reader.arrivals.flatMap((a) => statusChange(a.dc, a.tuple, this.d.ctx.clock, a.atMs) ?? []);
  }

  async collect(endpoint: EndpointRef): Promise<WorldResult<void>> {
    this.startSink(endpoint);
    return ok(undefined);
  }

  /**
   * A data reading, once the sink's reader has had time to read what the workload's last
   * accepted tuples became (processing latency plus a few reads): a check right after the
   * workload ends must not count its last batch as lost.
   */
  private async reading<T>(workload: WorkloadRef, sink: EndpointRef, signal: AbortSignal, judge: (w: Workload, arrivals: ReturnType<SinkReader["arrivals"]["slice"]>) => Reading<T>): Promise<WorldResult<Reading<T>>> {
    const w = this.workloads.get(workload.id);
    if (!w) return ok({ kind: "no-data", reason: `workload ${workload.id} never started` });
    this.judged.add(`${workload.id}\0${sink.name}`);
    const reader = this.sinks.get(key(sink.app, sink.name));
    if (!reader) return ok({ kind: "no-data", reason: `nothing read the sink ${sink.name}` });
    const clock = this.d.ctx.clock;
    const settle = (w.acks[w.acks.length - 1] ?? 0) + SETTLE_MS + 3 * this.pollMs - clock.now();
    if (settle > 0) await clock.sleep(settle, signal).catch(() => undefined);
    return ok(judge(w, reader.arrivals));
  }

  lost(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, checks.lostPercent);
  }

  duplicates(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, checks.duplicateCount);
  }

  async ordered(sink: EndpointRef, by: string): Promise<WorldResult<Reading<boolean>>> {
    const reader = this.sinks.get(key(sink.app, sink.name));
    if (!reader) return ok({ kind: "no-data", reason: `nothing read the sink ${sink.name}` });
    return ok(checks.ordered(reader.arrivals, by));
  }

  rpo(workload: WorkloadRef, sink: EndpointRef, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, checks.rpoMs);
  }

  latencyQuantile(workload: WorkloadRef, sink: EndpointRef, q: number, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    return this.reading(workload, sink, call.signal, (w, a) => checks.latencyQuantile(w, a, q));
  }

  async sent(workload: WorkloadRef): Promise<WorldResult<Reading<number>>> {
    const w = this.workloads.get(workload.id);
    return ok(w ? reading(w.sentAtMs.length) : { kind: "no-data", reason: `workload ${workload.id} never started` });
  }

  async throughput(endpoint: EndpointRef, overMs: number, call: WorldCall): Promise<WorldResult<Reading<number>>> {
    const clock = this.d.ctx.clock;
    if (endpoint.direction === "source") {
      const ws = [...this.workloads.values()].filter((w) => w.spec.endpoint.app.name === endpoint.app.name && w.spec.endpoint.name === endpoint.name);
      if (ws.length === 0) return ok({ kind: "no-data", reason: `no workload feeds ${endpoint.name}` });
      const now = clock.now();
      return ok(reading(ws.reduce((s, w) => s + w.rate(now, overMs), 0)));
    }
    const reader = this.startSink(endpoint);
    const wait = reader.startedAtMs + overMs - clock.now();
    if (wait > 0) await clock.sleep(wait, call.signal).catch(() => undefined);
    return ok(reading(reader.rate(clock.now(), overMs)));
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
    if (!value.ok) return err(restError(where, value.error));
    return ok(value.value === undefined ? { kind: "no-data", reason: `${where} has no metric ${name} there` } : reading(value.value));
  }

  async awaitFailover(r: FailoverRequest, call: WorldCall): Promise<WorldResult<Reading<FailoverValue>>> {
    const clock = this.d.ctx.clock;
    this.watchStatus(r.app);
    while (!call.signal.aborted) {
      const change = findFailover(this.statusChanges(r.app), r.to, r.from);
      if (change) {
        await this.firstTupleFrom(r.app, r.to, change.atMs, call.signal);
        const t = failoverTiming({ declaredAtMs: change.atMs, from: change.remote, to: r.to, faultTimes: this.faultTimes, arrivals: this.dataArrivals(r.app) });
        return ok(
          reading({
            kind: "failover",
            from: change.remote,
            to: r.to,
            detectedAtMs: t.detectedAtMs,
            atMs: t.takeoverAtMs,
            rtoMs: t.rtoMs,
            detectionMs: t.detectionMs,
            startMs: t.startMs,
            ...(t.faultAtMs !== undefined ? { faultAtMs: t.faultAtMs } : {}),
            ...(t.firstTupleAtMs !== undefined ? { firstTupleAtMs: t.firstTupleAtMs } : {}),
            detectedBy: `${r.to}'s toolkit reported ${change.remote} down on the application's status stream`,
          }),
        );
      }
      await clock.sleep(this.pollMs, call.signal).catch(() => undefined);
    }
    return ok({ kind: "no-data", reason: `no failover of ${r.app.name} to ${r.to} was observed` });
  }

  /** Every tuple read so far at the application's data sinks, in every datacenter. */
  private dataArrivals(app: AppRef) {
    return app.sinks.flatMap((s) => this.sinks.get(key(app, s))?.arrivals ?? []);
  }

  /**
   * Waits until the survivor's first tuple after the takeover has been read, while a workload
   * of the application is still sending (or its last tuples may still be on their way): the
   * end of the RTO. With nothing being sent there is no such tuple to wait for.
   */
  private async firstTupleFrom(app: AppRef, to: string, takeoverAtMs: number, signal: AbortSignal): Promise<void> {
    const clock = this.d.ctx.clock;
    const feeding = () => [...this.workloads.values()].some((w) => w.spec.endpoint.app.name === app.name && !this.finished.has(w.spec.id));
    while (!signal.aborted && firstTupleAfter(this.dataArrivals(app), to, takeoverAtMs) === undefined) {
      if (!feeding() && clock.now() > takeoverAtMs + SETTLE_MS) return;
      await clock.sleep(this.pollMs, signal).catch(() => undefined);
    }
  }

  log(level: "info" | "warn" | "error", message: string): void {
    this.o.onLog?.(level, this.d.ctx.redactor.redact(message));
  }

  /** Live sink throughput for the progress display: tuples/s over the last second, per sink. */
  liveThroughput(): Record<string, number> {
    const now = this.d.ctx.clock.now();
    return Object.fromEntries([...this.sinks.values()].map((r) => [r.sink, r.rate(now, 1000)]));
  }

  accounts(): Extract<JournalEventBody, { kind: "data" }>[] {
    const out: Extract<JournalEventBody, { kind: "data" }>[] = [];
    for (const w of this.workloads.values()) {
      for (const sink of w.spec.endpoint.app.sinks) {
        const reader = this.sinks.get(key(w.spec.endpoint.app, sink));
        if (!reader) continue;
        const a = checks.account(w, reader.arrivals);
        const rpo = checks.rpoMs(w, reader.arrivals);
        out.push({
          kind: "data",
          workload: w.spec.id,
          key: w.spec.key,
          judged: this.judged.has(`${w.spec.id}\0${sink}`),
          sink,
          sent: w.sentAtMs.length,
          acked: a.accepted,
          received: a.received,
          lost: a.lost.length,
          lostRanges: ranges(a.lost).map(([from, to]) => ({ stream: "", from, to, sentFromMs: w.sentAtMs[from]!, sentToMs: w.sentAtMs[to]! })),
          duplicates: a.duplicates,
          outOfOrder: 0,
          ...(rpo.kind === "value" ? { rpoMs: rpo.value } : {}),
        });
      }
    }
    return out;
  }

  /** Stops every workload and reader; the drivers are the caller's to close. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await Promise.all([...this.workloads.values()].map((w) => w.done));
    await Promise.all([...this.sinks.values(), ...this.status.values()].map((r) => r.stop()));
  }
}

/** Sorted numbers as runs of consecutive ones: [1,2,3,7] → [[1,3],[7,7]]. */
function ranges(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}
