import type { Clock } from "../runtime/clock.js";

/**
 * Runs an action once things have been quiet for a while, per key: each keystroke restarts
 * its document's wait, so a burst of typing costs one check. Time comes from a Clock, so a
 * test moves a virtual one instead of waiting.
 */
export class Debouncer {
  private readonly pending = new Map<string, AbortController>();

  constructor(private readonly clock: Clock, private readonly delayMs: number) {}

  schedule(key: string, action: () => void): void {
    this.cancel(key);
    const waiting = new AbortController();
    this.pending.set(key, waiting);
    this.clock.sleep(this.delayMs, waiting.signal).then(
      () => {
        if (this.pending.get(key) !== waiting) return;
        this.pending.delete(key);
        action();
      },
      () => undefined, // cancelled: a newer edit or a close took its place
    );
  }

  cancel(key: string): void {
    this.pending.get(key)?.abort();
    this.pending.delete(key);
  }

  /** Whether an action waits for this key. */
  has(key: string): boolean {
    return this.pending.has(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}
