/**
 * A first-in first-out queue with O(1) push and shift: an array read from a moving head,
 * compacted once the consumed part outgrows the rest. The data path moves a hundred thousand
 * tuples a second through these; `Array.prototype.shift` would copy the array every time.
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  pushAll(items: readonly T[]): void {
    for (const item of items) this.items.push(item);
  }

  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** Removes and returns up to `n` items from the front. */
  take(n: number): T[] {
    const end = Math.min(this.items.length, this.head + Math.max(0, n));
    const out = this.items.slice(this.head, end);
    this.head = end;
    this.compact();
    return out;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    this.compact();
    return item;
  }

  /** The item `i` places from the front. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.items[this.head + i] : undefined;
  }

  /** Items `from` (inclusive) to `to` (exclusive) places from the front, without removing them. */
  slice(from: number, to: number): T[] {
    return this.items.slice(this.head + Math.max(0, from), this.head + Math.min(this.length, to));
  }

  /** Removes `n` items from the front. */
  drop(n: number): void {
    this.head = Math.min(this.items.length, this.head + Math.max(0, n));
    this.compact();
  }

  /** Every item, front first, without removing them. */
  toArray(): T[] {
    return this.items.slice(this.head);
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }

  private compact(): void {
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
