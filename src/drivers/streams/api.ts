import type { HttpError } from "../http/errors.js";
import type { Result } from "../result.js";
import type { AppConfiguration, Instance, Job, Metric, MetricOwner, Operator, Pe, Resource } from "./models.js";

/** Every failure of a Streams call: classified, with method, path and Streams' message id. */
export type StreamsError = HttpError;
export type StreamsResult<T> = Promise<Result<T, StreamsError>>;

export interface CallOptions {
  /** Cancels the call (and any wait before a retry). */
  readonly signal?: AbortSignal;
}

/** A job by id, or the job itself (its links save a lookup). */
export type JobRef = string | Job;
/** A PE by id, or the PE itself. */
export type PeRef = string | Pe;

/** One stanza of a job configuration overlay (reference §1.5), as Streams reads it. */
export interface JobConfigOverlay {
  readonly jobConfig?: Readonly<Record<string, unknown>>;
  readonly deploymentConfig?: Readonly<Record<string, unknown>>;
  readonly [section: string]: unknown;
}

export interface SubmitJobRequest {
  /** What an upload answered. */
  readonly bundleId: string;
  /**
   * The job's name, required: it is how a submission that failed ambiguously (a reset or a
   * timeout after the server may have acted) finds the job it may have created, instead of
   * creating a second one.
   */
  readonly jobName: string;
  readonly jobGroup?: string;
  /** Submission-time parameters; they win over the overlay's `submissionParameters`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Anything else of the overlay (`deploymentConfig`, `jobConfig.tracing`, …). */
  readonly overlay?: JobConfigOverlay;
}

/**
 * What the runtime needs from one datacenter's Streams instance, through its REST Management
 * API. Every call answers a value: the model, or a classified StreamsError. Reads and
 * idempotent changes are retried; a submission is never repeated blindly.
 */
export interface StreamsApi {
  /** The instance, read fresh (status and health move). */
  instance(o?: CallOptions): StreamsResult<Instance>;
  jobs(o?: CallOptions): StreamsResult<readonly Job[]>;
  job(id: string, o?: CallOptions): StreamsResult<Job>;
  /** The job with this name, or undefined when there is none. */
  findJob(name: string, o?: CallOptions): StreamsResult<Job | undefined>;
  /** The PEs of a job, or of the whole instance without one. */
  pes(job?: JobRef, o?: CallOptions): StreamsResult<readonly Pe[]>;
  pe(id: string, o?: CallOptions): StreamsResult<Pe>;
  operators(job: JobRef, o?: CallOptions): StreamsResult<readonly Operator[]>;
  /** The PE an operator runs in. */
  peOf(operator: Operator, o?: CallOptions): StreamsResult<Pe>;
  /** The instance's hosts. */
  resources(o?: CallOptions): StreamsResult<readonly Resource[]>;
  metrics(owner: MetricOwner, o?: CallOptions): StreamsResult<readonly Metric[]>;
  /** One metric by name, or undefined when the owner has none of that name. */
  metric(owner: MetricOwner, name: string, o?: CallOptions): StreamsResult<Metric | undefined>;

  uploadBundle(bytes: Uint8Array, o?: CallOptions): StreamsResult<{ readonly bundleId: string }>;
  submitJob(request: SubmitJobRequest, o?: CallOptions): StreamsResult<Job>;
  cancelJob(job: JobRef, o?: CallOptions): StreamsResult<void>;
  stopPe(pe: PeRef, o?: CallOptions): StreamsResult<Pe>;
  restartPe(pe: PeRef, o?: CallOptions): StreamsResult<Pe>;
  stopInstance(o?: CallOptions): StreamsResult<Instance>;
  startInstance(o?: CallOptions): StreamsResult<Instance>;

  appConfigurations(o?: CallOptions): StreamsResult<readonly AppConfiguration[]>;
  appConfiguration(name: string, o?: CallOptions): StreamsResult<AppConfiguration | undefined>;
  /** Creates it, or merges these properties into it (a property set to null is removed). */
  putAppConfiguration(name: string, properties: Readonly<Record<string, string | null>>, o?: CallOptions & { readonly description?: string }): StreamsResult<AppConfiguration>;
  deleteAppConfiguration(name: string, o?: CallOptions): StreamsResult<void>;

  /** Drops kept-alive connections; the client is not used afterwards. */
  close(): void;
}
