import type { AppManifest, ViewSpec } from "../bundle/manifest.js";
import type { MetricSet } from "./metrics.js";

/**
 * The read-only view of one datacenter's Streams instance that the REST server, the Prometheus
 * exposition and the twin's runtime see. Values follow the Streams REST API's vocabulary
 * (reference §1.2); lower camel case for every enumeration.
 */
export type InstanceStatus = "running" | "stopped" | "failed" | "partiallyFailed" | "starting" | "stopping" | "unknown";
export type Health = "healthy" | "partiallyHealthy" | "partiallyUnhealthy" | "unhealthy" | "unknown";
export type JobStatus = "running" | "canceling" | "canceled" | "failed" | "constructed" | "unknown";
export type PeStatus = "constructed" | "starting" | "running" | "restarting" | "stopping" | "stopped" | "unknown";
/** Why a PE is in its status: `crashed` (its process died), `hostFailure`, `requested` (stop/restart by a user). */
export type PeStatusReason = "none" | "crashed" | "failed" | "hostFailure" | "requested";
export type CrashReason = "crashed" | "failed" | "hostFailure";
export type HostStatus = "running" | "failed" | "quiesced" | "unknown";
export type ConnectionState = "connected" | "partiallyConnected" | "disconnected" | "unknown";

export interface HostSpec {
  readonly id: string;
  readonly displayName?: string;
  readonly ipAddress: string;
  readonly tags?: readonly string[];
  readonly cores?: number;
}

export interface Host {
  readonly id: string;
  readonly displayName: string;
  readonly ipAddress: string;
  readonly status: HostStatus;
  readonly tags: readonly string[];
  readonly cores: number;
  readonly metrics: MetricSet;
}

export interface StoredBundle {
  readonly bundleId: string;
  readonly manifest: AppManifest;
  readonly bytes: number;
  readonly uploadTime: number;
}

export interface SubmitParameter {
  readonly name: string;
  readonly value: string;
}

export interface Job {
  /** numeric string, from "1" */
  readonly id: string;
  readonly name: string;
  /** `namespace::Main` */
  readonly applicationName: string;
  readonly applicationVersion: string;
  readonly bundleId: string;
  readonly status: JobStatus;
  readonly health: Health;
  readonly startedBy: string;
  /** epoch ms */
  readonly submitTime: number;
  readonly jobGroup: string;
  readonly generationId: string;
  /** every declared parameter, the manifest's default where none was given */
  readonly submitParameters: readonly SubmitParameter[];
  /** as submitted, then as replaced by PATCH */
  readonly jobConfigurationOverlay: unknown;
  readonly tracing: string;
  readonly manifest: AppManifest;
  readonly pes: readonly Pe[];
  readonly operators: readonly Operator[];
  readonly connections: readonly OperatorConnection[];
  readonly peConnections: readonly PeConnection[];
  /** the views its application declares */
  readonly views: readonly View[];
  /** what happened to the job, oldest first: the twin's application log trace */
  readonly log: readonly string[];
  readonly parameter: (name: string) => string | undefined;
}

export interface Pe {
  /** numeric string, instance-wide, from "1" */
  readonly id: string;
  readonly job: Job;
  readonly indexWithinJob: number;
  readonly status: PeStatus;
  readonly statusReason: PeStatusReason;
  readonly health: Health;
  /** 1 after the first launch, one more per restart */
  readonly launchCount: number;
  /** the process id while a process exists (starting/running), else undefined */
  readonly pid: number | undefined;
  /** `pid` as the REST API shows it: a string */
  readonly processId: string | undefined;
  readonly hostId: string;
  /** stopped by SIGSTOP: still `running` to Streams, but doing no work */
  readonly suspended: boolean;
  /** epoch ms of the current process's launch, undefined without a process */
  readonly launchTime: number | undefined;
  readonly requiredConnections: ConnectionState;
  readonly operators: readonly Operator[];
  readonly inputPorts: readonly PePort[];
  readonly outputPorts: readonly PePort[];
  /** every PE connection into or out of this PE */
  readonly connections: readonly PeConnection[];
  readonly metrics: MetricSet;
  readonly log: readonly string[];
}

export interface Operator {
  readonly name: string;
  readonly kind: string;
  readonly logicalName: string;
  readonly indexWithinJob: number;
  readonly job: Job;
  readonly pe: Pe;
  readonly params: AppManifest["pes"][number]["operators"][number]["params"];
  readonly inputPorts: readonly OperatorPort[];
  readonly outputPorts: readonly OperatorPort[];
  /** custom metrics and, summed over its ports, the ports' system metrics */
  readonly metrics: MetricSet;
}

export type PortDirection = "input" | "output";

export interface OperatorPort {
  readonly direction: PortDirection;
  readonly index: number;
  /** the stream's name: `Operator.out0` for an output port, `Operator.in0` for an input port */
  readonly name: string;
  readonly operator: Operator;
  readonly metrics: MetricSet;
  readonly connections: readonly OperatorConnection[];
}

export interface OperatorConnection {
  readonly id: string;
  readonly from: OperatorPort;
  readonly to: OperatorPort;
  /** whether it crosses PEs (then a PE connection carries it) */
  readonly peConnection: PeConnection | undefined;
}

/** A PE's port: an operator port whose stream crosses into or out of the PE. */
export interface PePort {
  readonly direction: PortDirection;
  readonly index: number;
  readonly pe: Pe;
  readonly operatorPort: OperatorPort;
  readonly metrics: MetricSet;
  readonly connections: readonly PeConnection[];
}

export interface PeConnection {
  /** `<pe>o<port>-<pe>i<port>`, as Streams names them */
  readonly id: string;
  readonly from: PePort;
  readonly to: PePort;
  readonly state: ConnectionState;
  readonly metrics: MetricSet;
}

export type SubmissionStatus = "submission.submitted" | "submission.processingJob" | "submission.complete" | "submission.failedProcessingJob" | "job.submitFailed";

export interface Submission {
  readonly id: string;
  readonly status: SubmissionStatus;
  readonly submitTime: number;
  readonly startedBy: string;
  readonly jobId: string | undefined;
  readonly failureReason: string | undefined;
  /** plain-text log lines, as `GET …/logmessages` answers them */
  readonly log: readonly string[];
}

export interface AppConfiguration {
  readonly name: string;
  readonly description: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly owner: string;
  readonly creationTime: number;
  readonly lastModifiedTime: number;
}

/** A view on a job's stream (src/sim/model/views.ts). */
export interface View {
  /** `<job id>-<view name>`: unique in the instance */
  readonly id: string;
  readonly spec: ViewSpec;
  readonly job: Job;
  /** whether it is buffering tuples */
  readonly active: boolean;
  activate(now: number): void;
  offer(tuples: readonly unknown[], now: number): void;
  items(now: number): readonly ViewItem[];
}

export interface ViewItem {
  /** epoch ms when the view collected the tuple */
  readonly collectionTime: number;
  /** the tuple's values of the view's attributes */
  readonly data: Readonly<Record<string, unknown>>;
}
