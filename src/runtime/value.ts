import type { RateShape } from "../data/rates.js";
import type { QuantityUnit, Value } from "../language/values.js";

/**
 * What an expression evaluates to while a scenario runs: the checker's known values
 * (quantities, strings, lists, records, datacenters, hosts, secrets) plus the entities only a
 * run creates. Units as in language/values.ts: durations in ms, rates per second, percentages
 * as written (0.1% is 0.1), sizes in bytes. `unknown` stands for what only a live system
 * knows (`xdc plan` evaluates on without it); it spreads through arithmetic and comparisons.
 */
export type RuntimeValue =
  | Value
  | AppRef
  | EndpointRef
  | JobRef
  | PeRef
  | HostRef
  | WorkloadRef
  | RateShapeValue
  | FaultRef
  | FailoverValue
  | EventValue
  | SeriesRef
  /** A point in time: ms on the run's clock since the scenario started. */
  | { readonly kind: "time"; readonly ms: number }
  | { readonly kind: "nothing" }
  /**
   * Not known: only the live system knows it (`xdc plan`), or a reading had no data
   * (`noData`: an expectation over it is no-data, never pass).
   */
  | { readonly kind: "unknown"; readonly why: string; readonly noData?: true };

/** A datacenter, as the language names it. */
export type DcRef = Extract<Value, { kind: "ref" }> & { readonly what: "dc" };

/** `application(name, bundle:, sources:, sinks:)`. */
export interface AppRef {
  readonly kind: "app";
  readonly name: string;
  /** The bundle as written in the scenario (plans and messages show this). */
  readonly bundle: string;
  /** The bundle resolved against the scenario file's directory (what a live run uploads). */
  readonly bundlePath: string;
  readonly sources: readonly string[];
  readonly sinks: readonly string[];
}

/** `app.Ingest`: an EndpointSource (`source`) or EndpointSink (`sink`) operator of an application. */
export interface EndpointRef {
  readonly kind: "endpoint";
  readonly app: AppRef;
  readonly name: string;
  readonly direction: "source" | "sink";
}

export interface JobRef {
  readonly kind: "job";
  readonly app: AppRef;
  readonly dc: string;
  /** The Streams job id, as the REST API gives it. */
  readonly id: string;
}

export interface PeRef {
  readonly kind: "pe";
  readonly app: AppRef;
  readonly operator: string;
  readonly dc: string;
  /** The Streams PE id, when the world has looked it up. */
  readonly id?: string;
}

/** A host: from `host(…)`, an environment file, or `hosts(dc)` (then `dc` is set). */
export interface HostRef {
  readonly kind: "host";
  readonly name: string;
  readonly address?: string;
  readonly ssh?: string;
  readonly hostKey?: string;
  readonly dc?: string;
}

/** A running or finished `inject`. */
export interface WorkloadRef {
  readonly kind: "workload";
  /** Unique within the run (`w1`); the journal's `data` events name it. */
  readonly id: string;
  /** The `let` it was bound to (`load`), which reports name it by. */
  readonly name?: string;
  readonly endpoint: EndpointRef;
  /** The mean rate it plans (its rate, when constant): `load.rate`. */
  readonly ratePerSecond: number;
  /** How its rate changes, when it is not constant. */
  readonly shape?: RateShape;
  readonly durationMs: number;
  readonly key: string;
  /** When it started, ms on the run's clock. */
  readonly startedAtMs: number;
}

/** `ramp(…)`, `steps(…)`, `bursts(…)`, `replayed(…)`: how a workload's rate changes, for `inject(…, rate:)`. */
export interface RateShapeValue {
  readonly kind: "rate-shape";
  readonly shape: RateShape;
}

/** A fault the scenario applied (builtin or user-defined); the interpreter keeps its state. */
export interface FaultRef {
  readonly kind: "fault";
  /** Unique within the run (`f3`). */
  readonly id: string;
  /** The builtin or user definition called: `partition`, `flap`. */
  readonly name: string;
}

/** What `await failover(…)` binds: fields `rto`, `at`, `detected_at`, `from`, `to`, `detected_by`. */
export interface FailoverValue {
  readonly kind: "failover";
  readonly from: string;
  readonly to: string;
  /** Ms on the run's clock: when the old side was seen failing, and when the survivor took over. */
  readonly detectedAtMs: number;
  readonly atMs: number;
  /**
   * From the start (the fault that caused it, else the last tuple before the outage) to the
   * survivor's first tuple after the takeover (to the takeover when nothing was being sent).
   */
  readonly rtoMs: number;
  /** From the start to the survivor declaring the peer down (docs/language.md, "Failover figures"). */
  readonly detectionMs?: number;
  /** What the figures count from, when the fault that caused it was applied, and the survivor's first tuple. */
  readonly startMs?: number;
  readonly faultAtMs?: number;
  readonly firstTupleAtMs?: number;
  /** The signals the observer inferred it from, joined: `"heartbeat lost, role file"`. */
  readonly detectedBy: string;
}

/** `failover(app, to:, from:)`: an event that `await` and `after` wait for. */
export interface EventValue {
  readonly kind: "event";
  readonly event: { readonly kind: "failover"; readonly app: AppRef; readonly to: string; readonly from?: string };
}

/** `let cpu = sample …`: a series the run samples; its samples live in the run's SeriesBook. */
export interface SeriesRef {
  readonly kind: "series";
  /** Unique within the run (`s1`). */
  readonly id: string;
  /** The name it was declared with: the journal and the report call it this. */
  readonly name: string;
  readonly unit: QuantityUnit;
}

