import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { Unobserved } from "../../runtime/sightings.js";
import { RoleInference } from "./infer.js";
import { DcProbe, type ObservedDc } from "./probe.js";
import type { DcReading } from "./reading.js";
import type { DcRole, ObserverEvent } from "./types.js";

export type FailoverEvent = Extract<ObserverEvent, { type: "failover" }>;

export interface ObserverOptions {
  readonly dcs: readonly ObservedDc[];
  /** Both DCs are polled together every `intervalMs` (on the Clock, on a fixed grid). */
  readonly intervalMs: number;
  /** A poll's requests are cancelled after this long, and the DC counts as unreachable; default max(intervalMs, 1 s). */
  readonly callTimeoutMs?: number;
  /** The submission parameter that says a job's role at submission (`primary`/`standby`); default `role`. */
  readonly roleParameter?: string;
  /** The toolkit's `crossDCOperationMode`; default active. */
  readonly mode?: "active" | "passive";
  /** How long a failover waits for the survivor's first tuple; default 10 s when sinks are watched, else 0. */
  readonly firstTupleWaitMs?: number;
  /** REST reads in a row that got no answer before a DC counts as unreachable; default 3. */
  readonly unreachableAfter?: number;
  /** …and for how long at least: sporadic resets and timeouts are gaps, not an outage; default max(1 s, 5 polls). */
  readonly unreachableAfterMs?: number;
}

export interface ObserverDeps {
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface FailoverObserver {
  /** Calls `listener` with every event from now on; returns the unsubscribe. */
  on(listener: (e: ObserverEvent) => void): () => void;
  /** The events from now on, until the observer stops. Keeps at most 1 000 unread (the oldest go first). */
  events(): AsyncIterable<ObserverEvent>;
  /** Each DC's role as last inferred. */
  roles(): Readonly<Record<string, DcRole>>;
  /**
   * The stretches of [fromMs, toMs] longer than `graceMs` in which `dc` could not be seen (no
   * complete REST reading and no tuples at its sinks), with the last reason: what tells a
   * failover that did not happen from one that could not be watched.
   */
  unobserved(dc: string, fromMs: number, toMs: number, graceMs: number): Unobserved[];
  /** The first failover (already seen, or still to come) matching; undefined when the observer stops or `signal` aborts first. */
  awaitFailover(q: { readonly to?: string; readonly from?: string }, signal?: AbortSignal): Promise<FailoverEvent | undefined>;
  /** Ends polling (the poll in progress is cancelled); resolves when the loop has ended. */
  stop(): Promise<void>;
}

const MAX_UNREAD = 1_000;
const MAX_FAILOVERS_KEPT = 100;

/**
 * Watches the datacenters of a failover pair and reports what it infers (infer.ts). The toolkit
 * has no API, so this is the only way to see a failover from outside; see docs/drivers.md for
 * the signals and their accuracy. It never reads the twin's ground truth.
 */
export function observeFailover(deps: ObserverDeps, o: ObserverOptions): FailoverObserver {
  const { clock, logger } = deps;
  const watched = o.dcs.some((d) => (d.sinks?.length ?? 0) > 0);
  const inference = new RoleInference({
    dcs: o.dcs.map((d) => d.name),
    mode: o.mode ?? "active",
    firstTupleWaitMs: o.firstTupleWaitMs ?? (watched ? 10_000 : 0),
    unreachableAfter: Math.max(1, o.unreachableAfter ?? 3),
    unreachableAfterMs: Math.max(0, o.unreachableAfterMs ?? Math.max(1_000, 5 * o.intervalMs)),
    startMs: clock.now(),
    intervalMs: o.intervalMs,
  });
  const listeners = new Set<(e: ObserverEvent) => void>();
  const failovers: FailoverEvent[] = [];
  const stopping = new AbortController();
  const timing = { clock, callTimeoutMs: o.callTimeoutMs ?? Math.max(o.intervalMs, 1_000), stopping: stopping.signal };
  const probes = o.dcs.map((d) => new DcProbe(d, o.roleParameter ?? "role", timing));

  const emit = (e: ObserverEvent) => {
    logger.log(e.type === "role-changed" || e.type === "failover" ? "info" : "warn", describe(e), { type: e.type, atMs: "atMs" in e ? e.atMs : e.takeoverAtMs });
    if (e.type === "failover") {
      failovers.push(e);
      if (failovers.length > MAX_FAILOVERS_KEPT) failovers.shift();
    }
    for (const l of [...listeners]) l(e);
  };

  /**
   * One round: every DC's reads, each given until the next tick of the grid. A read that takes
   * longer goes on and is taken by a later round, so each round still reads what is ready.
   */
  async function poll(untilMs: number): Promise<ReadonlyMap<string, DcReading>> {
    const roundOver = new AbortController();
    const patience = clock.sleep(Math.max(0, untilMs - clock.now()), AbortSignal.any([roundOver.signal, stopping.signal])).catch(() => undefined);
    try {
      const readings = await Promise.all(probes.map((p) => p.read(patience)));
      return new Map(readings.map((r, i) => [probes[i]!.dc.name, r]));
    } finally {
      roundOver.abort();
    }
  }

  async function loop(): Promise<void> {
    const start = clock.now();
    let tick = 0;
    while (!stopping.signal.aborted) {
      const at = clock.now();
      const readings = await poll(start + (tick + 1) * o.intervalMs);
      if (stopping.signal.aborted) break;
      for (const e of inference.observe(readings, at)) emit(e);
      // Keep to the grid: a round that ran long starts the next one at once, and does not push the later ones back.
      tick = Math.max(tick + 1, Math.floor((clock.now() - start) / o.intervalMs));
      try {
        await clock.sleep(start + tick * o.intervalMs - clock.now(), stopping.signal);
      } catch {
        break;
      }
    }
    await Promise.all(probes.map((p) => p.settled()));
  }

  const running = loop();

  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    events() {
      const unread: ObserverEvent[] = [];
      let wake: (() => void) | undefined;
      const off = this.on((e) => {
        unread.push(e);
        if (unread.length > MAX_UNREAD) unread.shift();
        wake?.();
      });
      const ended = () => stopping.signal.aborted;
      stopping.signal.addEventListener("abort", () => wake?.(), { once: true });
      return {
        async *[Symbol.asyncIterator]() {
          try {
            for (;;) {
              while (unread.length > 0) yield unread.shift()!;
              if (ended()) return;
              await new Promise<void>((resolve) => (wake = resolve));
              wake = undefined;
            }
          } finally {
            off();
          }
        },
      };
    },
    roles: () => inference.roles(),
    unobserved: (dc, fromMs, toMs, graceMs) => inference.unobserved(dc, fromMs, toMs, graceMs),
    awaitFailover(q, signal) {
      const matches = (e: FailoverEvent) => (q.to === undefined || e.to === q.to) && (q.from === undefined || e.from === q.from);
      const seen = failovers.find(matches);
      if (seen) return Promise.resolve(seen);
      if (stopping.signal.aborted || signal?.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const done = (e: FailoverEvent | undefined) => {
          off();
          signal?.removeEventListener("abort", onAbort);
          stopping.signal.removeEventListener("abort", onAbort);
          resolve(e);
        };
        const onAbort = () => done(undefined);
        const off = this.on((e) => {
          if (e.type === "failover" && matches(e)) done(e);
        });
        signal?.addEventListener("abort", onAbort, { once: true });
        stopping.signal.addEventListener("abort", onAbort, { once: true });
      });
    },
    async stop() {
      stopping.abort();
      await running;
    },
  };
}

/** One line for the log. */
function describe(e: ObserverEvent): string {
  const why = `(${e.signals.join(", ")})`;
  switch (e.type) {
    case "dc-unreachable":
      return `${e.dc} is unreachable ${why}`;
    case "dc-reachable":
      return `${e.dc} answers again ${why}`;
    case "role-changed":
      return `${e.dc}: ${e.from} → ${e.to} ${why}`;
    case "failover":
      return `failover ${e.from} → ${e.to}: detected at ${Math.round(e.detectedAtMs)} ms, taken over at ${Math.round(e.takeoverAtMs)} ms${e.firstTupleAtMs !== undefined ? `, first tuple at ${Math.round(e.firstTupleAtMs)} ms` : ""} ${why}`;
  }
}
