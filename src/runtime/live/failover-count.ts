import type { Unobserved } from "../sightings.js";
import { unobservedGraceMs, unobservedReason } from "../interpreter/unobserved.js";
import type { FailoverCount, Reading } from "../world.js";

/** One failover as the observer reported it: enough to count it. */
export interface SeenFailover {
  readonly from: string;
  readonly to: string;
  readonly takeoverAtMs: number;
}

/** What one application's failover observer has seen, from when it started watching. */
export interface Watched {
  /** When its last submission before the observer started was done: from then on there was something to fail over. */
  readonly submittedAtMs: number;
  /** When the observer started. */
  readonly sinceMs: number;
  readonly failovers: readonly SeenFailover[];
  /** The datacenters it watches. */
  readonly dcs: readonly string[];
  /** The stretches a datacenter could not be seen (FailoverObserver.unobserved). */
  readonly unobserved: (dc: string, fromMs: number, toMs: number, graceMs: number) => readonly Unobserved[];
}

/**
 * `failovers(…)`: the failovers the observer saw taken over in the window. A count of none is
 * a claim that none happened, so it holds only when the window was watched: the datacenters
 * that could have taken over (the `to` asked about, or every one) in sight for all but a tenth
 * of it, by the rule `await failover`'s "not met" follows (interpreter/unobserved.ts). The
 * observer starts at the first look at the application after it was submitted: the time
 * between is unwatched too. A failover seen counts whatever was missed.
 */
export function countFailovers(w: Watched | undefined, q: FailoverCount, pollMs: number): Reading<number> {
  const app = q.app.name;
  if (!w) return { kind: "no-data", reason: `nothing watched ${app}'s roles (it was never submitted, or nothing looked at it after it was)` };
  if (w.sinceMs > q.toMs) return { kind: "no-data", reason: `xdc began watching ${app}'s roles only after the window it was asked about` };
  const seen = w.failovers.filter((f) => f.takeoverAtMs >= q.fromMs && f.takeoverAtMs <= q.toMs && (q.to === undefined || f.to === q.to) && (q.from === undefined || f.from === q.from));
  if (seen.length > 0) return { kind: "value", value: seen.length };
  // Before the submission nothing could fail over.
  const fromMs = Math.max(q.fromMs, w.submittedAtMs);
  const windowMs = q.toMs - fromMs;
  if (windowMs <= 0) return { kind: "no-data", reason: `${app} was not running in the window it was asked about` };
  const graceMs = unobservedGraceMs(pollMs);
  const unwatched: Unobserved[] = w.sinceMs - fromMs > graceMs ? [{ fromMs, toMs: w.sinceMs, why: `xdc was not watching ${app}'s roles yet (it starts at the first look at the application after it is submitted)` }] : [];
  for (const dc of q.to !== undefined ? [q.to] : w.dcs.filter((d) => d !== q.from)) {
    const why = unobservedReason([...unwatched, ...w.unobserved(dc, Math.max(fromMs, w.sinceMs), q.toMs, graceMs)], fromMs, windowMs);
    if (why !== undefined) return { kind: "no-data", reason: `no failover of ${app} was seen, but ${dc} was not watched well enough to say there was none: ${why}` };
  }
  return { kind: "value", value: 0 };
}
