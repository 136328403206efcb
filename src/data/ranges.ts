/**
 * A set of non-negative integers kept as sorted, disjoint, non-adjacent inclusive ranges: the
 * sequence numbers of one key stream. A stream delivered in order is one range however long it
 * is, so memory follows the number of holes, not the number of tuples.
 *
 * Additions near the end (the usual case, also under local reordering) take constant time;
 * elsewhere a binary search and an array splice.
 */

/** Inclusive range of sequence numbers. */
export interface SeqRange {
  readonly from: number;
  readonly to: number;
}

export class RangeSet {
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private total = 0;

  /** How many numbers the set holds. */
  get size(): number {
    return this.total;
  }

  /** How many ranges the set is made of (its memory). */
  get rangeCount(): number {
    return this.from.length;
  }

  /** The largest number held, or -1 when empty. */
  get max(): number {
    const n = this.to.length;
    return n === 0 ? -1 : this.to[n - 1]!;
  }

  has(x: number): boolean {
    const i = this.indexAtOrBefore(x);
    return i >= 0 && x <= this.to[i]!;
  }

  /** Adds `x`; false when it was already there. */
  add(x: number): boolean {
    const from = this.from;
    const to = this.to;
    const n = from.length;
    // Fast path: extends the last range, or starts a new one after it.
    if (n === 0 || x > to[n - 1]! + 1) {
      from.push(x);
      to.push(x);
    } else if (x === to[n - 1]! + 1) {
      to[n - 1] = x;
    } else {
      const i = this.indexAtOrBefore(x);
      if (i >= 0 && x <= to[i]!) return false;
      const joinsLeft = i >= 0 && x === to[i]! + 1;
      const joinsRight = i + 1 < n && x === from[i + 1]! - 1;
      if (joinsLeft && joinsRight) {
        to[i] = to[i + 1]!;
        from.splice(i + 1, 1);
        to.splice(i + 1, 1);
      } else if (joinsLeft) to[i] = x;
      else if (joinsRight) from[i + 1] = x;
      else {
        from.splice(i + 1, 0, x);
        to.splice(i + 1, 0, x);
      }
    }
    this.total++;
    return true;
  }

  /** Adds every number in [lo, hi]; returns how many were new. */
  addRange(lo: number, hi: number): number {
    if (hi < lo) return 0;
    const n = this.from.length;
    if (n === 0 || lo > this.to[n - 1]! + 1) {
      this.from.push(lo);
      this.to.push(hi);
      this.total += hi - lo + 1;
      return hi - lo + 1;
    }
    if (lo === this.to[n - 1]! + 1) {
      this.to[n - 1] = hi;
      this.total += hi - lo + 1;
      return hi - lo + 1;
    }
    // Ranges [first, last] are those touching or adjacent to [lo, hi]; they merge into one.
    let first = this.indexAtOrBefore(lo);
    if (first < 0 || this.to[first]! + 1 < lo) first++;
    let last = this.indexAtOrBefore(hi + 1);
    if (last < first) {
      this.from.splice(first, 0, lo);
      this.to.splice(first, 0, hi);
      this.total += hi - lo + 1;
      return hi - lo + 1;
    }
    // Adjacent ranges overlap [lo, hi] by zero, so `covered` counts only numbers already held.
    let covered = 0;
    let before = 0;
    for (let i = first; i <= last; i++) {
      covered += Math.min(this.to[i]!, hi) - Math.max(this.from[i]!, lo) + 1;
      before += this.to[i]! - this.from[i]! + 1;
    }
    const newLo = Math.min(lo, this.from[first]!);
    const newHi = Math.max(hi, this.to[last]!);
    this.from.splice(first, last - first + 1, newLo);
    this.to.splice(first, last - first + 1, newHi);
    this.total += newHi - newLo + 1 - before;
    return hi - lo + 1 - covered;
  }

  /** The ranges in increasing order. */
  *ranges(): IterableIterator<SeqRange> {
    for (let i = 0; i < this.from.length; i++) yield { from: this.from[i]!, to: this.to[i]! };
  }

  /** The ranges of this set that `other` lacks, in increasing order; `limitTo` cuts them at that number. */
  *minus(other: RangeSet, limitTo = Number.POSITIVE_INFINITY): IterableIterator<SeqRange> {
    let j = 0;
    for (let i = 0; i < this.from.length; i++) {
      let lo = this.from[i]!;
      const hi = Math.min(this.to[i]!, limitTo);
      if (lo > hi) return;
      while (j < other.from.length && other.to[j]! < lo) j++;
      while (lo <= hi) {
        if (j >= other.from.length || other.from[j]! > hi) {
          yield { from: lo, to: hi };
          break;
        }
        if (other.from[j]! > lo) yield { from: lo, to: other.from[j]! - 1 };
        lo = other.to[j]! + 1;
        if (other.to[j]! <= hi) j++;
      }
    }
  }

  /** Index of the last range starting at or before `x`, or -1. */
  private indexAtOrBefore(x: number): number {
    let lo = 0;
    let hi = this.from.length - 1;
    // Most look-ups concern the newest numbers: try the last two ranges first.
    if (hi >= 0 && this.from[hi]! <= x) return hi;
    if (hi >= 1 && this.from[hi - 1]! <= x) return hi - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.from[mid]! <= x) lo = mid + 1;
      else hi = mid - 1;
    }
    return hi;
  }
}
