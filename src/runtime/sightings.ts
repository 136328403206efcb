/** A stretch of the run's clock during which something was not seen, and the last reason why. */
export interface Unobserved {
  readonly fromMs: number;
  readonly toMs: number;
  readonly why: string;
}

/** Stretches kept; older ones go first. A run polls at most a few times a second for hours. */
const MAX_KEPT = 10_000;

/**
 * When something was last seen, kept as the stretches between sightings: what an `await` needs
 * to tell "it did not happen" from "it could not be watched" (docs/language.md, "await"). Only
 * stretches longer than `keepAboveMs` are kept, so memory stays bounded however long the run.
 */
export class Sightings {
  private last: number;
  private why: string | undefined;
  private readonly stretches: Unobserved[] = [];

  /** `startMs`: when watching began; nothing was seen before it. */
  constructor(
    startMs: number,
    private readonly keepAboveMs: number,
  ) {
    this.last = startMs;
  }

  /** When it was last seen (when watching began, if never). */
  get lastSeenMs(): number {
    return this.last;
  }

  seen(atMs: number): void {
    if (atMs - this.last > this.keepAboveMs) {
      this.stretches.push({ fromMs: this.last, toMs: atMs, why: this.why ?? "no answer" });
      if (this.stretches.length > MAX_KEPT) this.stretches.shift();
    }
    this.last = Math.max(this.last, atMs);
    this.why = undefined;
  }

  /** A look that saw nothing; `why` is kept for the stretch it belongs to. */
  missed(why: string): void {
    this.why = why;
  }

  /**
   * The stretches of [fromMs, toMs] longer than `graceMs` in which nothing was seen, clipped to
   * it; the last runs to `toMs` when nothing has been seen since.
   */
  unobserved(fromMs: number, toMs: number, graceMs: number): Unobserved[] {
    const open: Unobserved = { fromMs: this.last, toMs, why: this.why ?? "no answer" };
    return [...this.stretches, open]
      .map((s) => ({ ...s, fromMs: Math.max(s.fromMs, fromMs), toMs: Math.min(s.toMs, toMs) }))
      .filter((s) => s.toMs - s.fromMs > graceMs);
  }
}
