import { AGGREGATES, type Compute } from "./compute.js";
import { Fifo } from "./fifo.js";

/**
 * The data path of one job of the demo application (docs/twin.md): tuples accepted by an
 * EndpointSource wait in its buffer, the processing operator takes them at its rate (the
 * manifest's `processing.ratePerSecond` times the host's CPU share), and each appears at the
 * result sinks `processing.latencyMs` after it was processed. What is accepted and not yet
 * emitted is the application's state: a snapshot is a copy of it, and it is lost with the
 * process that holds it (the source's buffer with the source's PE, the processed-but-not-yet-
 * emitted tuples with the processing operator's PE).
 *
 * No timers and no clock: the caller says what time it is and what the rate is, and asks when
 * the next thing happens (`nextWake`).
 */
export interface FlowObserver {
  accepted(source: string, n: number): void;
  processed(n: number, replayed: number): void;
  /** `tuples` left the processing operator towards the result sinks */
  emitted(tuples: readonly unknown[]): void;
  /** the number of tuples waiting in the sources' buffers changed */
  queued(n: number): void;
}

export interface FlowOptions {
  /** the datacenter, written into every emitted tuple as `_dc` */
  readonly dc: string;
  readonly ratePerSecond: number;
  readonly latencyMs: number;
  readonly sources: readonly { readonly operator: string; readonly bufferSize: number }[];
  readonly observer: FlowObserver;
  /** What the processing operator computes into each tuple it emits, with its state. */
  readonly compute?: Compute;
}

export type OfferResult = { readonly ok: true; readonly count: number } | { readonly ok: false; readonly retryAfterMs: number; readonly free: number };

interface Pending {
  readonly tuple: Record<string, unknown>;
  /** the source whose buffer holds it; undefined for replayed tuples (the merger's) */
  readonly source: string | undefined;
  readonly replayed: boolean;
}

interface InFlight {
  readonly tuple: Record<string, unknown>;
  readonly dueAt: number;
}

/** How often a busy flow advances when nothing else bounds it. */
export const FLOW_STEP_MS = 5;

export class DataFlow {
  private readonly queue = new Fifo<Pending>();
  private readonly inFlight = new Fifo<InFlight>();
  private readonly held = new Map<string, number>();
  private readonly capacity: ReadonlyMap<string, number>;
  private credit = 0;
  private rate = 0;
  private lastAt: number | undefined;

  constructor(private readonly options: FlowOptions) {
    this.capacity = new Map(options.sources.map((s) => [s.operator, s.bufferSize]));
    for (const s of options.sources) this.held.set(s.operator, 0);
  }

  get queuedCount(): number {
    return this.queue.length;
  }

  get inFlightCount(): number {
    return this.inFlight.length;
  }

  /**
   * A batch posted to a source: all of it is accepted, or none (a client retries the whole
   * batch, so a partial acceptance would only make duplicates).
   */
  offer(source: string, tuples: readonly Record<string, unknown>[]): OfferResult {
    const capacity = this.capacity.get(source) ?? 0;
    const held = this.held.get(source) ?? 0;
    const free = capacity - held;
    if (tuples.length > free) {
      const needed = tuples.length - free;
      const retryAfterMs = this.rate > 0 ? Math.max(1, Math.ceil((needed / this.rate) * 1000)) : 1000;
      return { ok: false, retryAfterMs, free: Math.max(0, free) };
    }
    for (const tuple of tuples) this.queue.push({ tuple, source, replayed: false });
    this.held.set(source, held + tuples.length);
    this.options.observer.accepted(source, tuples.length);
    this.options.observer.queued(this.queue.length);
    return { ok: true, count: tuples.length };
  }

  /** Replayed snapshot tuples join the queue behind what is there, past every buffer limit. */
  replay(tuples: readonly unknown[], origin: string): number {
    let n = 0;
    for (const t of tuples) {
      if (!isTuple(t)) continue;
      if (AGGREGATES in t) {
        this.options.compute?.restoreFrom(t[AGGREGATES]);
        continue;
      }
      this.queue.push({ tuple: { ...t, _replayedFrom: origin }, source: undefined, replayed: true });
      n++;
    }
    this.options.observer.queued(this.queue.length);
    return n;
  }

  /** The processing rate in tuples/s from now on (0 while the processing PE is down or stopped). */
  setRate(now: number, rate: number): void {
    this.advance(now);
    this.rate = Math.max(0, rate);
  }

  get currentRate(): number {
    return this.rate;
  }

  /** Moves time on to `now`: tuples leave the queue at the rate, those whose latency has passed are emitted. */
  advance(now: number): void {
    const last = this.lastAt ?? now;
    this.lastAt = now;
    const elapsed = Math.max(0, now - last);
    if (this.rate <= 0) {
      this.credit = 0;
      return;
    }
    const carried = this.credit;
    this.credit += (elapsed * this.rate) / 1000;
    const n = Math.min(this.queue.length, Math.floor(this.credit));
    const perTupleMs = 1000 / this.rate;
    if (n > 0) {
      this.credit -= n;
      const taken = this.queue.take(n);
      let replayed = 0;
      for (let i = 0; i < taken.length; i++) {
        const p = taken[i]!;
        if (p.source !== undefined) this.held.set(p.source, (this.held.get(p.source) ?? 1) - 1);
        else replayed++;
        // Each tuple is processed when the rate reaches it, so latency holds per tuple, not per step.
        const processedAt = Math.min(now, last + Math.max(0, i + 1 - carried) * perTupleMs);
        this.inFlight.push({ tuple: p.tuple, dueAt: processedAt + this.options.latencyMs });
      }
      this.options.observer.processed(n, replayed);
      this.options.observer.queued(this.queue.length);
    }
    // Unused capacity is not banked: an idle operator does not process faster later.
    if (this.queue.length === 0) this.credit = 0;
    this.emitDue(now);
  }

  /** When `advance` has something to do next; undefined = nothing until something changes. */
  nextWake(now: number): number | undefined {
    if (this.rate <= 0) return undefined;
    const due = this.inFlight.peek()?.dueAt;
    const processing = this.queue.length > 0 ? now + Math.max(FLOW_STEP_MS, Math.ceil(1000 / this.rate)) : undefined;
    if (due === undefined) return processing;
    return processing === undefined ? Math.ceil(due) : Math.min(processing, Math.ceil(due));
  }

  /** The application's state for a snapshot: accepted, not yet emitted, oldest first. */
  snapshot(): unknown[] {
    // The aggregates are those of the tuples emitted so far: the snapshot's tuples are not in them yet.
    // Only when there is some: a snapshot of tuples without keys stays just its tuples.
    const aggregates = this.options.compute?.snapshot();
    const state = aggregates && Object.keys(aggregates).length > 0 ? [{ [AGGREGATES]: aggregates }] : [];
    return [...state, ...this.inFlight.toArray().map((f) => f.tuple), ...this.queue.toArray().map((p) => p.tuple)];
  }

  /** A source's PE died: the tuples in its buffer are gone. Returns how many. */
  loseSource(source: string): number {
    const kept = this.queue.toArray().filter((p) => p.source !== source);
    const lost = this.queue.length - kept.length;
    this.queue.clear();
    this.queue.pushAll(kept);
    this.held.set(source, 0);
    this.options.observer.queued(this.queue.length);
    return lost;
  }

  /** The processing operator's PE died: what it processed and not yet emitted is gone. */
  loseProcessed(): number {
    const lost = this.inFlight.length;
    this.inFlight.clear();
    this.credit = 0;
    return lost;
  }

  private emitDue(now: number): void {
    let n = 0;
    while (n < this.inFlight.length && this.inFlight.at(n)!.dueAt <= now) n++;
    if (n === 0) return;
    const compute = this.options.compute;
    const out = this.inFlight.take(n).map((f) => {
      // A copy: a snapshot may hold the same tuple, to be replayed as it was accepted.
      const t = compute ? { ...f.tuple } : f.tuple;
      compute?.apply(t);
      t._dc = this.options.dc;
      return t;
    });
    this.options.observer.emitted(out);
  }
}

export const isTuple = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
