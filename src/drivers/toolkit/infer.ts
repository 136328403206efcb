import { Sightings, type Unobserved } from "../../runtime/sightings.js";
import type { DcRole, ObserverEvent } from "./types.js";
import { remoteStateOf, type DcReading } from "./reading.js";

export interface InferenceOptions {
  readonly dcs: readonly string[];
  /** The toolkit's `crossDCOperationMode`: only in active mode does a DC take over when it declares its remote DOWN. */
  readonly mode: "active" | "passive";
  /** How long a failover waits for its first tuple at the survivor's sinks before it is reported without one. */
  readonly firstTupleWaitMs: number;
  /** REST reads in a row that got no answer before a DC counts as unreachable. */
  readonly unreachableAfter: number;
  /** …and the least time from the first of them; 0: the count alone decides. */
  readonly unreachableAfterMs?: number;
  /** When observing began (what a DC not yet seen is unobserved since), and the poll interval; default 0 and 100 ms. */
  readonly startMs?: number;
  readonly intervalMs?: number;
}

type FailoverEvent = Extract<ObserverEvent, { type: "failover" }>;

interface DcState {
  role: DcRole;
  /** Declared unreachable (a streak long enough), or seen answering; undefined before either. */
  reachable: boolean | undefined;
  /** The current streak of REST reads that got no answer: since the first was sent, how many, the last kind. */
  unanswered?: { since: number; reads: number; kind: string };
  /** When it was last seen (a complete REST reading, or tuples at its sinks). */
  sightings: Sightings;
  /** The last heartbeat count, and the poll at which it last changed. */
  heartbeats?: number;
  changedAt?: number;
  /** The last few silences between heartbeats seen (ms between polls that saw the count change): what is normal. */
  gaps: number[];
  /** The first poll at which the current silence was longer than any normal one. */
  silentSince?: number;
  /** When this DC's current outage began: its job seen gone, or its REST API's silence that made it unreachable. */
  failingSince?: number;
  /** A failover to this DC waiting for its first tuple. */
  pending?: { event: FailoverEvent; deadline: number };
}

const WATCHDOG_DOWN = "watchdog-declared-remote-down";
const GAPS_KEPT = 8;
/**
 * Unanswered REST reads in a row that, with the survivor's takeover to back them, date the
 * failure of the side that lost: one could be a stray reset just before a real takeover.
 */
const CORROBORATED_AFTER = 2;
/** Job statuses in which the application is not running in that DC. */
const GONE_STATUS: ReadonlySet<string> = new Set(["canceled", "canceling", "failed"]);
/** Values of the role parameter, and the role each means before anything happened. */
const ROLE_PARAMETER: Readonly<Record<string, DcRole>> = { primary: "active", active: "active", standby: "standby", passive: "standby", secondary: "standby" };

/**
 * Infers each datacenter's role from polls (docs/drivers.md, "Failover observer"); pure: the
 * same readings at the same times give the same events.
 *
 * - **down**: the job is gone (cancelled, failed, not listed), or the DC is unreachable: its
 *   REST API gave no answer at all to `unreachableAfter` reads in a row over at least
 *   `unreachableAfterMs`, while no tuple arrived at its sinks. Anything shorter, and every error
 *   answer (503, 429, …), is a gap in observation: it changes no role.
 * - **active**: its toolkit declared the remote DOWN in active mode (the watchdog's count is
 *   even), or tuples arrive at its watched sinks, or it was submitted as the primary and
 *   nothing said otherwise.
 * - **standby**: submitted as the standby, and no sign of a takeover yet.
 * - **unknown**: nothing said which (no role parameter, no data, no toolkit metrics).
 *
 * A DC that becomes active while another was active is a **failover** from that one. Its
 * detection time is the first sign that the old side failed: it was seen down or unreachable,
 * its REST API stopped answering (CORROBORATED_AFTER reads in a row, backed by the takeover),
 * or the survivor's heartbeat count stopped growing (whichever came first in this episode).
 */
export class RoleInference {
  private readonly state = new Map<string, DcState>();

  constructor(private readonly o: InferenceOptions) {
    for (const dc of o.dcs) this.state.set(dc, { role: "unknown", reachable: undefined, sightings: new Sightings(o.startMs ?? 0, o.intervalMs ?? 100), gaps: [] });
  }

  /** The stretches of [fromMs, toMs] longer than `graceMs` in which `dc` could not be seen. */
  unobserved(dc: string, fromMs: number, toMs: number, graceMs: number): Unobserved[] {
    const s = this.state.get(dc);
    if (s) return s.sightings.unobserved(fromMs, toMs, graceMs);
    // A DC the observer does not poll is never seen.
    return toMs - fromMs > graceMs ? [{ fromMs, toMs, why: `${dc} is not one of the datacenters observed (${this.o.dcs.join(", ")})` }] : [];
  }

  roles(): Readonly<Record<string, DcRole>> {
    return Object.fromEntries([...this.state].map(([dc, s]) => [dc, s.role]));
  }

  /** One round of readings (a DC missing from it was not polled) taken at `atMs`. */
  observe(readings: ReadonlyMap<string, DcReading>, atMs: number): ObserverEvent[] {
    const events: ObserverEvent[] = [];
    for (const [dc, r] of readings) this.reach(dc, r, atMs, events);
    for (const [dc, r] of readings) this.heartbeats(dc, r, atMs);
    for (const [dc, r] of readings) this.role(dc, r, atMs, events);
    for (const [dc, r] of readings) this.firstTuple(dc, r, atMs, events);
    for (const [dc, r] of readings) this.sighting(dc, r, atMs);
    events.push(...this.expire(atMs));
    return events;
  }

  /** Failovers whose wait for a first tuple is over at `atMs`, reported without one. */
  expire(atMs: number): ObserverEvent[] {
    const out: ObserverEvent[] = [];
    for (const s of this.state.values()) {
      if (s.pending && s.pending.deadline <= atMs) {
        out.push(s.pending.event);
        s.pending = undefined;
      }
    }
    return out;
  }

  private at(dc: string): DcState {
    const s = this.state.get(dc);
    if (!s) throw new Error(`internal: datacenter ${dc} is not observed`);
    return s;
  }

  /**
   * Sporadic resets and timeouts are gaps; only a streak of REST reads without any answer,
   * long enough and with no tuple at the sinks to show the DC alive, makes it unreachable. It
   * is reported then, dated when the streak began.
   */
  private reach(dc: string, r: DcReading, atMs: number, events: ObserverEvent[]): void {
    const s = this.at(dc);
    if ((r.sinkTuples ?? 0) > 0) s.unanswered = undefined;
    if (r.pending) return;
    if (r.reachable) {
      s.unanswered = undefined;
      if (s.reachable === false) events.push({ type: "dc-reachable", dc, atMs, signals: ["rest-answered"] });
      s.reachable = true;
      return;
    }
    if ((r.sinkTuples ?? 0) > 0) return;
    const streak = (s.unanswered ??= { since: r.sentAtMs ?? atMs, reads: 0, kind: "network" });
    streak.reads += 1;
    streak.kind = r.unreachableKind ?? "network";
    if (s.reachable === false || streak.reads < this.o.unreachableAfter || atMs - streak.since < (this.o.unreachableAfterMs ?? 0)) return;
    s.reachable = false;
    s.failingSince ??= streak.since;
    events.push({ type: "dc-unreachable", dc, atMs: streak.since, signals: [`rest-${streak.kind}`] });
  }

  /**
   * Heartbeats arrive every heartbeat interval, which the observer is not told, and a poll
   * faster than that sees pauses that mean nothing. So a silence counts only once it is longer
   * than every one of the last GAPS_KEPT pauses between heartbeats; a short outage ages out.
   */
  private heartbeats(dc: string, r: DcReading, atMs: number): void {
    const s = this.at(dc);
    if (r.heartbeatsReceived === undefined) return;
    // A count that went down is a restarted toolkit PE (its metrics start again at 0): a change too.
    if (r.heartbeatsReceived !== s.heartbeats) {
      if (s.changedAt !== undefined && s.heartbeats !== undefined) {
        s.gaps.push(atMs - s.changedAt);
        if (s.gaps.length > GAPS_KEPT) s.gaps.shift();
      }
      s.heartbeats = r.heartbeatsReceived;
      s.changedAt = atMs;
      s.silentSince = undefined;
      return;
    }
    if (s.changedAt !== undefined && s.silentSince === undefined && s.gaps.length > 0 && atMs - s.changedAt > Math.max(...s.gaps)) s.silentSince = atMs;
  }

  private role(dc: string, r: DcReading, atMs: number, events: ObserverEvent[]): void {
    const s = this.at(dc);
    const next = this.judge(s, r);
    if (!next) return;
    const [role, signals] = next;
    if (role === "down") s.failingSince ??= atMs;
    else if (answered(r) || (r.sinkTuples ?? 0) > 0) s.failingSince = undefined;
    if (role === s.role) return;
    const from = s.role;
    s.role = role;
    events.push({ type: "role-changed", dc, from, to: role, atMs, signals });
    // A standby that turns active took over; so did a DC of unknown role whose toolkit declared its remote down.
    if (role === "active" && (from === "standby" || (from === "unknown" && signals.includes(WATCHDOG_DOWN)))) this.failover(dc, atMs, signals, events, from === "standby" ? s.sightings.lastSeenMs : undefined);
  }

  /** The role a reading shows, with the signals that say so; undefined: the reading says nothing new. */
  private judge(s: DcState, r: DcReading): [DcRole, string[]] | undefined {
    if (!answered(r)) {
      // A gap: only tuples at the sinks, read apart from the REST API, still say something.
      if ((r.sinkTuples ?? 0) > 0) return ["active", ["sink-flow"]];
      return s.reachable === false && !r.pending && !r.reachable ? ["down", [`rest-${s.unanswered?.kind ?? r.unreachableKind ?? "network"}`]] : undefined;
    }
    if (!r.job) return ["down", ["job-missing"]];
    if (GONE_STATUS.has(r.job.status)) return ["down", [`job-${r.job.status}`]];
    const signals: string[] = [];
    if (this.o.mode === "active" && remoteStateOf(r.watchdogChanges) === "down") signals.push(WATCHDOG_DOWN);
    if ((r.sinkTuples ?? 0) > 0) signals.push("sink-flow");
    if (signals.length > 0) return ["active", signals];
    if (s.role === "active" || s.role === "standby") return undefined;
    const declared = r.job.roleParameter === undefined ? undefined : ROLE_PARAMETER[r.job.roleParameter];
    // A DC that was down and came back shows its declared role again.
    return declared ? [declared, ["submission-parameter"]] : s.role === "down" ? ["unknown", ["job-running"]] : undefined;
  }

  /** `standbySeenAtMs`: when the survivor was last seen standing by (this round's sighting is recorded after). */
  private failover(to: string, atMs: number, signals: readonly string[], events: ObserverEvent[], standbySeenAtMs: number | undefined): void {
    const others = [...this.state].filter(([dc]) => dc !== to);
    // The side that lost: one seen failing, else the (other) active one, else the only other DC.
    const lost = others.find(([, s]) => failingSince(s) !== undefined) ?? others.find(([, s]) => s.role === "active") ?? (others.length === 1 ? others[0] : undefined);
    if (!lost) return;
    const [from, fs] = lost;
    const survivor = this.at(to);
    const signs = [failingSince(fs), survivor.silentSince].filter((t): t is number => t !== undefined);
    const event: FailoverEvent = {
      type: "failover",
      from,
      to,
      detectedAtMs: signs.length > 0 ? Math.min(...signs) : atMs,
      takeoverAtMs: atMs,
      ...(standbySeenAtMs !== undefined && standbySeenAtMs < atMs ? { takeoverAfterMs: standbySeenAtMs } : {}),
      signals: [...signals, ...(failingSince(fs) !== undefined ? [`${from}-failing`] : []), ...(survivor.silentSince !== undefined ? ["heartbeats-stopped"] : [])],
    };
    survivor.pending = { event, deadline: atMs + this.o.firstTupleWaitMs };
    if (this.o.firstTupleWaitMs <= 0) events.push(...this.expire(atMs));
  }

  private firstTuple(dc: string, r: DcReading, atMs: number, events: ObserverEvent[]): void {
    const s = this.at(dc);
    if (!s.pending || (r.sinkTuples ?? 0) === 0) return;
    events.push({ ...s.pending.event, firstTupleAtMs: atMs, signals: [...s.pending.event.signals, "first-tuple-at-sink"] });
    s.pending = undefined;
  }

  /** Seen: a complete REST reading, or tuples at its sinks; anything else is a look that saw nothing. */
  private sighting(dc: string, r: DcReading, atMs: number): void {
    const s = this.at(dc);
    if ((answered(r) && r.gap === undefined) || (r.sinkTuples ?? 0) > 0) s.sightings.seen(atMs);
    else if (!r.pending) s.sightings.missed(`${dc}: ${r.problem ?? r.gap ?? `no answer (${r.unreachableKind ?? "network"})`}`);
  }
}

/** The REST API answered what was asked (the job list, maybe without a counter). */
const answered = (r: DcReading): boolean => r.reachable && !r.pending && r.problem === undefined;

/** When the DC's failure began: its outage, or a streak of unanswered reads long enough to back a takeover. */
const failingSince = (s: DcState): number | undefined => s.failingSince ?? (s.unanswered && s.unanswered.reads >= CORROBORATED_AFTER ? s.unanswered.since : undefined);
