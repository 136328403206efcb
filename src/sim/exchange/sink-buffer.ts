import { Fifo } from "../app/fifo.js";

/**
 * An EndpointSink's buffer (reference §2.1): the last `bufferSize` tuples, the oldest dropped
 * when full; with `consumingReads` a read removes what it returned. The twin numbers every
 * tuple the sink ever received (1, 2, 3, …, also across restarts of the sink's PE) so that a
 * reader can read on from where it stopped: `since=N` returns the tuples after number N and the
 * answer's `next` is the N to pass next time. `start=T` (epoch ms) returns the tuples that
 * arrived at T or later. `missed` counts tuples after `since` that were dropped before anyone
 * read them, so a reader can tell its own gaps from the application's losses.
 */
export interface SinkEntry {
  readonly seq: number;
  readonly time: number;
  readonly tuple: unknown;
}

export interface SinkQuery {
  readonly since?: number;
  readonly start?: number;
  readonly limit?: number;
}

export interface SinkRead {
  readonly items: readonly unknown[];
  /** pass as `since` to read on */
  readonly next: number;
  readonly missed: number;
}

export class SinkBuffer {
  private readonly entries = new Fifo<SinkEntry>();
  private lastSeq = 0;
  /** tuples dropped because the buffer was full, over the sink's life */
  evicted = 0;

  constructor(
    readonly capacity: number,
    readonly consumingReads: boolean,
  ) {}

  get size(): number {
    return this.entries.length;
  }

  /** Appends tuples; returns how many old ones were dropped to make room. */
  push(tuples: readonly unknown[], now: number): number {
    for (const tuple of tuples) this.entries.push({ seq: ++this.lastSeq, time: now, tuple });
    const over = Math.max(0, this.entries.length - this.capacity);
    this.entries.drop(over);
    this.evicted += over;
    return over;
  }

  read(query: SinkQuery = {}): SinkRead {
    const firstSeq = this.entries.peek()?.seq ?? this.lastSeq + 1;
    let from: number;
    let missed = 0;
    if (query.since !== undefined) {
      missed = Math.max(0, firstSeq - query.since - 1);
      from = Math.max(0, query.since + 1 - firstSeq);
    } else if (query.start !== undefined) {
      from = this.firstAtOrAfter(query.start);
    } else {
      from = 0;
    }
    const to = Math.min(this.entries.length, from + (query.limit ?? Number.POSITIVE_INFINITY));
    const picked = this.entries.slice(from, to);
    // Nothing new: stay where the reader is, but never beyond the last tuple numbered.
    const next = picked.length > 0 ? picked[picked.length - 1]!.seq : Math.min(this.lastSeq, Math.max(query.since ?? 0, firstSeq - 1 + Math.min(from, this.entries.length)));
    if (this.consumingReads && picked.length > 0) this.entries.drop(to);
    return { items: picked.map((e) => e.tuple), next, missed };
  }

  /** The sink's PE died: what it held is gone; numbering goes on. */
  clear(): void {
    this.entries.clear();
  }

  private firstAtOrAfter(time: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries.at(mid)!.time < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
