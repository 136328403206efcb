import type { ComputeSpec } from "../bundle/manifest.js";

/**
 * What the demo application's processing operator computes into each tuple it emits
 * (docs/twin.md, "What the application computes"): products of input attributes (`total = qty
 * × price`) and running aggregates per key (a count, sums), so that checks on the output have
 * something real to judge. The aggregates are the operator's state: a data snapshot carries
 * them, and a survivor that takes over restores them before it replays the snapshot's tuples,
 * so its values continue those of the side it replaces. With `restore` false (the submission
 * parameter the manifest names set to "reset") a survivor starts from nothing: the bug
 * `continues(…)` exists to catch.
 */
export class Compute {
  private readonly state = new Map<string, number[]>();

  constructor(private readonly spec: ComputeSpec, private readonly restore: boolean) {}

  /** Writes the computed attributes into a tuple as it is emitted, and counts it into its key's aggregates. */
  apply(t: Record<string, unknown>): void {
    for (const p of this.spec.products) {
      let product = 1;
      let ok = true;
      for (const f of p.of) {
        const x = t[f];
        if (typeof x === "number") product *= x;
        else ok = false;
      }
      if (ok) t[p.as] = product;
    }
    // Tuples without the key (another workload's) are not aggregated.
    const k = t[this.spec.key];
    if (this.spec.running.length === 0 || (typeof k !== "string" && typeof k !== "number")) return;
    const key = String(k);
    let figures = this.state.get(key);
    if (!figures) this.state.set(key, (figures = this.spec.running.map(() => 0)));
    this.spec.running.forEach((r, i) => {
      const x = r.sum === undefined ? 1 : t[r.sum];
      figures![i]! += typeof x === "number" ? x : 0;
      t[r.as] = figures![i]!;
    });
  }

  /** The aggregates, for a data snapshot. */
  snapshot(): Record<string, number[]> {
    return Object.fromEntries([...this.state].map(([k, v]) => [k, [...v]]));
  }

  /** A survivor taking over: the aggregates of the snapshot it replays, unless it is the broken kind. */
  restoreFrom(snapshot: unknown): void {
    if (!this.restore || typeof snapshot !== "object" || snapshot === null) return;
    this.state.clear();
    for (const [k, v] of Object.entries(snapshot as Record<string, unknown>)) {
      if (Array.isArray(v) && v.every((x) => typeof x === "number")) this.state.set(k, [...(v as number[])]);
    }
  }
}

/** The snapshot item that carries the aggregates, apart from the tuples. */
export const AGGREGATES = "_aggregates";
