import type { HttpError } from "../http/errors.js";
import type { Result } from "../result.js";
import type { Job, Operator, StreamsApi } from "../streams/index.js";
import type { DcReading } from "./reading.js";

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

/** Failures that mean the REST API could not be reached at all (as opposed to answering badly). */
const UNREACHABLE: ReadonlySet<string> = new Set(["network", "timeout", "cancelled"]);

/** The toolkit's operators by the end of their name or kind (`CrossDCFailover.…`, `com.teracloud.streams.crossdcfailover::…`). */
const WATCHDOG = "RemoteDataCenterHeartbeatWatchdog";
const HEARTBEAT_RECEIVER = "CrossDataCenterReceiverForHB";
const endsWith = (op: Operator, name: string) => op.name === name || op.name.endsWith(`.${name}`) || op.kind.endsWith(`::${name}`);

/**
 * Reads one datacenter per poll: the job (one request for the job list), the toolkit's two
 * counters (two metric requests; the operator list is read once per job id), and the sinks.
 * It never throws: what failed is in the reading.
 */
export class DcProbe {
  private toolkit: { jobId: string; watchdog?: Operator; receiver?: Operator } | undefined;

  constructor(
    readonly dc: ObservedDc,
    private readonly roleParameter: string,
  ) {}

  async read(signal: AbortSignal): Promise<DcReading> {
    const o = { signal };
    const [found, sinkTuples] = await Promise.all([this.dc.api.findJob(this.dc.jobName, o), this.sinkTuples(signal)]);
    if (!found.ok) return this.failed(found.error, sinkTuples);
    const job = found.value;
    if (!job) return { reachable: true, ...(sinkTuples !== undefined ? { sinkTuples } : {}) };
    const ops = await this.operators(job, signal);
    if (!ops.ok) return this.failed(ops.error, sinkTuples);
    const [watchdog, heartbeats] = await Promise.all([this.counter(ops.value.watchdog, signal), this.counter(ops.value.receiver, signal)]);
    const role = job.submitParameters.find((p) => p.name === this.roleParameter)?.value;
    return {
      reachable: true,
      job: { id: job.id, status: job.status, health: job.health, ...(role !== undefined ? { roleParameter: role } : {}) },
      ...(watchdog !== undefined ? { watchdogChanges: watchdog } : {}),
      ...(heartbeats !== undefined ? { heartbeatsReceived: heartbeats } : {}),
      ...(sinkTuples !== undefined ? { sinkTuples } : {}),
    };
  }

  private failed(e: HttpError, sinkTuples: number | undefined): DcReading {
    if (UNREACHABLE.has(e.kind)) return { reachable: false, unreachableKind: e.kind };
    return { reachable: true, problem: e.message, ...(sinkTuples !== undefined ? { sinkTuples } : {}) };
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

  /** An operator's `nTuplesSubmitted`, or undefined when it has none or the read failed (a restarting PE). */
  private async counter(op: Operator | undefined, signal: AbortSignal): Promise<number | undefined> {
    if (!op) return undefined;
    const m = await this.dc.api.metric(op, "nTuplesSubmitted", { signal });
    return m.ok && m.value ? m.value.value : undefined;
  }

  /** Tuples that reached the sinks since the last poll (missed ones arrived too), or undefined when no sink could be read. */
  private async sinkTuples(signal: AbortSignal): Promise<number | undefined> {
    if (!this.dc.sinks || this.dc.sinks.length === 0) return undefined;
    const pages = await Promise.all(this.dc.sinks.map((s) => s.read(signal)));
    const read = pages.flatMap((p) => (p.ok ? [p.value.items.length + p.value.missed] : []));
    return read.length === 0 ? undefined : read.reduce((a, b) => a + b, 0);
  }
}
