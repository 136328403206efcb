import type { AppManifest, ConnectionSpec, JsonValue, OperatorSpec } from "../bundle/manifest.js";

/**
 * The roles the twin's data flow gives a bundle's operators, read from the manifest's kinds and
 * streams (docs/twin.md, "The demo application"): EndpointSources feed one processing
 * operator; its output ports feed EndpointSinks (the results) and, when the application is
 * wrapped with the Cross-DC Failover toolkit, the toolkit's HeartbeatMessagePreparer
 * (snapshots); the toolkit's watchdog feeds status sinks, its RemoteDCDataMerger feeds the
 * processing operator back (replayed snapshots). An application without a source has no data
 * flow; one without the toolkit runs without heartbeats.
 */
export const ENDPOINT_SOURCE = "spl.endpoint::EndpointSource";
export const ENDPOINT_SINK = "spl.endpoint::EndpointSink";
const DEFAULT_SINK_BUFFER = 1000;
const DEFAULT_SOURCE_BUFFER = 10_000;

export interface SourceRole {
  readonly operator: string;
  readonly outputPorts: number;
  readonly bufferSize: number;
}

export interface SinkRole {
  readonly operator: string;
  readonly bufferSize: number;
  readonly consumingReads: boolean;
  /** results of the processing operator, or the toolkit's remote-status stream */
  readonly feed: "results" | "status";
  /** the processing operator's output port that feeds it (results only) */
  readonly fromPort: number;
}

export interface ProcessorRole {
  readonly operator: string;
  /** its input port fed by the sources */
  readonly dataPort: number;
  /** its input port fed by the toolkit's DataSnapshotSignal, if any */
  readonly snapshotSignalPort: number | undefined;
  /** its input port fed by RemoteDCDataMerger (replayed snapshots), if any */
  readonly replayPort: number | undefined;
  /** its output port to the HeartbeatMessagePreparer (its snapshots), if any */
  readonly snapshotPort: number | undefined;
}

/** The toolkit's internal operators by role; names are `<composite>.<Role>`. */
export const TOOLKIT_OPERATORS = {
  preparer: "HeartbeatMessagePreparer",
  heartbeatSender: "CrossDataCenterSender1",
  dataSender: "CrossDataCenterSender2",
  heartbeatReceiver: "CrossDataCenterReceiverForHB",
  dataReceiver: "CrossDataCenterReceiver",
  watchdog: "RemoteDataCenterHeartbeatWatchdog",
  store: "DataSnapshotStore",
  merger: "RemoteDCDataMerger",
} as const;

export type ToolkitRole = keyof typeof TOOLKIT_OPERATORS;

export interface Topology {
  readonly sources: readonly SourceRole[];
  readonly sinks: readonly SinkRole[];
  readonly processor: ProcessorRole | undefined;
  /** toolkit role → operator name, for the roles the bundle has */
  readonly toolkit: Partial<Record<ToolkitRole, string>> | undefined;
}

export function topologyOf(manifest: AppManifest): Topology {
  const operators = new Map(manifest.pes.flatMap((pe) => pe.operators).map((op) => [op.name, op]));
  const toolkit = manifest.toolkit ? toolkitOperators(manifest.toolkit.composite, operators) : undefined;
  const from = (name: string | undefined) => manifest.connections.filter((c) => c.from.operator === name);
  const into = (name: string, port?: number) => manifest.connections.filter((c) => c.to.operator === name && (port === undefined || c.to.port === port));
  const sources = [...operators.values()]
    .filter((op) => op.kind === ENDPOINT_SOURCE)
    .map((op) => ({ operator: op.name, outputPorts: op.outputPorts, bufferSize: positive(op.params.bufferSize, DEFAULT_SOURCE_BUFFER) }));
  const fed = sources.flatMap((s) => from(s.operator)).find((c) => operators.get(c.to.operator)?.kind !== ENDPOINT_SINK);
  const processorName = fed?.to.operator;
  const portFrom = (role: ToolkitRole): number | undefined =>
    processorName === undefined ? undefined : into(processorName).find((c) => c.from.operator === toolkit?.[role])?.to.port;
  const processor: ProcessorRole | undefined =
    fed && processorName
      ? {
          operator: processorName,
          dataPort: fed.to.port,
          snapshotSignalPort: portFrom("preparer"),
          replayPort: portFrom("merger"),
          snapshotPort: from(processorName).find((c) => c.to.operator === toolkit?.preparer)?.from.port,
        }
      : undefined;
  const sinkFeed = (op: OperatorSpec): { feed: "results" | "status"; fromPort: number } | undefined => {
    const feeds: ConnectionSpec[] = into(op.name);
    const result = feeds.find((c) => c.from.operator === processorName);
    if (result) return { feed: "results", fromPort: result.from.port };
    if (feeds.some((c) => c.from.operator === toolkit?.watchdog)) return { feed: "status", fromPort: 0 };
    return undefined;
  };
  const sinks = [...operators.values()]
    .filter((op) => op.kind === ENDPOINT_SINK)
    .flatMap((op) => {
      const feed = sinkFeed(op);
      return feed ? [{ operator: op.name, ...feed, bufferSize: positive(op.params.bufferSize, DEFAULT_SINK_BUFFER), consumingReads: op.params.consumingReads === true }] : [];
    });
  return { sources, sinks, processor, toolkit };
}

function toolkitOperators(composite: string, operators: ReadonlyMap<string, OperatorSpec>): Partial<Record<ToolkitRole, string>> {
  const out: Partial<Record<ToolkitRole, string>> = {};
  for (const role of Object.keys(TOOLKIT_OPERATORS) as ToolkitRole[]) {
    const name = `${composite}.${TOOLKIT_OPERATORS[role]}`;
    if (operators.has(name)) out[role] = name;
  }
  return out;
}

const positive = (v: JsonValue | undefined, fallback: number): number => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : fallback);

/**
 * The streams whose tuples the twin's data flow carries, and so the only ones a view can watch:
 * every output port of an EndpointSource (the tuples it accepted), the processing operator's
 * ports to result sinks (the tuples it emitted) and the toolkit watchdog's status port.
 */
export type ViewFeed = "accepted" | "results" | "status";

export function viewFeedOf(topology: Topology, operator: string, port: number): ViewFeed | undefined {
  if (topology.sources.some((s) => s.operator === operator && port < s.outputPorts)) return "accepted";
  if (operator === topology.processor?.operator && topology.sinks.some((s) => s.feed === "results" && s.fromPort === port)) return "results";
  if (operator === topology.toolkit?.watchdog && port === 0) return "status";
  return undefined;
}

/** How a manifest's author is told which streams a view can watch. */
export function viewableStreams(topology: Topology): string[] {
  const ports = [
    ...topology.sources.flatMap((s) => Array.from({ length: s.outputPorts }, (_, p) => `${s.operator} port ${p}`)),
    ...[...new Set(topology.sinks.filter((s) => s.feed === "results").map((s) => s.fromPort))].map((p) => `${topology.processor?.operator} port ${p}`),
    ...(topology.toolkit?.watchdog ? [`${topology.toolkit.watchdog} port 0`] : []),
  ];
  return ports;
}
