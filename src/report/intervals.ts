import type { JournalEvent } from "../runtime/journal/events.js";

/** Point events turned into intervals, which is how a timeline draws them. */
type Applied = Extract<JournalEvent, { kind: "fault.applied" }>;
type Reverted = Extract<JournalEvent, { kind: "fault.reverted" }>;

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

export { roleSpans, type RoleSpan } from "../runtime/roles.js";
