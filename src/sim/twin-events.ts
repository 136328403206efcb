/**
 * What really happened in the twin, as its ground truth records it (docs/twin.md, "Ground
 * truth"). Datacenter processes report these to the coordinator, which numbers them. A real
 * Streams deployment has nothing like it: xdc's observation code must never read it.
 *
 * Every event names the datacenter where it happened (`dc`); the toolkit's events name the
 * observing datacenter (`dc`, repeated as `observer`) and the remote one.
 */
export type TwinEventBody =
  | { type: "dc.started"; dc: string; pid: number }
  | { type: "dc.exited"; dc: string; code: number | null; signal: string | null; expected: boolean }
  | { type: "job.submitted"; dc: string; jobId: string; jobName: string; application: string; role: string }
  | { type: "job.cancelled"; dc: string; jobId: string; jobName: string }
  | { type: "pe.crashed"; dc: string; jobId: string; peId: string; pid: number | null; host: string; reason: string }
  | { type: "pe.restarted"; dc: string; jobId: string; peId: string; pid: number; host: string; launchCount: number }
  | { type: "pe.stopped"; dc: string; jobId: string; peId: string; pid: number | null; restarting: boolean }
  | { type: "pe.suspended" | "pe.resumed"; dc: string; jobId: string; peId: string; pid: number }
  | HostChange
  | { type: "heartbeat.missed"; dc: string; jobId: string; observer: string; remote: string; count: number }
  | { type: "heartbeat.restored"; dc: string; jobId: string; observer: string; remote: string; afterTicks: number }
  | { type: "dc.declaredDown"; dc: string; jobId: string; observer: string; remote: string; lastHeartbeat: number | null }
  | { type: "dc.declaredUp"; dc: string; jobId: string; observer: string; remote: string; previous: "unknown" | "down" }
  | { type: "takeover"; dc: string; jobId: string; survivor: string; lost: string; mode: "active" | "passive" }
  | { type: "snapshot.sent"; dc: string; jobId: string; remote: string; items: number; messageType: 2 | 4 }
  | { type: "snapshot.stored"; dc: string; jobId: string; origin: string; items: number }
  | { type: "snapshot.replayed"; dc: string; jobId: string; origin: string; items: number }
  | { type: "snapshot.discarded"; dc: string; jobId: string; origin: string; items: number; reason: "orderlyShutdown" | "startup" }
  | { type: "orderlyShutdown.sent"; dc: string; jobId: string; remote: string; delivered: boolean }
  | { type: "orderlyShutdown.received"; dc: string; jobId: string; origin: string }
  | { type: "tuple.firstAfterTakeover"; dc: string; jobId: string; sink: string; afterTakeoverMs: number };

/** The change events of a simulated host (src/sim/host/types.ts `HostEvent`), under their own names. */
export const HOST_CHANGE_TYPES = [
  "rule.added",
  "rule.removed",
  "chain.added",
  "chain.removed",
  "policy.changed",
  "qdisc.added",
  "qdisc.changed",
  "qdisc.removed",
  "signal.sent",
  "stress.started",
  "stress.ended",
] as const;

/** A change on a simulated host (iptables, tc, signals, stress) with the host's own fields. */
export interface HostChange {
  type: (typeof HOST_CHANGE_TYPES)[number];
  dc: string;
  host: string;
  [field: string]: unknown;
}

export type TwinEventType = TwinEventBody["type"];

/** A recorded event: numbered by the coordinator, timed (epoch ms) where it happened. */
export type TwinEvent = TwinEventBody & { readonly seq: number; readonly time: number };
