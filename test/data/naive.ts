import type { TupleId, TupleRecorder } from "../../src/data/records.js";

/**
 * The obvious validation, kept as the model the property tests compare against and as the
 * benchmark's baseline: a Set of received ids and a scan over the array of acknowledged ones.
 */
export class NaiveTracker implements TupleRecorder {
  private sentCount = 0;
  private readonly ackedIds: TupleId[] = [];
  private readonly seen = new Set<string>();
  private readonly duplicated = new Set<string>();
  private readonly newest = new Map<string, number>();
  private outOfOrder = 0;
  private extra = 0;

  sent(ids: readonly TupleId[]): void {
    // Re-sends are not told apart: the baseline counts sendings.
    this.sentCount += ids.length;
  }

  acked(ids: readonly TupleId[]): void {
    for (const id of ids) this.ackedIds.push(id);
  }

  failed(): void {}

  received(ids: readonly TupleId[]): void {
    for (const id of ids) {
      const k = keyOf(id);
      if (this.seen.has(k)) {
        this.duplicated.add(k);
        this.extra++;
        continue;
      }
      this.seen.add(k);
      const newest = this.newest.get(id.stream) ?? -1;
      if (id.seq < newest) this.outOfOrder++;
      else this.newest.set(id.stream, id.seq);
    }
  }

  report(): { sent: number; acked: number; received: number; lost: TupleId[]; duplicates: string[]; extraDeliveries: number; outOfOrder: number } {
    const ackedKeys = new Set<string>();
    const lost: TupleId[] = [];
    for (const id of this.ackedIds) {
      const k = keyOf(id);
      if (ackedKeys.has(k)) continue;
      ackedKeys.add(k);
      if (!this.seen.has(k)) lost.push(id);
    }
    return {
      sent: this.sentCount,
      acked: ackedKeys.size,
      received: this.seen.size,
      lost,
      duplicates: [...this.duplicated].sort(),
      extraDeliveries: this.extra,
      outOfOrder: this.outOfOrder,
    };
  }
}

export const keyOf = (id: TupleId) => `${id.stream}\u0000${id.seq}`;
