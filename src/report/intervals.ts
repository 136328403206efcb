import type { DcRole, JournalEvent } from "../runtime/journal/events.js";

/** Point events turned into intervals, which is how a timeline draws them. */
type Applied = Extract<JournalEvent, { kind: "fault.applied" }>;
type Reverted = Extract<JournalEvent, { kind: "fault.reverted" }>;
type Role = Extract<JournalEvent, { kind: "role" }>;

export interface FaultSpan {
  readonly id: string;
  readonly fault: string;
  readonly what: string;
  /** The fault's parameters in a few words (`drop 10% of packets dc1 <-> dc2`), when the journal has them. */
  readonly summary?: string;
  readonly hosts: readonly string[];
  readonly dcs: readonly string[];
  readonly fromMs: number;
  /** When it was reverted; the scenario's end when it never was. */
  readonly toMs: number;
  readonly status: Reverted["status"] | "still-applied";
  readonly problems: readonly string[];
}

export interface RoleSpan {
  readonly dc: string;
  readonly role: DcRole;
  readonly fromMs: number;
  readonly toMs: number;
  readonly signals: readonly string[];
}

export function faultSpans(events: readonly (Applied | Reverted)[], endMs: number): FaultSpan[] {
  const reverted = new Map<string, Reverted>();
  for (const e of events) if (e.kind === "fault.reverted" && !reverted.has(e.id)) reverted.set(e.id, e);
  return events
    .filter((e): e is Applied => e.kind === "fault.applied")
    .map((a) => {
      const r = reverted.get(a.id);
      return {
        id: a.id,
        fault: a.fault,
        what: a.what,
        ...(a.summary !== undefined ? { summary: a.summary } : {}),
        hosts: a.hosts,
        dcs: a.dcs,
        fromMs: a.t,
        toMs: Math.max(a.t, r?.t ?? endMs),
        status: r?.status ?? "still-applied",
        problems: r?.problems ?? [],
      };
    });
}

/** Each role holds from its event until the same datacenter's next role event (or the end). */
export function roleSpans(events: readonly Role[], endMs: number): RoleSpan[] {
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
