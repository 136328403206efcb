import type { Clock } from "../runtime/clock.js";

/**
 * Runs an action per key (a document) once its edits pause. An edit that comes after a quiet
 * spell is acted on at once (after a zero wait, so changes that arrived together still make
 * one action); an edit that follows another within the quiet period waits for the period to
 * pass without a newer one. So a lone keystroke costs no delay and a burst costs one check.
 * Time comes from a Clock, so a test moves a virtual one instead of waiting.
 */
export class Debouncer {
  private readonly pending = new Map<string, AbortController>();
  private readonly lastEdit = new Map<string, number>();

  constructor(private readonly clock: Clock, private readonly delayMs: number) {}

  schedule(key: string, action: () => void): void {
    const now = this.clock.now();
    const last = this.lastEdit.get(key);
    const quiet = !this.pending.has(key) && (last === undefined || now - last >= this.delayMs);
    this.lastEdit.set(key, now);
    this.cancel(key);
    const waiting = new AbortController();
    this.pending.set(key, waiting);
    this.clock.sleep(quiet ? 0 : this.delayMs, waiting.signal).then(
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

  /** The document closed: forget it. */
  forget(key: string): void {
    this.cancel(key);
    this.lastEdit.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}
