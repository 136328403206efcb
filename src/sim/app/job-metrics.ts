import type { StreamsInstance } from "../model/instance.js";
import type { MetricHandle } from "../model/metrics.js";
import type { ToolkitMetrics } from "../toolkit/toolkit.js";
import type { Topology } from "./topology.js";

/**
 * Moves a job's metrics as its data and the toolkit's messages move: which port of which
 * operator counts what. Handles are looked up once and kept (they stay valid for the job's
 * life; a PE restart zeroes them, as a new process would).
 */
type Port = { readonly input: number } | { readonly output: number };

// CPU a tuple costs, so that nCpuMilliseconds grows with the work done, not only with time.
const CPU_MS_PER_PROCESSED_TUPLE = 0.02;
const CPU_MS_PER_ACCEPTED_TUPLE = 0.005;

export class JobMetrics implements ToolkitMetrics {
  private readonly handles = new Map<string, MetricHandle | undefined>();

  constructor(
    private readonly instance: StreamsInstance,
    private readonly jobId: string,
    private readonly topology: Topology,
  ) {}

  add(operator: string | undefined, name: string, n: number, port?: Port): void {
    if (operator === undefined || n === 0) return;
    this.handle(operator, name, port)?.add(n);
  }

  set(operator: string | undefined, name: string, n: number, port?: Port): void {
    if (operator === undefined) return;
    this.handle(operator, name, port)?.set(n);
  }

  /** CPU used by an operator's work, on its PE. */
  cpu(operator: string | undefined, ms: number): void {
    const pe = this.instance.job(this.jobId)?.operators.find((o) => o.name === operator)?.pe;
    if (pe) this.instance.peMetric(pe.id, "nCpuMilliseconds")?.add(ms);
  }

  // ---- the data path ---------------------------------------------------------------------

  accepted(source: string, n: number): void {
    this.add(source, "nTuplesSubmitted", n, { output: 0 });
    this.cpu(source, n * CPU_MS_PER_ACCEPTED_TUPLE);
  }

  processed(n: number, replayed: number): void {
    const p = this.topology.processor;
    if (!p) return;
    this.add(p.operator, "nTuplesProcessed", n - replayed, { input: p.dataPort });
    if (p.replayPort !== undefined) this.add(p.operator, "nTuplesProcessed", replayed, { input: p.replayPort });
    this.cpu(p.operator, n * CPU_MS_PER_PROCESSED_TUPLE);
  }

  emitted(n: number, replayed: number): void {
    const p = this.topology.processor;
    for (const sink of this.topology.sinks.filter((s) => s.feed === "results")) {
      this.add(p?.operator, "nTuplesSubmitted", n, { output: sink.fromPort });
      this.add(sink.operator, "nTuplesProcessed", n, { input: 0 });
    }
    this.add(p?.operator, "nEnriched", n);
    this.add(p?.operator, "nReplayed", replayed);
  }

  /** The queue in front of the processing operator (gauges: set again after a PE restart). */
  queue(length: number, capacity: number): void {
    const p = this.topology.processor;
    if (!p) return;
    this.set(p.operator, "nTuplesQueued", length, { input: p.dataPort });
    this.set(p.operator, "queueSize", capacity, { input: p.dataPort });
  }

  evicted(sink: string, n: number): void {
    this.add(sink, "nTuplesDropped", n, { input: 0 });
  }

  // ---- the toolkit -----------------------------------------------------------------------

  heartbeatSent(): void {
    const t = this.topology.toolkit;
    this.add(t?.preparer, "nTuplesSubmitted", 1, { output: 0 });
    this.add(t?.heartbeatSender, "nTuplesProcessed", 1, { input: 0 });
  }

  snapshotSent(): void {
    const t = this.topology.toolkit;
    const p = this.topology.processor;
    this.add(t?.preparer, "nTuplesSubmitted", 1, { output: 2 });
    if (p?.snapshotSignalPort !== undefined) this.add(p.operator, "nTuplesProcessed", 1, { input: p.snapshotSignalPort });
    if (p?.snapshotPort !== undefined) this.add(p.operator, "nTuplesSubmitted", 1, { output: p.snapshotPort });
    this.add(t?.preparer, "nTuplesProcessed", 1, { input: 0 });
    this.add(t?.preparer, "nTuplesSubmitted", 1, { output: 1 });
    this.add(t?.dataSender, "nTuplesProcessed", 1, { input: 0 });
    this.add(p?.operator, "nSnapshotsTaken", 1);
  }

  heartbeatReceived(): void {
    const t = this.topology.toolkit;
    this.add(t?.heartbeatReceiver, "nTuplesSubmitted", 1, { output: 0 });
    this.add(t?.watchdog, "nTuplesProcessed", 1, { input: 0 });
  }

  snapshotReceived(): void {
    const t = this.topology.toolkit;
    this.add(t?.dataReceiver, "nTuplesSubmitted", 1, { output: 0 });
    this.add(t?.store, "nTuplesProcessed", 1, { input: 0 });
  }

  statusEmitted(): void {
    const t = this.topology.toolkit;
    this.add(t?.watchdog, "nTuplesSubmitted", 1, { output: 0 });
    this.add(t?.merger, "nTuplesProcessed", 1, { input: 1 });
    for (const sink of this.topology.sinks.filter((s) => s.feed === "status")) this.add(sink.operator, "nTuplesProcessed", 1, { input: 0 });
  }

  replayed(snapshots: number, items: number): void {
    const t = this.topology.toolkit;
    this.add(t?.store, "nTuplesSubmitted", snapshots, { output: 0 });
    this.add(t?.merger, "nTuplesProcessed", snapshots, { input: 0 });
    this.add(t?.merger, "nTuplesSubmitted", items, { output: 0 });
  }

  private handle(operator: string, name: string, port?: Port): MetricHandle | undefined {
    const key = `${operator}\u0000${name}\u0000${port === undefined ? "" : "input" in port ? `i${port.input}` : `o${port.output}`}`;
    if (this.handles.has(key)) return this.handles.get(key);
    const h = this.instance.metric(this.jobId, operator, name, port);
    this.handles.set(key, h);
    return h;
  }
}
