/** How many reads (or acknowledged batches) a Flow remembers: minutes of history, never one entry per tuple. */
const KEPT = 4_096;

/**
 * Tuples moving through one place (a sink in one datacenter, a workload's acknowledgements), as
 * counts per read or batch in a ring of fixed size: the throughput over a recent window, and when
 * tuples first and last moved around an instant, in bounded memory however long the run.
 */
export class Flow {
  private readonly at = new Float64Array(KEPT);
  private readonly n = new Float64Array(KEPT);
  /** Entries written so far; the ring holds the last KEPT of them. */
  private written = 0;
  total = 0;

  add(atMs: number, count: number): void {
    if (count <= 0) return;
    const i = this.written % KEPT;
    this.at[i] = atMs;
    this.n[i] = count;
    this.written++;
    this.total += count;
  }

  /** Newest first: the entries still held, as [atMs, count]. */
  private *recent(): Generator<[number, number]> {
    for (let k = this.written - 1; k >= Math.max(0, this.written - KEPT); k--) yield [this.at[k % KEPT]!, this.n[k % KEPT]!];
  }

  /** Tuples per second over `(nowMs - overMs, nowMs]`. */
  rate(nowMs: number, overMs: number): number {
    let sum = 0;
    for (const [at, count] of this.recent()) {
      if (at <= nowMs - overMs) break;
      if (at <= nowMs) sum += count;
    }
    return (sum * 1000) / overMs;
  }

  /** The first time tuples moved at or after `tMs`, if any has since (and is still held). */
  firstAtOrAfter(tMs: number): number | undefined {
    let first: number | undefined;
    for (const [at] of this.recent()) {
      if (at < tMs) break;
      first = at;
    }
    return first;
  }

  /** The last time tuples moved at or before `tMs`. */
  lastAtOrBefore(tMs: number): number | undefined {
    for (const [at] of this.recent()) if (at <= tMs) return at;
    return undefined;
  }
}
