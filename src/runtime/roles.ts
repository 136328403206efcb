import type { DcRole, JournalEvent } from "./journal/events.js";

type Role = Extract<JournalEvent, { kind: "role" }>;

/** A datacenter's role over an interval: role changes (the observer's, or the journal's `role` events) turned into intervals. */
export interface RoleSpan {
  readonly dc: string;
  readonly role: DcRole;
  readonly fromMs: number;
  readonly toMs: number;
  readonly signals: readonly string[];
}

/** Each role holds from its event until the same datacenter's next role event (or the end). */
export function roleSpans(events: readonly Pick<Role, "dc" | "role" | "t" | "signals">[], endMs: number): RoleSpan[] {
  const sorted = [...events].sort((a, b) => a.t - b.t);
  const nextOfDc = new Map<string, number>();
  const spans: RoleSpan[] = [];
  for (let i = sorted.length - 1; i >= 0; i--) {
    const e = sorted[i]!;
    spans.push({ dc: e.dc, role: e.role, fromMs: e.t, toMs: Math.max(e.t, nextOfDc.get(e.dc) ?? endMs), signals: e.signals });
    nextOfDc.set(e.dc, e.t);
  }
  return spans.reverse();
}
