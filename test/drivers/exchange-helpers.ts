import type { TupleId, TupleRecorder } from "../../src/data/records.js";
import type { SinkCursor, Tuple, TupleSource } from "../../src/drivers/exchange/index.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import type { AppManifest } from "../../src/sim/bundle/manifest.js";
import type { StreamsApi } from "../../src/drivers/streams/index.js";
import { value } from "./helpers.js";

/** What a test's recorder saw: every call, in order, and waiters for counts. */
export class TestRecorder implements TupleRecorder {
  readonly calls: { kind: "sent" | "acked" | "failed" | "received"; ids: readonly TupleId[]; atMs: number }[] = [];
  readonly counts = { sent: 0, acked: 0, failed: 0, received: 0 };
  private waiters: { kind: keyof TestRecorder["counts"]; n: number; resolve: () => void }[] = [];

  sent = (ids: readonly TupleId[], atMs: number) => this.note("sent", ids, atMs);
  acked = (ids: readonly TupleId[], atMs: number) => this.note("acked", ids, atMs);
  failed = (ids: readonly TupleId[], atMs: number) => this.note("failed", ids, atMs);
  received = (ids: readonly TupleId[], atMs: number) => this.note("received", ids, atMs);

  /** Resolves once `kind` has counted at least `n` tuples. */
  reach(kind: keyof TestRecorder["counts"], n: number): Promise<void> {
    if (this.counts[kind] >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ kind, n, resolve }));
  }

  ids(kind: "sent" | "acked" | "failed" | "received"): TupleId[] {
    return this.calls.filter((c) => c.kind === kind).flatMap((c) => c.ids);
  }

  private note(kind: keyof TestRecorder["counts"], ids: readonly TupleId[], atMs: number): void {
    this.calls.push({ kind, ids: [...ids], atMs });
    this.counts[kind] += ids.length;
    this.waiters = this.waiters.filter((w) => {
      if (this.counts[w.kind] < w.n) return true;
      w.resolve();
      return false;
    });
  }
}

/** `count` tuples `{seq, key, v}` (or without end when count is Infinity), identified by seq. */
export function seqSource(count: number, from = 0): TupleSource {
  let i = 0;
  return {
    next() {
      if (i >= count) return undefined;
      const seq = from + i++;
      return { tuple: { seq, key: `k${seq % 7}`, v: seq * 2 }, id: { stream: "", seq } };
    },
  };
}

export const seqIdentity = (t: Tuple): TupleId | undefined => (typeof t["seq"] === "number" ? { stream: "", seq: t["seq"] } : undefined);

/** Uploads the manifest's bundle and submits it under `jobName` through the REST driver. */
export async function submitApp(api: StreamsApi, manifest: AppManifest, jobName: string, parameters: Record<string, string> = {}) {
  const { bundleId } = value(await api.uploadBundle(buildBundle(manifest)));
  return value(await api.submitJob({ bundleId, jobName, parameters }));
}

/** The host (resource id) and address of the PE that runs an operator of a job (by the end of its name), over REST. */
export async function hostOf(api: StreamsApi, jobName: string, operator: string): Promise<{ host: string; address: string }> {
  const job = value(await api.findJob(jobName))!;
  const op = value(await api.operators(job)).find((o) => o.name === operator || o.name.endsWith(`.${operator}`))!;
  const pe = value(await api.peOf(op));
  const resource = value(await api.resources()).find((r) => r.self === pe.links.resource)!;
  return { host: resource.id, address: resource.ipAddress! };
}

/** The manifest with other buffer sizes and processing. */
export function withBuffers(m: AppManifest, bufferSize: Record<string, number>, processing = m.processing): AppManifest {
  return {
    ...m,
    pes: m.pes.map((pe) => ({ ...pe, operators: pe.operators.map((op) => (bufferSize[op.name] !== undefined ? { ...op, params: { ...op.params, bufferSize: bufferSize[op.name]! } } : op)) })),
    processing,
  };
}

/**
 * Reads a cursor until `count` tuples (plus the ones it missed) have come, bounded: at most
 * `maxReads` reads and `timeoutMs`, a few ms apart when the sink has nothing new.
 */
export async function collect(cursor: SinkCursor, count: number, o: { maxReads?: number; timeoutMs?: number } = {}): Promise<{ items: Tuple[]; missed: number }> {
  const items: Tuple[] = [];
  let missed = 0;
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  for (let reads = 0; items.length + missed < count; reads++) {
    if (reads >= (o.maxReads ?? 5_000) || Date.now() > deadline) throw new Error(`only ${items.length} tuples (and ${missed} missed) of ${count} came`);
    const page = value(await cursor.read());
    items.push(...page.items);
    missed += page.missed;
    if (page.items.length === 0) await new Promise((r) => setTimeout(r, 2));
  }
  return { items, missed };
}
