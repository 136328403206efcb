import { RangeSet, type SeqRange } from "./ranges.js";
import type { TupleId, TupleRecorder } from "./records.js";
import type { DataReport, LostRange, RangeList, Rpo, StreamRange, TimeWindow } from "./report.js";
import { SendLog } from "./send-log.js";
import { LatencyHistogram } from "./sketch.js";
import { GAPS_KEPT, TimelineRecorder } from "./timeline.js";

export interface TrackerOptions {
  /** How many ranges a report lists per kind (lost, duplicates, gaps); counts always cover all. */
  readonly listLimit?: number;
  /** Send-time runs kept per stream before they are thinned (see SendLog). */
  readonly sendLogLimit?: number;
  /** Longest receive silences kept for the RTO. */
  readonly gapsKept?: number;
}

export interface ReportOptions {
  /** Count the RPO only over tuples first sent within this window (the failover's). */
  readonly rpoWindow?: TimeWindow;
}

class StreamState {
  readonly sent = new RangeSet();
  readonly acked = new RangeSet();
  readonly received = new RangeSet();
  readonly duplicated = new RangeSet();
  readonly log: SendLog;
  outOfOrder = 0;
  constructor(readonly name: string, sendLogLimit: number | undefined) {
    this.log = new SendLog(sendLogLimit);
  }
}

/**
 * Follows one workload to one sink, streaming: feed it what the Data Exchange client sees (it
 * is a TupleRecorder), read `report()` at any time. Memory follows the number of holes,
 * duplicates and batches per key stream, never the number of tuples.
 */
export class DataTracker implements TupleRecorder {
  private readonly streams = new Map<string, StreamState>();
  private readonly latency = new LatencyHistogram();
  private readonly timeline: TimelineRecorder;
  private readonly listLimit: number;
  private resent = 0;
  private failedSends = 0;
  private deliveries = 0;
  private unexpected = 0;
  private extraDeliveries = 0;
  /** Latest sending time of any tuple that arrived: where the failover's RPO window starts. */
  private newestSentMs = Number.NEGATIVE_INFINITY;
  /** Earliest sending time: where a silence before the first arrival begins. */
  private firstSentMs = Number.POSITIVE_INFINITY;
  /** The stream of the previous id: batches mostly hold runs of one stream. */
  private lastStream: StreamState | undefined;

  constructor(private readonly options: TrackerOptions = {}) {
    this.timeline = new TimelineRecorder(options.gapsKept ?? GAPS_KEPT);
    this.listLimit = options.listLimit ?? 1000;
  }

  sent(ids: readonly TupleId[], atMs: number): void {
    if (ids.length > 0 && atMs < this.firstSentMs) this.firstSentMs = atMs;
    for (const id of ids) {
      const s = this.state(id.stream);
      const seq = id.seq;
      const newest = s.sent.max;
      if (seq > newest) s.log.note(seq, atMs, seq === newest + 1);
      if (!s.sent.add(seq)) this.resent++;
    }
  }

  acked(ids: readonly TupleId[], _atMs: number): void {
    this.eachRun(ids, (s, lo, hi) => s.acked.addRange(lo, hi));
  }

  failed(ids: readonly TupleId[], _atMs: number): void {
    // Which tuples stayed unacknowledged follows from sent − acked; a retry may still ack them.
    this.failedSends += ids.length;
  }

  received(ids: readonly TupleId[], atMs: number): void {
    this.arrived(ids, atMs, true);
  }

  /**
   * Tuples read from the sink that a survivor replayed from its snapshot after taking over: they
   * count as delivered (or duplicated) like any, but arriving behind later ones is the toolkit's
   * recovery, not a break of the stream's order.
   */
  replayed(ids: readonly TupleId[], atMs: number): void {
    this.arrived(ids, atMs, false);
  }

  private arrived(ids: readonly TupleId[], atMs: number, inOrder: boolean): void {
    if (ids.length > 0) this.timeline.arrived(atMs, this.newestSentMs === Number.NEGATIVE_INFINITY ? undefined : this.newestSentMs);
    for (const id of ids) {
      // A stream never sent to gets no state: strangers must not grow the tracker.
      const s = this.known(id.stream);
      const seq = id.seq;
      if (s === undefined || !s.sent.has(seq)) {
        this.unexpected++;
        continue;
      }
      this.deliveries++;
      const newest = s.received.max;
      if (!s.received.add(seq)) {
        s.duplicated.add(seq);
        this.extraDeliveries++;
        continue;
      }
      if (inOrder && seq < newest) s.outOfOrder++;
      const sentAt = s.log.timeOf(seq);
      if (sentAt === undefined) continue;
      this.latency.add(atMs - sentAt);
      if (sentAt > this.newestSentMs) this.newestSentMs = sentAt;
    }
  }

  report(options: ReportOptions = {}): DataReport {
    const all = [...this.streams.values()];
    const sum = (f: (s: StreamState) => number) => all.reduce((n, s) => n + f(s), 0);
    const lost = this.list(all, (s) => s.acked.minus(s.received), (s, r): LostRange => {
      const sentFromMs = s.log.timeOf(r.from);
      const sentToMs = s.log.timeOf(r.to);
      return { stream: s.name, ...r, ...(sentFromMs === undefined ? {} : { sentFromMs }), ...(sentToMs === undefined ? {} : { sentToMs }) };
    });
    const duplicates = this.list(all, (s) => s.duplicated.ranges(), (s, r) => ({ stream: s.name, ...r }));
    const gaps = this.list(all, (s) => s.sent.minus(s.received, s.received.max), (s, r) => ({ stream: s.name, ...r }));
    const acked = sum((s) => s.acked.size);
    return {
      sent: sum((s) => s.sent.size),
      resent: this.resent,
      acked,
      unacknowledged: sum((s) => countOf(s.sent.minus(s.acked))),
      failedSends: this.failedSends,
      received: sum((s) => s.received.size),
      deliveries: this.deliveries,
      unexpected: this.unexpected,
      lost,
      duplicates: { ...duplicates, extraDeliveries: this.extraDeliveries },
      outOfOrder: {
        count: sum((s) => s.outOfOrder),
        byStream: all.filter((s) => s.outOfOrder > 0).map((s) => ({ stream: s.name, count: s.outOfOrder })),
      },
      gaps,
      rpo: this.rpoOf(all, options.rpoWindow),
      latency: this.latency.snapshot(),
      timeline: {
        ...this.timeline.snapshot(),
        ...(Number.isFinite(this.firstSentMs) ? { firstSentMs: this.firstSentMs } : {}),
        ...(Number.isFinite(this.newestSentMs) ? { newestSentMs: this.newestSentMs } : {}),
      },
    };
  }

  /** The RPO over the tuples first sent within `window`, or over the run without one; `report().rpo` without the rest. */
  rpo(window?: TimeWindow): Rpo {
    return this.rpoOf([...this.streams.values()], window);
  }

  private rpoOf(all: readonly StreamState[], window: TimeWindow | undefined): Rpo {
    let tuples = 0;
    let fromMs = Number.POSITIVE_INFINITY;
    let toMs = Number.NEGATIVE_INFINITY;
    for (const s of all) {
      const within = window ? s.log.seqsSentWithin(window.fromMs, window.toMs) : { lo: 0, hi: Number.POSITIVE_INFINITY };
      for (const r of s.acked.minus(s.received)) {
        const lo = Math.max(r.from, within.lo);
        const hi = Math.min(r.to, within.hi);
        if (lo > hi) continue;
        tuples += hi - lo + 1;
        fromMs = Math.min(fromMs, s.log.timeOf(lo) ?? fromMs);
        toMs = Math.max(toMs, s.log.timeOf(hi) ?? toMs);
      }
    }
    const span = tuples > 0 && fromMs <= toMs ? { fromMs, toMs, ms: toMs - fromMs } : { ms: 0 };
    return { tuples, ...span, ...(window ? { window } : {}) };
  }

  /** Lists ranges across streams up to the limit, counting them all. */
  private list<R extends StreamRange>(
    all: readonly StreamState[],
    ranges: (s: StreamState) => Iterable<SeqRange>,
    shape: (s: StreamState, r: SeqRange) => R,
  ): RangeList<R> {
    const listed: R[] = [];
    let count = 0;
    let omitted = 0;
    for (const s of all) {
      for (const r of ranges(s)) {
        count += r.to - r.from + 1;
        if (listed.length < this.listLimit) listed.push(shape(s, r));
        else omitted++;
      }
    }
    return { count, ranges: listed, omitted };
  }

  /** Calls `f` once per run of consecutive numbers of one stream in `ids`. */
  private eachRun(ids: readonly TupleId[], f: (s: StreamState, lo: number, hi: number) => void): void {
    let s: StreamState | undefined;
    let lo = 0;
    let hi = -1;
    for (const id of ids) {
      if (s !== undefined && id.stream === s.name && id.seq === hi + 1) {
        hi = id.seq;
        continue;
      }
      if (s !== undefined) f(s, lo, hi);
      s = this.state(id.stream);
      lo = hi = id.seq;
    }
    if (s !== undefined) f(s, lo, hi);
  }

  private state(stream: string): StreamState {
    const s = this.known(stream);
    if (s !== undefined) return s;
    const created = new StreamState(stream, this.options.sendLogLimit);
    this.streams.set(stream, created);
    return (this.lastStream = created);
  }

  private known(stream: string): StreamState | undefined {
    const last = this.lastStream;
    if (last !== undefined && last.name === stream) return last;
    const s = this.streams.get(stream);
    if (s !== undefined) this.lastStream = s;
    return s;
  }
}

const countOf = (ranges: Iterable<SeqRange>) => {
  let n = 0;
  for (const r of ranges) n += r.to - r.from + 1;
  return n;
};
