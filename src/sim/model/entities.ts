import type { AppManifest } from "../bundle/manifest.js";
import type { Cancel } from "./clock.js";
import { connectionsState, peHealth, rollUp } from "./health.js";
import type { MetricSet } from "./metrics.js";
import type {
  ConnectionState,
  Health,
  Job,
  JobStatus,
  Operator,
  OperatorConnection,
  OperatorPort,
  Pe,
  PeConnection,
  PePort,
  PeStatus,
  PeStatusReason,
  PortDirection,
  SubmitParameter,
  View,
} from "./types.js";

/**
 * The model's mutable records behind the read-only interfaces of types.ts. Only the instance
 * (instance.ts) and the job builder (build-job.ts) change them; everyone else holds the
 * interfaces.
 */
const LOG_LINES = 1000;

export function appendLog(log: string[], time: number, line: string): void {
  log.push(`${new Date(time).toISOString()} ${line}`);
  if (log.length > LOG_LINES) log.splice(0, log.length - LOG_LINES);
}

export class JobRecord implements Job {
  status: JobStatus = "running";
  jobConfigurationOverlay: unknown;
  tracing: string;
  pes: PeRecord[] = [];
  operators: OperatorRecord[] = [];
  connections: OperatorConnectionRecord[] = [];
  peConnections: PeConnectionRecord[] = [];
  views: View[] = [];
  readonly log: string[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly manifest: AppManifest,
    readonly bundleId: string,
    readonly startedBy: string,
    readonly submitTime: number,
    readonly jobGroup: string,
    readonly generationId: string,
    readonly submitParameters: readonly SubmitParameter[],
    overlay: unknown,
    tracing: string,
  ) {
    this.jobConfigurationOverlay = overlay;
    this.tracing = tracing;
  }

  get applicationName(): string {
    return this.manifest.application;
  }

  get applicationVersion(): string {
    return this.manifest.version;
  }

  get health(): Health {
    return rollUp(this.pes.map((pe) => pe.health));
  }

  parameter = (name: string): string | undefined => this.submitParameters.find((p) => p.name === name)?.value;
}

/** CPU time of a PE's process: accrues at `share` of a core while it runs and is not suspended. */
export interface CpuAccount {
  foldedMs: number;
  since: number | undefined;
  readonly share: number;
}

export class PeRecord implements Pe {
  status: PeStatus = "constructed";
  statusReason: PeStatusReason = "none";
  launchCount = 0;
  pid: number | undefined = undefined;
  /** the pid of the last process, for the `pe-restarted` event */
  previousPid: number | undefined = undefined;
  suspended = false;
  launchTime: number | undefined = undefined;
  operators: OperatorRecord[] = [];
  inputPorts: PePortRecord[] = [];
  outputPorts: PePortRecord[] = [];
  /** every PE connection into or out of this PE */
  connections: PeConnectionRecord[] = [];
  readonly log: string[] = [];
  /** the pending launch or restart */
  timer: Cancel | undefined = undefined;
  /** no running host could take it; it launches when one comes back */
  waitingForHost = false;
  metrics!: MetricSet;

  constructor(
    readonly id: string,
    readonly job: JobRecord,
    readonly indexWithinJob: number,
    public hostId: string,
    readonly cpu: CpuAccount,
    readonly memoryBaseKb: number,
    readonly memoryPhase: number,
  ) {}

  get health(): Health {
    return peHealth(this.status, this.requiredConnections);
  }

  get requiredConnections(): ConnectionState {
    return connectionsState(this.connections.map((c) => c.up));
  }

  get processId(): string | undefined {
    return this.pid === undefined ? undefined : String(this.pid);
  }

  get running(): boolean {
    return this.status === "running";
  }
}

export class OperatorRecord implements Operator {
  inputPorts: OperatorPortRecord[] = [];
  outputPorts: OperatorPortRecord[] = [];
  metrics!: MetricSet;

  constructor(
    readonly name: string,
    readonly kind: string,
    readonly indexWithinJob: number,
    readonly job: JobRecord,
    readonly pe: PeRecord,
    readonly params: Operator["params"],
  ) {}

  get logicalName(): string {
    return this.name;
  }
}

export class OperatorPortRecord implements OperatorPort {
  connections: OperatorConnectionRecord[] = [];
  metrics!: MetricSet;

  constructor(
    readonly direction: PortDirection,
    readonly index: number,
    readonly operator: OperatorRecord,
  ) {}

  get name(): string {
    return `${this.operator.name}.${this.direction === "input" ? "in" : "out"}${this.index}`;
  }
}

export class OperatorConnectionRecord implements OperatorConnection {
  peConnection: PeConnectionRecord | undefined = undefined;

  constructor(
    readonly from: OperatorPortRecord,
    readonly to: OperatorPortRecord,
  ) {}

  get id(): string {
    return `${this.from.operator.name}.o${this.from.index}-${this.to.operator.name}.i${this.to.index}`;
  }
}

export class PePortRecord implements PePort {
  connections: PeConnectionRecord[] = [];
  metrics!: MetricSet;

  constructor(
    readonly direction: PortDirection,
    readonly index: number,
    readonly pe: PeRecord,
    readonly operatorPort: OperatorPortRecord,
  ) {}
}

export class PeConnectionRecord implements PeConnection {
  metrics!: MetricSet;

  constructor(
    readonly from: PePortRecord,
    readonly to: PePortRecord,
  ) {}

  get id(): string {
    return `${this.from.pe.id}o${this.from.index}-${this.to.pe.id}i${this.to.index}`;
  }

  /** Both processes exist and run: Streams has (re)connected them. */
  get up(): boolean {
    return this.from.pe.running && this.to.pe.running;
  }

  get state(): ConnectionState {
    return this.up ? "connected" : "disconnected";
  }
}
