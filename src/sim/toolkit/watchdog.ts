/**
 * `RemoteDataCenterHeartbeatWatchdog`'s rules (reference §3.4), as pure functions of its
 * state: the remote is UNKNOWN until its first heartbeat, then UP; a heartbeat resets the miss
 * counter to 0; every local tick adds 1; on the tick where the counter exceeds the misses
 * allowed (A), the (A+1)-th tick since the last heartbeat, an UP remote is declared DOWN. A
 * DOWN remote comes back UP with any heartbeat. No roles, no election, nothing at start-up,
 * and a remote never seen is never declared DOWN.
 *
 * Counted from the last heartbeat received, DOWN comes after A·H to (A+1)·H, because ticks
 * are not aligned with the remote's sends.
 */
export type RemoteState = "unknown" | "up" | "down";

export interface Watchdog {
  readonly state: RemoteState;
  /** ticks since the last heartbeat (the toolkit's counter) */
  readonly misses: number;
  /** epoch ms of the last heartbeat received, null before the first */
  readonly lastHeartbeat: number | null;
}

/** What a step means to the outside: what the watchdog emits and what the ground truth records. */
export type WatchdogEffect =
  | { kind: "declaredUp"; previous: "unknown" | "down" }
  /** a heartbeat after at least one silent interval, while still UP */
  | { kind: "restored"; afterTicks: number }
  /** a tick with no heartbeat since the previous tick; `count` is the counter */
  | { kind: "missed"; count: number }
  | { kind: "declaredDown" };

export interface Step {
  readonly watchdog: Watchdog;
  readonly effects: readonly WatchdogEffect[];
}

export const initialWatchdog: Watchdog = { state: "unknown", misses: 0, lastHeartbeat: null };

export function onHeartbeat(w: Watchdog, now: number): Step {
  const next: Watchdog = { state: "up", misses: 0, lastHeartbeat: now };
  if (w.state !== "up") return { watchdog: next, effects: [{ kind: "declaredUp", previous: w.state }] };
  return { watchdog: next, effects: w.misses >= 2 ? [{ kind: "restored", afterTicks: w.misses }] : [] };
}

export function onTick(w: Watchdog, missesAllowed: number): Step {
  const misses = w.misses + 1;
  const effects: WatchdogEffect[] = [];
  // The first tick after a heartbeat is the normal rhythm (count 1); from the second on, a
  // whole interval passed in silence.
  if (w.state === "up" && misses >= 2) effects.push({ kind: "missed", count: misses });
  if (w.state === "up" && misses > missesAllowed) {
    effects.push({ kind: "declaredDown" });
    return { watchdog: { ...w, state: "down", misses }, effects };
  }
  return { watchdog: { ...w, misses }, effects };
}

/** The toolkit stops heartbeating to a remote it declared DOWN (the "no recovery after heal" weak point). */
export const sendsHeartbeats = (w: Watchdog): boolean => w.state !== "down";
