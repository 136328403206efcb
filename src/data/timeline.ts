/**
 * What is remembered of when tuples arrived at a sink, in fixed memory: the first and last
 * arrival, and the longest silences between two arrivals (an outage is one of them).
 */

/** A silence at the sink: no tuple arrived after `fromMs` until `toMs`. */
export interface ReceiveGap {
  readonly fromMs: number;
  readonly toMs: number;
  /** The latest sending time among the tuples that arrived before the silence. */
  readonly newestSentMs?: number;
}

export interface ReceiveTimeline {
  /** First and last arrival; absent when nothing arrived. */
  readonly firstMs?: number;
  readonly lastMs?: number;
  /** The longest silences, at most `GAPS_KEPT`, in time order. */
  readonly gaps: readonly ReceiveGap[];
  /** When the workload first sent a tuple: a silence before the first arrival begins there. */
  readonly firstSentMs?: number;
  /** The latest sending time among all the tuples that arrived. */
  readonly newestSentMs?: number;
}

export const GAPS_KEPT = 32;

export class TimelineRecorder {
  private first: number | undefined;
  private last: number | undefined;
  /** Longest first; a short array, so insertion by scan costs nothing that matters. */
  private readonly longest: ReceiveGap[] = [];

  constructor(private readonly keep = GAPS_KEPT) {}

  /** Tuples arrived at `atMs`; the newest of those that arrived before was sent at `newestSentMs`. */
  arrived(atMs: number, newestSentMs?: number): void {
    if (this.last !== undefined && atMs > this.last) this.gap({ fromMs: this.last, toMs: atMs, ...(newestSentMs === undefined ? {} : { newestSentMs }) });
    this.first ??= atMs;
    if (this.last === undefined || atMs > this.last) this.last = atMs;
  }

  snapshot(): ReceiveTimeline {
    const gaps = [...this.longest].sort((a, b) => a.fromMs - b.fromMs);
    return { ...(this.first === undefined ? {} : { firstMs: this.first }), ...(this.last === undefined ? {} : { lastMs: this.last }), gaps };
  }

  private gap(g: ReceiveGap): void {
    const length = gapMs(g);
    const full = this.longest.length >= this.keep;
    if (full && length <= gapMs(this.longest[this.longest.length - 1]!)) return;
    let i = this.longest.length;
    while (i > 0 && gapMs(this.longest[i - 1]!) < length) i--;
    this.longest.splice(i, 0, g);
    if (this.longest.length > this.keep) this.longest.pop();
  }
}

const gapMs = (g: ReceiveGap) => g.toMs - g.fromMs;
