import type { HttpError } from "../http/errors.js";
import type { Result } from "../result.js";
import type { Job, Operator, StreamsApi } from "../streams/index.js";
import type { Clock } from "../../runtime/clock.js";
import type { DcReading } from "./reading.js";
import { Slot } from "./slot.js";

/** Something that says what arrived at a sink since it was last asked: the Exchange's SinkCursor is one. */
export interface FlowProbe {
  read(signal?: AbortSignal): Promise<Result<{ readonly items: readonly unknown[]; readonly missed: number }, HttpError>>;
}

/** One datacenter as the observer sees it: its REST API, the application's job in it, and optionally its data sinks. */
export interface ObservedDc {
  readonly name: string;
  readonly api: StreamsApi;
  /** The name of the application's job in this datacenter. */
  readonly jobName: string;
  /** The job's data sinks (not the status sinks): tuples there mean the DC is active. */
  readonly sinks?: readonly FlowProbe[];
}

/** Failures in which the REST API gave no answer at all (as opposed to answering badly). */
const UNANSWERED: ReadonlySet<string> = new Set(["network", "timeout", "cancelled"]);

/** The toolkit's operators by the end of their name or kind (`CrossDCFailover.…`, `com.teracloud.streams.crossdcfailover::…`). */
const WATCHDOG = "RemoteDataCenterHeartbeatWatchdog";
const HEARTBEAT_RECEIVER = "CrossDataCenterReceiverForHB";
const endsWith = (op: Operator, name: string) => op.name === name || op.name.endsWith(`.${name}`) || op.kind.endsWith(`::${name}`);

/** What one REST reading saw: the DcReading's REST part, with when it was sent. */
type RestPart = Omit<DcReading, "sinkTuples" | "pending">;

export interface ProbeTiming {
  readonly clock: Clock;
  /** A reading's requests are cancelled after this long: the DC gave no answer. */
  readonly callTimeoutMs: number;
  /** Aborts every read when the observer stops. */
  readonly stopping: AbortSignal;
}

/**
 * Reads one datacenter per round: the job (one request for the job list), the toolkit's two
 * counters (two metric requests; the operator list is read once per job id), and the sinks.
 * The REST part and the sinks are read apart (slot.ts), so a slow REST API never holds back the
 * sinks, nor the other datacenter. It never throws: what failed is in the reading.
 */
export class DcProbe {
  private toolkit: { jobId: string; watchdog?: Operator; receiver?: Operator } | undefined;
  private readonly rest = new Slot<RestPart>();
  private readonly sinks = new Slot<number | undefined>();

  constructor(
    readonly dc: ObservedDc,
    private readonly roleParameter: string,
    private readonly t: ProbeTiming,
  ) {}

  /** What finished before `patience` settled; a read still going is taken by a later round. */
  async read(patience: Promise<void>): Promise<DcReading> {
    const [rest, sinkTuples] = await Promise.all([
      this.rest.take(() => this.bounded((signal) => this.readRest(signal)), patience),
      this.dc.sinks && this.dc.sinks.length > 0 ? this.sinks.take(() => this.bounded((signal) => this.sinkTuples(signal)), patience) : undefined,
    ]);
    const sinks = sinkTuples !== undefined ? { sinkTuples } : {};
    return rest ? { ...rest, ...sinks } : { reachable: true, pending: true, ...sinks };
  }

  /** Settles when no read is on its way any more (after the observer stopped, they are cancelled). */
  async settled(): Promise<void> {
    await Promise.all([this.rest.settled(), this.sinks.settled()]);
  }

  /** Runs `read` under a deadline of `callTimeoutMs` and the observer's stop. */
  private async bounded<T>(read: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const done = new AbortController();
    this.t.clock.sleep(this.t.callTimeoutMs, AbortSignal.any([done.signal, this.t.stopping])).then(
      () => deadline.abort(),
      () => undefined,
    );
    try {
      return await read(AbortSignal.any([deadline.signal, this.t.stopping]));
    } finally {
      done.abort();
    }
  }

  private async readRest(signal: AbortSignal): Promise<RestPart> {
    const sentAtMs = this.t.clock.now();
    const o = { signal };
    const found = await this.dc.api.findJob(this.dc.jobName, o);
    if (!found.ok) return { ...failed(found.error), sentAtMs };
    const job = found.value;
    if (!job) return { reachable: true, sentAtMs };
    const ops = await this.operators(job, signal);
    if (!ops.ok) return { ...failed(ops.error), sentAtMs };
    const [watchdog, heartbeats] = await Promise.all([this.counter(ops.value.watchdog, signal), this.counter(ops.value.receiver, signal)]);
    const role = job.submitParameters.find((p) => p.name === this.roleParameter)?.value;
    const gaps = [watchdog.failed, heartbeats.failed].filter((g): g is string => g !== undefined);
    return {
      reachable: true,
      sentAtMs,
      job: { id: job.id, status: job.status, health: job.health, ...(role !== undefined ? { roleParameter: role } : {}) },
      ...(watchdog.value !== undefined ? { watchdogChanges: watchdog.value } : {}),
      ...(heartbeats.value !== undefined ? { heartbeatsReceived: heartbeats.value } : {}),
      ...(gaps.length > 0 ? { gap: gaps.join("; ") } : {}),
    };
  }

  private async operators(job: Job, signal: AbortSignal): Promise<Result<{ watchdog?: Operator; receiver?: Operator }, HttpError>> {
    if (this.toolkit?.jobId === job.id) return { ok: true, value: this.toolkit };
    const ops = await this.dc.api.operators(job, { signal });
    if (!ops.ok) return ops;
    const watchdog = ops.value.find((op) => endsWith(op, WATCHDOG));
    const receiver = ops.value.find((op) => endsWith(op, HEARTBEAT_RECEIVER));
    this.toolkit = { jobId: job.id, ...(watchdog ? { watchdog } : {}), ...(receiver ? { receiver } : {}) };
    return { ok: true, value: this.toolkit };
  }

  /** An operator's `nTuplesSubmitted`; none when it has no such metric (a restarting PE), or why it could not be read. */
  private async counter(op: Operator | undefined, signal: AbortSignal): Promise<{ value?: number; failed?: string }> {
    if (!op) return {};
    const m = await this.dc.api.metric(op, "nTuplesSubmitted", { signal });
    if (!m.ok) return { failed: m.error.message };
    return m.value ? { value: m.value.value } : {};
  }

  /** Tuples that reached the sinks since the last read (missed ones arrived too), or undefined when no sink could be read. */
  private async sinkTuples(signal: AbortSignal): Promise<number | undefined> {
    const pages = await Promise.all((this.dc.sinks ?? []).map((s) => s.read(signal)));
    const read = pages.flatMap((p) => (p.ok ? [p.value.items.length + p.value.missed] : []));
    return read.length === 0 ? undefined : read.reduce((a, b) => a + b, 0);
  }
}

/** A failed REST call as a reading: no answer at all, or an answer that says nothing about the role. */
function failed(e: HttpError): RestPart {
  if (UNANSWERED.has(e.kind)) return { reachable: false, unreachableKind: e.kind, problem: e.message };
  return { reachable: true, problem: e.message };
}
