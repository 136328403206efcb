/**
 * The Streams resources xdc reads (reference §1.2), typed. Enumerations are normalised to
 * lower camel case (the casing of PE statuses is not documented); a value xdc does not know
 * becomes `unknown`. Each element keeps the links it came with: the client follows them and
 * builds no path of its own.
 */
export const HEALTH = ["healthy", "partiallyHealthy", "partiallyUnhealthy", "unhealthy", "unknown"] as const;
export const INSTANCE_STATUS = ["running", "failed", "stopped", "partiallyFailed", "partiallyRunning", "starting", "stopping", "unknown"] as const;
export const JOB_STATUS = ["running", "canceling", "canceled", "constructed", "failed", "unknown"] as const;
export const PE_STATUS = ["constructed", "starting", "running", "restarting", "stopping", "stopped", "unknown"] as const;
export const RESOURCE_STATUS = ["running", "failed", "quiesced", "unknown"] as const;
export const METRIC_KIND = ["counter", "gauge", "time", "unknown"] as const;
export const METRIC_TYPE = ["system", "custom", "unknown"] as const;

export type Health = (typeof HEALTH)[number];
export type InstanceStatus = (typeof INSTANCE_STATUS)[number];
export type JobStatus = (typeof JOB_STATUS)[number];
export type PeStatus = (typeof PE_STATUS)[number];
export type ResourceStatus = (typeof RESOURCE_STATUS)[number];
export type MetricKind = (typeof METRIC_KIND)[number];
export type MetricType = (typeof METRIC_TYPE)[number];

/** Absolute URLs of related resources, by the name of the field that held them. */
export type Links<K extends string> = Readonly<Partial<Record<K, string>>>;

export interface Instance {
  readonly id: string;
  readonly self: string;
  readonly status: InstanceStatus;
  readonly health: Health;
  readonly owner?: string;
  /** epoch ms */
  readonly startTime?: number;
  readonly productVersion?: string;
  readonly links: Links<"jobs" | "pes" | "operators" | "resources" | "hosts" | "applicationBundles" | "applicationConfigurations" | "jobSubmissions">;
}

export interface SubmitParameter {
  readonly name: string;
  readonly value: string;
}

export interface Job {
  readonly id: string;
  readonly self: string;
  readonly name: string;
  readonly applicationName?: string;
  readonly status: JobStatus;
  readonly health: Health;
  readonly startedBy?: string;
  /** epoch ms */
  readonly submitTime?: number;
  /** a name (4.x) or a URL (5.x) */
  readonly jobGroup?: string;
  readonly generationId?: string;
  readonly submitParameters: readonly SubmitParameter[];
  readonly links: Links<"instance" | "pes" | "operators">;
}

export interface Pe {
  readonly id: string;
  readonly self: string;
  readonly status: PeStatus;
  /** why it is in that status: `crashed`, `hostFailure`, `requested`, … (lower camel case) */
  readonly statusReason?: string;
  readonly health: Health;
  readonly launchCount: number;
  readonly indexWithinJob?: number;
  readonly processId?: string;
  readonly ipAddress?: string;
  readonly links: Links<"job" | "resource" | "metrics" | "operators">;
}

export interface Operator {
  readonly name: string;
  readonly self: string;
  /** `spl.endpoint::EndpointSource`, … */
  readonly kind: string;
  readonly logicalName?: string;
  readonly indexWithinJob?: number;
  readonly links: Links<"job" | "pe" | "metrics">;
}

/** A host of the instance (`resource` in 5.x and later, `host` in 4.x). */
export interface Resource {
  readonly id: string;
  readonly self: string;
  readonly displayName?: string;
  readonly ipAddress?: string;
  readonly status: ResourceStatus;
  readonly tags: readonly string[];
  readonly links: Links<"metrics">;
}

export interface Metric {
  readonly name: string;
  readonly value: number;
  readonly kind: MetricKind;
  readonly type: MetricType;
  /** epoch ms */
  readonly lastTimeRetrieved?: number;
}

export interface AppConfiguration {
  readonly name: string;
  readonly self: string;
  readonly description?: string;
  readonly properties: Readonly<Record<string, string>>;
}

/** Anything with a `metrics` link: PEs, operators, resources (and their ports). */
export interface MetricOwner {
  readonly self: string;
  readonly links: Links<"metrics">;
}
