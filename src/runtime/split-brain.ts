import type { RoleSpan } from "./roles.js";

/**
 * Split brain: an interval in which two or more datacenters are `active` at once, read from
 * the observer's role events. The Cross-DC Failover toolkit has no quorum and no fencing
 * (docs/twin.md, "When a partition heals"): in a partition longer than its allowance the
 * standby takes over while the primary keeps running, and both accept and emit tuples.
 */
export interface SplitBrainSpan {
  readonly fromMs: number;
  readonly toMs: number;
  /** The datacenters active during the interval, in name order. */
  readonly dcs: readonly string[];
}

/** Every maximal interval with two or more datacenters active, in time order; touching intervals with the same datacenters are one. */
export function splitBrainSpans(roles: readonly RoleSpan[]): SplitBrainSpan[] {
  const active = roles.filter((r) => r.role === "active" && r.toMs > r.fromMs);
  const edges = [...new Set(active.flatMap((r) => [r.fromMs, r.toMs]))].sort((a, b) => a - b);
  const spans: SplitBrainSpan[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i]!, edges[i + 1]!];
    const dcs = [...new Set(active.filter((r) => r.fromMs <= from && r.toMs >= to).map((r) => r.dc))].sort();
    if (dcs.length < 2) continue;
    const last = spans.at(-1);
    if (last !== undefined && last.toMs === from && last.dcs.join() === dcs.join()) spans[spans.length - 1] = { ...last, toMs: to };
    else spans.push({ fromMs: from, toMs: to, dcs });
  }
  return spans;
}

/** The total time of the intervals, in ms. */
export const splitBrainMs = (spans: readonly SplitBrainSpan[]): number => spans.reduce((sum, s) => sum + (s.toMs - s.fromMs), 0);
