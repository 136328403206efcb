/**
 * Latency quantiles in fixed memory: a log-bucketed histogram (the DDSketch idea). Every value
 * above 1 µs falls in a bucket whose bounds differ by the factor GAMMA, so any quantile is
 * known within RELATIVE_ERROR of the true one; minimum and maximum are exact. Values at or
 * below 1 µs (including negative ones from coarse clocks) count as zero.
 */
export const RELATIVE_ERROR = 0.01;
const GAMMA = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);
/** Values are milliseconds; the smallest non-zero one a bucket holds is 1 µs. */
const MIN_MS = 0.001;
/** 1e9 ms is eleven days: larger values go into the last bucket (max stays exact). */
const BUCKETS = Math.ceil(Math.log(1e9 / MIN_MS) / LOG_GAMMA) + 1;

/** A plain-data snapshot of the histogram: serialisable, and enough to answer any quantile. */
export interface LatencySketch {
  readonly count: number;
  readonly zeros: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** [bucket index, count] for every non-empty bucket, in increasing order. */
  readonly buckets: readonly (readonly [number, number])[];
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private count = 0;
  private zeros = 0;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  add(ms: number): void {
    this.count++;
    if (ms < this.min) this.min = ms;
    if (ms > this.max) this.max = ms;
    if (ms <= MIN_MS) {
      this.zeros++;
      return;
    }
    const i = Math.ceil(Math.log(ms / MIN_MS) / LOG_GAMMA);
    this.counts[i < BUCKETS ? i : BUCKETS - 1]!++;
  }

  snapshot(): LatencySketch {
    const buckets: [number, number][] = [];
    this.counts.forEach((c, i) => {
      if (c > 0) buckets.push([i, c]);
    });
    return { count: this.count, zeros: this.zeros, minMs: this.min, maxMs: this.max, buckets };
  }
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of the sketched values, the nearest-rank definition: the value
 * at rank ⌈q·count⌉; undefined over no values. q = 0 and q = 1 give the exact min and max.
 */
export function quantile(s: LatencySketch, q: number): number | undefined {
  if (s.count === 0) return undefined;
  if (q <= 0) return s.minMs;
  if (q >= 1) return s.maxMs;
  const rank = Math.max(1, Math.ceil(q * s.count));
  if (rank <= s.zeros) return Math.max(s.minMs, 0);
  let seen = s.zeros;
  for (const [i, c] of s.buckets) {
    seen += c;
    if (seen >= rank) return clamp(MIN_MS * bucketValue(i), s.minMs, s.maxMs);
  }
  return s.maxMs;
}

/** The point of bucket i whose relative distance to both bounds is RELATIVE_ERROR. */
const bucketValue = (i: number) => (2 * GAMMA ** i) / (GAMMA + 1);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
