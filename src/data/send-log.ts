/**
 * When each tuple of one key stream was first sent, kept as runs: a run starts at a sequence
 * number and every later number up to the next run's start left at the run's time. A batch is
 * one run per stream in it, so memory follows the number of batches, not of tuples.
 *
 * Past `limit` runs, every second run is dropped: the numbers it covered then take the time of
 * the run before, an earlier time, so latencies can only be overstated, never flattered.
 */
export class SendLog {
  private starts: number[] = [];
  private times: number[] = [];
  /** Run of the previous look-up: receives come mostly in order. */
  private cursor = 0;

  constructor(private readonly limit = 100_000) {}

  get runCount(): number {
    return this.starts.length;
  }

  /** Notes that `seq`, newer than every number noted before, was first sent at `atMs`. */
  note(seq: number, atMs: number, contiguous: boolean): void {
    const n = this.times.length;
    if (n > 0 && contiguous && this.times[n - 1] === atMs) return;
    this.starts.push(seq);
    this.times.push(atMs);
    if (this.starts.length > this.limit) this.halve();
  }

  /** When `seq` was first sent; undefined before the first run. */
  timeOf(seq: number): number | undefined {
    const i = this.runOf(seq);
    return i < 0 ? undefined : this.times[i];
  }

  /**
   * The sequence numbers first sent within [fromMs, toMs], as [lo, hi] (hi may be +Infinity:
   * the last run has no end); lo > hi when there are none.
   */
  seqsSentWithin(fromMs: number, toMs: number): { lo: number; hi: number } {
    const n = this.times.length;
    let first = 0;
    while (first < n && this.times[first]! < fromMs) first++;
    let last = n - 1;
    while (last >= 0 && this.times[last]! > toMs) last--;
    if (first >= n || last < first) return { lo: 1, hi: 0 };
    const hi = last === n - 1 ? Number.POSITIVE_INFINITY : this.starts[last + 1]! - 1;
    return { lo: this.starts[first]!, hi };
  }

  private runOf(seq: number): number {
    const starts = this.starts;
    const n = starts.length;
    const c = this.cursor;
    if (c < n && starts[c]! <= seq) {
      if (c + 1 >= n || starts[c + 1]! > seq) return c;
      if (c + 2 >= n || starts[c + 2]! > seq) return (this.cursor = c + 1);
    }
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= seq) lo = mid + 1;
      else hi = mid - 1;
    }
    if (hi >= 0) this.cursor = hi;
    return hi;
  }

  private halve(): void {
    this.starts = this.starts.filter((_, i) => i % 2 === 0);
    this.times = this.times.filter((_, i) => i % 2 === 0);
    this.cursor = 0;
  }
}
