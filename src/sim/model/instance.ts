import { createHash } from "node:crypto";
import { readBundle } from "../bundle/bundle.js";
import { AppConfigStore } from "./app-configs.js";
import { buildJob, cpuMs } from "./build-job.js";
import { realClock, type Timers } from "./clock.js";
import { appendLog, type JobRecord, type PeRecord } from "./entities.js";
import { badInput, conflict, notFound, type ModelError } from "./errors.js";
import { Emitter } from "./events.js";
import { instanceHealth, instanceStatus } from "./health.js";
import { HostRecord } from "./host.js";
import { isPortMetric, type MetricHandle } from "./metrics.js";
import { readOverlay } from "./overlay.js";
import { randomHex, randomInt } from "./random.js";
import { err, ok, type Result } from "./result.js";
import { SubmissionLog } from "./submissions.js";
import type {
  CrashReason,
  Health,
  Host,
  HostSpec,
  HostStatus,
  InstanceStatus,
  Job,
  Operator,
  Pe,
  StoredBundle,
  Submission,
  SubmitParameter,
  View,
} from "./types.js";

export interface InstanceOptions {
  /** the instance id, which is the datacenter's name (`dc1`) */
  readonly id: string;
  /** the datacenter's hosts; PEs are placed on them round robin */
  readonly hosts: readonly HostSpec[];
  /** epoch milliseconds */
  readonly now: () => number;
  /** where delayed work (restarts, submissions) is scheduled; default: node timers */
  readonly timers?: Timers;
  /** seeded random source: pids, generation ids, metric wobble */
  readonly random: () => number;
  readonly owner?: string;
  /** how long a crashed (or restarted) PE stays `restarting` before it runs again; default 1000 */
  readonly restartDelayMs?: number;
  /** how long a new PE stays `starting`; default 0 (running at once) */
  readonly startDelayMs?: number;
  /** how long an asynchronous job submission takes; default 0 */
  readonly submissionDelayMs?: number;
  /** the first pid; default drawn from `random` in [10000, 30000) */
  readonly pidStart?: number;
  readonly productVersion?: string;
}

/** What to submit: a bundle already uploaded, with the caller's overlay and parameters. */
export interface SubmitRequest {
  readonly bundleId: string;
  readonly startedBy: string;
  /** `jobConfigurationOverlay` as the client sent it (reference §1.5) */
  readonly overlay?: unknown;
  /** submission-time parameters; they win over the overlay's */
  readonly parameters?: Readonly<Record<string, string>>;
  /** win over the overlay's jobName / jobGroup */
  readonly jobName?: string;
  readonly jobGroup?: string;
}

/** A checked submission: what `submitJob` would create (`preview: true` answers with it). */
export interface JobPlan {
  readonly bundle: StoredBundle;
  readonly name: string | undefined;
  readonly jobGroup: string;
  readonly tracing: string;
  readonly submitParameters: readonly SubmitParameter[];
  readonly overlay: unknown;
  readonly startedBy: string;
}

/** Addresses a port: a number is an input port if the metric is an input-port metric, else an output port. */
export type PortRef = number | { readonly input: number } | { readonly output: number };

interface Stamp {
  readonly instance: string;
  readonly time: number;
}

export interface InstanceEvents {
  "bundle-uploaded": Stamp & { readonly bundleId: string; readonly application: string };
  "job-submitted": Stamp & { readonly job: Job };
  "job-updated": Stamp & { readonly job: Job };
  /** the job and its PEs are gone; `pids` are the processes that ended with it */
  "job-canceled": Stamp & { readonly job: Job; readonly pids: readonly number[] };
  /** a PE process started (first launch or restart) */
  "pe-launched": Stamp & { readonly pe: Pe; readonly pid: number; readonly hostId: string; readonly launchCount: number };
  "pe-crashed": Stamp & { readonly pe: Pe; readonly reason: CrashReason; readonly pid: number | undefined; readonly hostId: string; readonly detail?: string };
  /** stopped on request; `restarting` when a restart follows */
  "pe-stopped": Stamp & { readonly pe: Pe; readonly pid: number | undefined; readonly restarting: boolean };
  "pe-restarted": Stamp & { readonly pe: Pe; readonly pid: number; readonly previousPid: number | undefined; readonly launchCount: number; readonly hostId: string };
  "pe-suspended": Stamp & { readonly pe: Pe; readonly pid: number };
  "pe-resumed": Stamp & { readonly pe: Pe; readonly pid: number };
  "host-status-changed": Stamp & { readonly host: Host; readonly status: HostStatus; readonly previous: HostStatus };
  "instance-stopped": Stamp;
  "instance-started": Stamp;
  "submission-changed": Stamp & { readonly submission: Submission };
}

export const PRODUCT_VERSION = "7.2.0.0";
const DEFAULT_RESTART_DELAY_MS = 1000;

/**
 * One datacenter's Streams instance: hosts, bundles, jobs, PEs, operators, metrics, and the
 * lifecycle Streams gives them (a crashed PE restarts with a new pid and a higher launch
 * count). No I/O: time comes from `now`, delays from `timers`, chance from `random`. Every
 * change bumps `revision` (so the REST server can cache renderings) and emits an event
 * (so the runtime can forward it to ground truth). See README.md in this folder.
 */
export class StreamsInstance {
  readonly id: string;
  readonly owner: string;
  readonly productVersion: string;
  readonly now: () => number;
  readonly appConfigurations: AppConfigStore;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly restartDelayMs: number;
  private readonly startDelayMs: number;
  private readonly hostList: HostRecord[];
  private readonly bundleMap = new Map<string, StoredBundle>();
  private readonly jobMap = new Map<string, JobRecord>();
  private readonly peMap = new Map<string, PeRecord>();
  private readonly groups = new Set<string>(["default"]);
  private readonly submissionLog: SubmissionLog;
  private readonly events = new Emitter<InstanceEvents>();
  private started = true;
  private startedAt: number;
  private rev = 0;
  private nextJobId = 1;
  private nextPeId = 1;
  private nextPid: number;
  private placement = 0;

  constructor(options: InstanceOptions) {
    if (options.hosts.length === 0) throw new Error(`instance ${options.id} needs at least one host`);
    this.id = options.id;
    this.owner = options.owner ?? "streamsadmin";
    this.productVersion = options.productVersion ?? PRODUCT_VERSION;
    this.now = options.now;
    this.timers = options.timers ?? realClock();
    this.random = options.random;
    this.restartDelayMs = options.restartDelayMs ?? DEFAULT_RESTART_DELAY_MS;
    this.startDelayMs = options.startDelayMs ?? 0;
    this.nextPid = options.pidStart ?? randomInt(this.random, 10_000, 30_000);
    this.startedAt = this.now();
    this.hostList = options.hosts.map((spec) => new HostRecord(spec, () => this.pesOnHost(spec.id) as PeRecord[]));
    this.appConfigurations = new AppConfigStore(this.now, () => this.touch());
    this.submissionLog = new SubmissionLog(this.timers, options.submissionDelayMs ?? 0, this.now, (req) => this.submitJob(req), (submission) => {
      this.touch();
      this.emit("submission-changed", { submission });
    });
  }

  // ---- reading -------------------------------------------------------------------------

  /** Grows with every change that a REST rendering could show (not with metric values). */
  get revision(): number {
    return this.rev;
  }

  get status(): InstanceStatus {
    return instanceStatus(this.started, this.hostList.map((h) => h.status));
  }

  get health(): Health {
    return instanceHealth(this.status, this.jobs().map((j) => j.health), this.hostList.map((h) => h.status));
  }

  get startTime(): number {
    return this.startedAt;
  }

  hosts(): readonly Host[] {
    return this.hostList;
  }

  host(id: string): Host | undefined {
    return this.hostList.find((h) => h.id === id);
  }

  bundles(): readonly StoredBundle[] {
    return [...this.bundleMap.values()];
  }

  bundle(id: string): StoredBundle | undefined {
    return this.bundleMap.get(id);
  }

  /** Jobs in order of submission. */
  jobs(): readonly Job[] {
    return [...this.jobMap.values()];
  }

  /** Every view of every job, in job order. */
  views(): readonly View[] {
    return this.jobs().flatMap((j) => j.views);
  }

  job(id: string): Job | undefined {
    return this.jobMap.get(id);
  }

  /** Every PE of every job, in order of creation. */
  pes(): readonly Pe[] {
    return [...this.peMap.values()];
  }

  pe(id: string): Pe | undefined {
    return this.peMap.get(id);
  }

  /** Every operator of every job. */
  operators(): readonly Operator[] {
    return this.jobs().flatMap((j) => j.operators);
  }

  peByPid(pid: number): Pe | undefined {
    for (const pe of this.peMap.values()) if (pe.pid === pid) return pe;
    return undefined;
  }

  pesOnHost(hostId: string): readonly Pe[] {
    return [...this.peMap.values()].filter((pe) => pe.hostId === hostId);
  }

  /** "default" and every group a job was submitted to. */
  jobGroups(): readonly string[] {
    return [...this.groups];
  }

  submissions(): readonly Submission[] {
    return this.submissionLog.list();
  }

  submission(id: string): Submission | undefined {
    return this.submissionLog.get(id);
  }

  /**
   * The handle of an operator's metric (custom, or a port's system metric). Without `port` a
   * port metric means port 0 of the direction that has it; `undefined` when there is none.
   */
  metric(jobId: string, operatorName: string, metricName: string, port?: PortRef): MetricHandle | undefined {
    const op = this.jobMap.get(jobId)?.operators.find((o) => o.name === operatorName);
    if (!op) return undefined;
    if (port === undefined) {
      const own = op.metrics.get(metricName);
      if (own?.type === "custom") return own;
      port = isPortMetric("input", metricName) ? { input: 0 } : { output: 0 };
    }
    const ref = typeof port === "number" ? (isPortMetric("input", metricName) ? { input: port } : { output: port }) : port;
    const target = "input" in ref ? op.inputPorts[ref.input] : op.outputPorts[ref.output];
    return target?.metrics.get(metricName);
  }

  /** A PE's metric handle: `nCpuMilliseconds` (add CPU used by processing), `nMemoryConsumption`, … */
  peMetric(peId: string, metricName: string): MetricHandle | undefined {
    return this.peMap.get(peId)?.metrics.get(metricName);
  }

  on<K extends keyof InstanceEvents>(event: K, listener: (e: InstanceEvents[K]) => void): () => void {
    return this.events.on(event, listener);
  }

  // ---- bundles and jobs ----------------------------------------------------------------

  /** Stores a bundle. The id is derived from the bytes: uploading the same bundle twice is harmless. */
  uploadBundle(bytes: Uint8Array): Result<{ bundleId: string }, ModelError> {
    const read = readBundle(bytes);
    if (!read.ok) return err(badInput("applicationBundle", read.error.message));
    const bundleId = createHash("sha256").update(bytes).digest("hex").slice(0, 24);
    if (!this.bundleMap.has(bundleId)) {
      this.bundleMap.set(bundleId, { bundleId, manifest: read.value.manifest, bytes: bytes.byteLength, uploadTime: this.now() });
      this.touch();
      this.emit("bundle-uploaded", { bundleId, application: read.value.manifest.application });
    }
    return ok({ bundleId });
  }

  /** Checks a submission without creating anything. */
  planJob(req: SubmitRequest): Result<JobPlan, ModelError> {
    if (!this.started) return err(conflict(`the instance ${this.id} is stopped; start it before submitting jobs`));
    const bundle = this.bundleMap.get(req.bundleId);
    if (!bundle) return err(badInput("application", `no application bundle with id ${req.bundleId} was uploaded to instance ${this.id}`));
    const overlay = readOverlay(req.overlay);
    if (!overlay.ok) return err(badInput(overlay.error.field, overlay.error.message));
    const given = new Map([...overlay.value.submissionParameters, ...Object.entries(req.parameters ?? {})]);
    const declared = bundle.manifest.submissionParameters;
    for (const name of given.keys()) {
      if (!declared.some((p) => p.name === name)) {
        const known = declared.length === 0 ? "it declares none" : `it declares ${declared.map((p) => p.name).join(", ")}`;
        return err(badInput(`submissionParameters.${name}`, `the application ${bundle.manifest.application} has no submission parameter \`${name}\`; ${known}`));
      }
    }
    const submitParameters: SubmitParameter[] = [];
    for (const p of declared) {
      const value = given.get(p.name) ?? p.default;
      if (value === undefined) return err(badInput(`submissionParameters.${p.name}`, `the parameter has no default and was not given`));
      submitParameters.push({ name: p.name, value });
    }
    const name = req.jobName ?? overlay.value.jobName;
    if (name !== undefined && [...this.jobMap.values()].some((j) => j.name === name)) {
      return err(conflict(`a job named ${name} exists already in instance ${this.id}; job names are unique`));
    }
    if (!this.hostList.some((h) => h.status === "running")) return err(conflict(`no host of instance ${this.id} is running`));
    return ok({
      bundle,
      name,
      jobGroup: req.jobGroup ?? overlay.value.jobGroup ?? "default",
      tracing: overlay.value.tracing ?? "error",
      submitParameters,
      overlay: req.overlay,
      startedBy: req.startedBy,
    });
  }

  /** Creates a job; its PEs start at once (or after `startDelayMs`). */
  submitJob(req: SubmitRequest): Result<Job, ModelError> {
    const plan = this.planJob(req);
    if (!plan.ok) return plan;
    const id = String(this.nextJobId++);
    const time = this.now();
    const job = buildJob(
      {
        id,
        name: plan.value.name ?? `${plan.value.bundle.manifest.application}_${id}`,
        bundleId: plan.value.bundle.bundleId,
        startedBy: plan.value.startedBy,
        submitTime: time,
        jobGroup: plan.value.jobGroup,
        generationId: randomHex(this.random, 16),
        submitParameters: plan.value.submitParameters,
        overlay: plan.value.overlay,
        tracing: plan.value.tracing,
      },
      plan.value.bundle.manifest,
      { now: this.now, random: this.random, nextPeId: () => String(this.nextPeId++), placePe: () => this.nextHost()!.id },
    );
    this.jobMap.set(id, job);
    this.groups.add(job.jobGroup);
    for (const pe of job.pes) this.peMap.set(pe.id, pe);
    appendLog(job.log, time, `INFO job ${id} (${job.name}) submitted by ${job.startedBy}: ${job.applicationName} ${job.applicationVersion}, ${job.pes.length} PEs`);
    this.touch();
    this.emit("job-submitted", { job });
    for (const pe of job.pes) this.startPe(pe);
    return ok(job);
  }

  /** Cancels a job: it and its PEs disappear (a GET then answers 404). */
  cancelJob(id: string): Result<Job, ModelError> {
    const job = this.jobMap.get(id);
    if (!job) return err(notFound("job", id));
    const pids: number[] = [];
    for (const pe of job.pes) {
      if (pe.pid !== undefined) pids.push(pe.pid);
      this.endProcess(pe);
      pe.status = "stopped";
      pe.statusReason = "requested";
      this.peMap.delete(pe.id);
    }
    job.status = "canceled";
    this.jobMap.delete(id);
    appendLog(job.log, this.now(), `INFO job ${id} canceled`);
    this.touch();
    this.emit("job-canceled", { job, pids });
    return ok(job);
  }

  /** A live update (`PATCH {job}`): keeps the new overlay and applies its tracing level. */
  updateJob(id: string, overlay: unknown): Result<Job, ModelError> {
    const job = this.jobMap.get(id);
    if (!job) return err(notFound("job", id));
    const read = readOverlay(overlay);
    if (!read.ok) return err(badInput(read.error.field, read.error.message));
    job.jobConfigurationOverlay = overlay;
    if (read.value.tracing) job.tracing = read.value.tracing;
    appendLog(job.log, this.now(), `INFO job ${id} configuration overlay updated`);
    this.touch();
    this.emit("job-updated", { job });
    return ok(job);
  }

  /** The asynchronous submission of newer clients: created now, processed after `submissionDelayMs`. */
  createSubmission(req: SubmitRequest): Submission {
    const submission = this.submissionLog.create(req);
    this.touch();
    this.emit("submission-changed", { submission });
    return submission;
  }

  // ---- PE lifecycle --------------------------------------------------------------------

  /** The PE's process died (kill -9, a fault): `restarting`, then running again after the restart delay. */
  crashPe(peId: string, reason: CrashReason = "crashed", detail?: string): Result<Pe, ModelError> {
    const pe = this.peMap.get(peId);
    if (!pe) return err(notFound("pe", peId));
    if (pe.status !== "running" && pe.status !== "starting") return err(conflict(`PE ${peId} is ${pe.status}; only a running PE can crash`));
    const pid = pe.pid;
    this.endProcess(pe);
    pe.status = "restarting";
    pe.statusReason = reason;
    // The PEs sending to it see their connections break.
    for (const c of pe.connections) if (c.to.pe === pe) c.from.metrics.get("nBrokenConnections")!.add(1);
    appendLog(pe.log, this.now(), `ERROR PE ${pe.id} process ${pid ?? "-"} ended: ${reason}${detail ? ` (${detail})` : ""}`);
    appendLog(pe.job.log, this.now(), `ERROR PE ${pe.id} ${reason}${detail ? ` (${detail})` : ""}; restarting`);
    this.touch();
    this.emit("pe-crashed", { pe, reason, pid, hostId: pe.hostId, ...(detail === undefined ? {} : { detail }) });
    this.scheduleRelaunch(pe, this.restartDelayMs);
    return ok(pe);
  }

  /** `streamtool stoppe`: the PE stays `stopped` until `restartPe`. */
  stopPe(peId: string): Result<Pe, ModelError> {
    const pe = this.peMap.get(peId);
    if (!pe) return err(notFound("pe", peId));
    if (pe.status === "stopped") return ok(pe);
    const pid = pe.pid;
    this.endProcess(pe);
    pe.status = "stopped";
    pe.statusReason = "requested";
    appendLog(pe.log, this.now(), `INFO PE ${pe.id} stopped on request`);
    appendLog(pe.job.log, this.now(), `INFO PE ${pe.id} stopped on request`);
    this.touch();
    this.emit("pe-stopped", { pe, pid, restarting: false });
    return ok(pe);
  }

  /** `streamtool restartpe`: a running PE's process is ended; stopped or running, it runs again after the restart delay. */
  restartPe(peId: string): Result<Pe, ModelError> {
    const pe = this.peMap.get(peId);
    if (!pe) return err(notFound("pe", peId));
    if (pe.status === "restarting") return ok(pe);
    const wasStopped = pe.status === "stopped";
    const pid = pe.pid;
    this.endProcess(pe);
    pe.status = "restarting";
    pe.statusReason = "requested";
    appendLog(pe.job.log, this.now(), `INFO PE ${pe.id} restart requested`);
    this.touch();
    if (!wasStopped) this.emit("pe-stopped", { pe, pid, restarting: true });
    this.scheduleRelaunch(pe, this.restartDelayMs);
    return ok(pe);
  }

  /** SIGSTOP: the process exists and Streams still calls it running, but it does no work. */
  suspendPe(peId: string): Result<Pe, ModelError> {
    return this.setSuspended(peId, true);
  }

  /** SIGCONT after SIGSTOP. */
  resumePe(peId: string): Result<Pe, ModelError> {
    return this.setSuspended(peId, false);
  }

  // ---- instance and hosts --------------------------------------------------------------

  /** `streamtool stopinstance --force`: every job is canceled; the instance answers as stopped. */
  stopInstance(): void {
    if (!this.started) return;
    for (const id of [...this.jobMap.keys()]) this.cancelJob(id);
    this.started = false;
    this.touch();
    this.emit("instance-stopped", {});
  }

  startInstance(): void {
    if (this.started) return;
    this.started = true;
    this.startedAt = this.now();
    this.touch();
    this.emit("instance-started", {});
  }

  /**
   * A failed host takes its PEs down (reason `hostFailure`); they restart on another running
   * host. A quiesced host keeps its PEs but gets no new ones. When a host runs again, PEs that
   * found no host start on it.
   */
  setHostStatus(hostId: string, status: HostStatus): Result<Host, ModelError> {
    const host = this.hostList.find((h) => h.id === hostId);
    if (!host) return err(notFound("resource", hostId));
    const previous = host.status;
    if (previous === status) return ok(host);
    host.status = status;
    this.touch();
    this.emit("host-status-changed", { host, status, previous });
    if (status === "failed") {
      for (const pe of this.pesOnHost(hostId) as PeRecord[]) {
        if (pe.status === "running" || pe.status === "starting") this.crashPe(pe.id, "hostFailure", `host ${hostId} failed`);
      }
    }
    if (status === "running") {
      for (const pe of this.peMap.values()) if (pe.waitingForHost) this.launch(pe);
    }
    return ok(host);
  }

  /** Cancels every pending timer (restarts, submissions): for shutting a datacenter down. */
  dispose(): void {
    for (const pe of this.peMap.values()) {
      pe.timer?.();
      pe.timer = undefined;
    }
    this.submissionLog.dispose();
  }

  // ---- internals -----------------------------------------------------------------------

  private startPe(pe: PeRecord): void {
    if (this.startDelayMs <= 0) {
      this.launch(pe);
      return;
    }
    pe.status = "starting";
    this.scheduleRelaunch(pe, this.startDelayMs);
  }

  private scheduleRelaunch(pe: PeRecord, delayMs: number): void {
    pe.timer?.();
    pe.timer = this.timers.setTimer(delayMs, () => {
      pe.timer = undefined;
      if (this.peMap.get(pe.id) === pe) this.launch(pe);
    });
  }

  /** Starts a process for the PE on its host, or on the next running host if its own is down. */
  private launch(pe: PeRecord): void {
    const current = this.hostList.find((h) => h.id === pe.hostId);
    const host = current?.status === "running" || current?.status === "quiesced" ? current : this.nextHost();
    if (!host) {
      pe.waitingForHost = true;
      return;
    }
    const restart = pe.launchCount > 0;
    const previousPid = pe.previousPid;
    const time = this.now();
    pe.waitingForHost = false;
    pe.hostId = host.id;
    if (restart) resetMetrics(pe);
    pe.pid = this.nextPid++;
    pe.launchCount += 1;
    pe.launchTime = time;
    pe.status = "running";
    pe.statusReason = "none";
    pe.suspended = false;
    pe.cpu.foldedMs = 0;
    pe.cpu.since = time;
    appendLog(pe.log, time, `INFO PE ${pe.id} launched on ${host.id} (${host.ipAddress}) with pid ${pe.pid}, launch ${pe.launchCount}`);
    appendLog(pe.job.log, time, `INFO PE ${pe.id} running on ${host.id} with pid ${pe.pid}, launch ${pe.launchCount}`);
    this.touch();
    this.emit("pe-launched", { pe, pid: pe.pid, hostId: host.id, launchCount: pe.launchCount });
    if (restart) this.emit("pe-restarted", { pe, pid: pe.pid, previousPid, launchCount: pe.launchCount, hostId: host.id });
  }

  /** The PE's process is gone: CPU time is kept (the metric reads it until the next launch). */
  private endProcess(pe: PeRecord): void {
    pe.timer?.();
    pe.timer = undefined;
    pe.waitingForHost = false;
    pe.cpu.foldedMs = cpuMs(pe.cpu, this.now());
    pe.cpu.since = undefined;
    if (pe.pid !== undefined) pe.previousPid = pe.pid;
    pe.pid = undefined;
    pe.launchTime = undefined;
    pe.suspended = false;
  }

  private setSuspended(peId: string, suspended: boolean): Result<Pe, ModelError> {
    const pe = this.peMap.get(peId);
    if (!pe) return err(notFound("pe", peId));
    if (pe.pid === undefined) return err(conflict(`PE ${peId} has no process`));
    if (pe.suspended === suspended) return ok(pe);
    const time = this.now();
    if (suspended) {
      pe.cpu.foldedMs = cpuMs(pe.cpu, time);
      pe.cpu.since = undefined;
    } else {
      pe.cpu.since = time;
    }
    pe.suspended = suspended;
    appendLog(pe.log, time, `INFO PE ${pe.id} process ${pe.pid} ${suspended ? "stopped (SIGSTOP)" : "continued (SIGCONT)"}`);
    this.emit(suspended ? "pe-suspended" : "pe-resumed", { pe, pid: pe.pid });
    return ok(pe);
  }

  /** Round robin over the hosts that take new PEs (running, not quiesced). */
  private nextHost(): HostRecord | undefined {
    const candidates = this.hostList.filter((h) => h.status === "running");
    if (candidates.length === 0) return undefined;
    return candidates[this.placement++ % candidates.length];
  }

  private touch(): void {
    this.rev++;
  }

  private emit<K extends keyof InstanceEvents>(event: K, payload: Omit<InstanceEvents[K], keyof Stamp>): void {
    this.events.emit(event, { instance: this.id, time: this.now(), ...payload } as InstanceEvents[K]);
  }
}

function resetMetrics(pe: PeRecord): void {
  pe.metrics.reset();
  for (const op of pe.operators) {
    op.metrics.reset();
    for (const port of [...op.inputPorts, ...op.outputPorts]) port.metrics.reset();
  }
  for (const port of [...pe.inputPorts, ...pe.outputPorts]) port.metrics.reset();
}
