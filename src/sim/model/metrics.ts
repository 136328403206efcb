import type { MetricKind } from "../bundle/manifest.js";

export type MetricType = "system" | "custom";

/**
 * What the twin's runtime holds to drive a metric: `add` for counters (and queue gauges going
 * up and down), `set` for gauges. Values are whole numbers, as in Streams (reference §1.7).
 * A handle stays valid for the life of its job; a PE restart zeroes it, as a new process would.
 */
export interface MetricHandle {
  readonly name: string;
  readonly kind: MetricKind;
  readonly type: MetricType;
  readonly description: string;
  readonly value: number;
  add(n: number): void;
  set(n: number): void;
}

/**
 * A metric: a stored part the runtime changes, plus an optional part the model computes from
 * time or from other metrics (CPU time of a running PE, an operator's sum over its ports).
 */
export class MetricCell implements MetricHandle {
  private stored = 0;

  constructor(
    readonly name: string,
    readonly kind: MetricKind,
    readonly type: MetricType,
    readonly description: string,
    private readonly computed?: () => number,
  ) {}

  get value(): number {
    return Math.round((this.computed ? this.computed() : 0) + this.stored);
  }

  add(n: number): void {
    if (Number.isFinite(n)) this.stored += n;
  }

  set(n: number): void {
    if (Number.isFinite(n)) this.stored = n - (this.computed ? this.computed() : 0);
  }

  reset(): void {
    this.stored = 0;
  }
}

/** The metrics of one owner (operator, port, PE, connection, host), in a stable order. */
export class MetricSet {
  private readonly cells = new Map<string, MetricCell>();

  add(cell: MetricCell): MetricCell {
    this.cells.set(cell.name, cell);
    return cell;
  }

  get(name: string): MetricCell | undefined {
    return this.cells.get(name);
  }

  list(): MetricCell[] {
    return [...this.cells.values()];
  }

  reset(): void {
    for (const cell of this.cells.values()) cell.reset();
  }
}

export interface MetricDef {
  readonly name: string;
  readonly kind: MetricKind;
  readonly description: string;
}

/** Where a system metric lives. */
export type MetricScope = "inputPort" | "outputPort" | "pe" | "peInputPort" | "peOutputPort" | "peConnection" | "host";

/** Streams' system metrics by scope (reference §1.7), plus the twin's host metrics. */
export const SYSTEM_METRICS: Readonly<Record<MetricScope, readonly MetricDef[]>> = {
  inputPort: [
    { name: "nTuplesProcessed", kind: "counter", description: "Number of tuples processed" },
    { name: "nTuplesDropped", kind: "counter", description: "Number of tuples dropped" },
    { name: "nTuplesQueued", kind: "gauge", description: "Number of tuples queued" },
    { name: "queueSize", kind: "gauge", description: "Size of the queue of a threaded port, 0 when unthreaded" },
    { name: "nWindowPunctsProcessed", kind: "counter", description: "Number of window punctuations processed" },
    { name: "nFinalPunctsProcessed", kind: "counter", description: "Number of final punctuations processed" },
  ],
  outputPort: [
    { name: "nTuplesSubmitted", kind: "counter", description: "Number of tuples submitted" },
    { name: "nWindowPunctsSubmitted", kind: "counter", description: "Number of window punctuations submitted" },
    { name: "nFinalPunctsSubmitted", kind: "counter", description: "Number of final punctuations submitted" },
  ],
  pe: [
    { name: "nCpuMilliseconds", kind: "counter", description: "CPU time used by the PE's process, in milliseconds" },
    { name: "nMemoryConsumption", kind: "gauge", description: "Memory used by the PE's process, in kilobytes" },
    { name: "nResidentMemoryConsumption", kind: "gauge", description: "Resident memory of the PE's process, in kilobytes" },
  ],
  peInputPort: [
    { name: "nTuplesProcessed", kind: "counter", description: "Number of tuples processed by the PE input port" },
    { name: "nTupleBytesProcessed", kind: "counter", description: "Number of tuple bytes processed by the PE input port" },
  ],
  peOutputPort: [
    { name: "nTuplesSubmitted", kind: "counter", description: "Number of tuples submitted by the PE output port" },
    { name: "nTupleBytesSubmitted", kind: "counter", description: "Number of tuple bytes submitted by the PE output port" },
    { name: "nTuplesTransmitted", kind: "counter", description: "Number of tuples transmitted, once per connection" },
    { name: "nBrokenConnections", kind: "counter", description: "Number of times a connection of the port broke" },
  ],
  peConnection: [{ name: "congestionFactor", kind: "gauge", description: "How congested the connection is, from 0 (free) to 100 (blocked)" }],
  host: [
    { name: "nRunningPes", kind: "gauge", description: "Number of PEs running on the host" },
    { name: "cpuUtilization", kind: "gauge", description: "CPU used by the host's PEs, in percent of the host's cores" },
    { name: "nMemoryConsumption", kind: "gauge", description: "Memory used by the host's PEs, in kilobytes" },
  ],
};

/** The metric set of a scope's system metrics; `compute` supplies the computed part of some. */
export function systemMetrics(scope: MetricScope, compute: Readonly<Record<string, () => number>> = {}): MetricSet {
  const set = new MetricSet();
  for (const def of SYSTEM_METRICS[scope]) set.add(new MetricCell(def.name, def.kind, "system", def.description, compute[def.name]));
  return set;
}

export const isPortMetric = (direction: "input" | "output", name: string): boolean =>
  SYSTEM_METRICS[direction === "input" ? "inputPort" : "outputPort"].some((d) => d.name === name);
