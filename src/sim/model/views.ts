import type { ViewSpec } from "../bundle/manifest.js";
import type { Job, View, ViewItem } from "./types.js";

/**
 * A view's window: the stream's latest tuples, sampled. What it buffers follows the real view
 * server's rules as far as clients can see them: nothing before it is active (`automatic`: from
 * the job's start; `firstAccess`: from the first read of its items), at most
 * `maximumTupleRate` tuples in any one second of collection time, only the tuples its filter
 * matches, each reduced to the view's attributes and stamped with its `collectionTime`; the
 * window keeps the latest `bufferTuples`, or those of the last `bufferSeconds`.
 */
export class ViewRecord implements View {
  readonly id: string;
  private activeSince: number | undefined;
  private window: ViewItem[] = [];
  private second = Number.NEGATIVE_INFINITY;
  private takenThisSecond = 0;
  private readonly filter: { readonly attribute: string; readonly pattern: RegExp } | undefined;

  constructor(
    readonly spec: ViewSpec,
    readonly job: Job,
    now: number,
  ) {
    // Job ids are unique in the instance and view names within an application.
    this.id = `${job.id}-${spec.name}`;
    this.filter = spec.filter ? { attribute: spec.filter.attribute, pattern: new RegExp(spec.filter.regularExpression) } : undefined;
    if (spec.activateOption === "automatic") this.activeSince = now;
  }

  get active(): boolean {
    return this.activeSince !== undefined;
  }

  /** A client read the view: a `firstAccess` view starts buffering now. */
  activate(now: number): void {
    this.activeSince ??= now;
  }

  /** Tuples that passed on the viewed stream at `now`. */
  offer(tuples: readonly unknown[], now: number): void {
    if (this.activeSince === undefined) return;
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.takenThisSecond = 0;
    }
    for (const t of tuples) {
      if (this.takenThisSecond >= this.spec.maximumTupleRate) break;
      if (typeof t !== "object" || t === null || Array.isArray(t)) continue;
      const tuple = t as Record<string, unknown>;
      if (this.filter && !this.filter.pattern.test(String(tuple[this.filter.attribute] ?? ""))) continue;
      this.window.push({ collectionTime: now, data: this.project(tuple) });
      this.takenThisSecond++;
    }
    this.evict(now);
  }

  /** The window's items, oldest first. */
  items(now: number): readonly ViewItem[] {
    this.evict(now);
    return [...this.window];
  }

  private project(tuple: Record<string, unknown>): Record<string, unknown> {
    const data: Record<string, unknown> = {};
    for (const a of this.spec.attributes) if (a.name in tuple) data[a.name] = tuple[a.name];
    return data;
  }

  private evict(now: number): void {
    const { bufferTuples, bufferSeconds } = this.spec;
    let drop = 0;
    if (bufferSeconds === undefined) drop = Math.max(0, this.window.length - (bufferTuples ?? 0));
    else {
      const oldest = now - bufferSeconds * 1000;
      while (drop < this.window.length && this.window[drop]!.collectionTime < oldest) drop++;
    }
    // One splice per offer, not one shift per tuple.
    if (drop > 0) this.window = this.window.slice(drop);
  }
}
