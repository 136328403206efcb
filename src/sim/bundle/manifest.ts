/**
 * The application manifest a twin bundle carries at `META-INF/xdc-app.json`: what a real `.sab`
 * says in its ADL, reduced to what the twin needs (operators per PE, the streams between them,
 * the Cross-DC Failover toolkit's parameters, the processing rate, submission parameters and
 * custom metrics). The format is documented in docs/twin-rest.md.
 */
export interface AppManifest {
  /** `namespace::MainComposite`, as Streams names an application. */
  readonly application: string;
  readonly name: string;
  readonly version: string;
  /** Processing elements; `index` runs 0, 1, 2, … in order. */
  readonly pes: readonly PeSpec[];
  /** Streams between operator ports; an input port may have several, an output port fans out. */
  readonly connections: readonly ConnectionSpec[];
  readonly toolkit?: ToolkitSpec;
  readonly processing: ProcessingSpec;
  readonly submissionParameters: readonly SubmissionParameterSpec[];
  readonly customMetrics: readonly CustomMetricSpec[];
  /** Views on streams, as an ADL declares them (`xdc bundle` accepts a manifest without). */
  readonly views?: readonly ViewSpec[];
}

export interface PeSpec {
  readonly index: number;
  readonly operators: readonly OperatorSpec[];
}

export interface OperatorSpec {
  /** Unique within the application; also its REST `restid`. */
  readonly name: string;
  /** `namespace::Kind`, e.g. `spl.endpoint::EndpointSource`. */
  readonly kind: string;
  readonly inputPorts: number;
  readonly outputPorts: number;
  readonly params: Readonly<Record<string, JsonValue>>;
}

export interface PortRefSpec {
  readonly operator: string;
  readonly port: number;
}

export interface ConnectionSpec {
  /** an output port */
  readonly from: PortRefSpec;
  /** an input port */
  readonly to: PortRefSpec;
}

export interface ToolkitSpec {
  /** The composite's instance name, e.g. `CrossDCFailover`; its operators are named `CrossDCFailover.X`. */
  readonly composite: string;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
}

export interface ProcessingSpec {
  readonly ratePerSecond: number;
  readonly latencyMs: number;
  /** What the processing operator computes into each tuple it emits; absent: tuples pass through. */
  readonly compute?: ComputeSpec;
}

/** Derived attributes and running aggregates per key (sim/app/compute.ts). */
export interface ComputeSpec {
  /** The attribute whose value is a tuple's key for the aggregates. */
  readonly key: string;
  /** `{as: "total", of: ["qty", "price"]}`: the product of the attributes, when all are numbers. */
  readonly products: readonly { readonly as: string; readonly of: readonly string[] }[];
  /** `{as: "n"}` counts the key's tuples; `{as: "qtyTotal", sum: "qty"}` sums an attribute. */
  readonly running: readonly { readonly as: string; readonly sum?: string }[];
  /** A submission parameter which, set to "reset", makes a survivor start its aggregates from nothing. */
  readonly stateParameter?: string;
}

export interface SubmissionParameterSpec {
  readonly name: string;
  /** Without a default the parameter must be given at submission. */
  readonly default?: string;
}

export const METRIC_KINDS = ["counter", "gauge", "time"] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

export interface CustomMetricSpec {
  readonly operator: string;
  readonly name: string;
  readonly kind: MetricKind;
  readonly description?: string;
}

export const VIEW_ACTIVATE_OPTIONS = ["automatic", "firstAccess"] as const;
export type ViewActivateOption = (typeof VIEW_ACTIVATE_OPTIONS)[number];

/**
 * A view on the stream of an operator's output port: a window of its latest tuples (by count or
 * by age) that the REST API's `viewItems` serve, sampled at most `maximumTupleRate` tuples a
 * second, showing `attributes` of each tuple, optionally only tuples whose `filter.attribute`
 * matches `filter.regularExpression`.
 */
export interface ViewSpec {
  /** Unique within the application. */
  readonly name: string;
  readonly description?: string;
  readonly operator: string;
  /** an output port of `operator` */
  readonly port: number;
  readonly attributes: readonly ViewAttributeSpec[];
  /** the window: the latest N tuples, or (exactly one of the two) the tuples of the last N seconds */
  readonly bufferTuples?: number;
  readonly bufferSeconds?: number;
  readonly maximumTupleRate: number;
  /** `automatic`: buffering starts with the job; `firstAccess`: when a client first reads the view */
  readonly activateOption: ViewActivateOption;
  readonly filter?: { readonly attribute: string; readonly regularExpression: string };
}

export interface ViewAttributeSpec {
  readonly name: string;
  /** its SPL type, e.g. `int64`, `rstring` */
  readonly type: string;
}

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Where a bundle keeps its manifest. */
export const MANIFEST_PATH = "META-INF/xdc-app.json";
