import type { Exchange, SinkCursor } from "../../drivers/exchange/index.js";
import type { StreamsApi } from "../../drivers/streams/index.js";
import { observeFailover, type FailoverObserver, type FlowProbe } from "../../drivers/toolkit/index.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../clock.js";
import type { JournalEventBody } from "../journal/events.js";

/** How long a failover waits for the survivor's first tuple before it is reported without one. */
const FIRST_TUPLE_WAIT_MS = 5_000;
/** A poll's REST calls give up after this long and the datacenter counts as unreachable. */
const CALL_TIMEOUT_MS = 1_000;

export interface AppObserverOptions {
  readonly dcs: readonly string[];
  readonly streams: Readonly<Record<string, StreamsApi>>;
  readonly exchanges: Readonly<Record<string, Exchange>>;
  /** The application's job name in a datacenter. */
  readonly jobName: (dc: string) => string;
  /** The application's data sinks (not its status sinks). */
  readonly sinks: readonly string[];
  readonly pollMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Journal events: a `role` whenever a datacenter's inferred role changes. */
  readonly onEvent: (e: JournalEventBody) => void;
}

/**
 * The failover observer (src/drivers/toolkit/) over one application's jobs: roles from REST,
 * the toolkit's metrics and the data at its sinks, each change written to the journal.
 */
export function observeApp(o: AppObserverOptions): FailoverObserver {
  const observer = observeFailover(
    { clock: o.clock, logger: o.logger },
    {
      intervalMs: o.pollMs,
      callTimeoutMs: Math.max(o.pollMs, CALL_TIMEOUT_MS),
      firstTupleWaitMs: FIRST_TUPLE_WAIT_MS,
      dcs: o.dcs.map((dc) => ({
        name: dc,
        api: o.streams[dc]!,
        jobName: o.jobName(dc),
        sinks: o.sinks.map((sink) => movingSink(o.exchanges[dc]!, o.jobName(dc), sink)),
      })),
    },
  );
  observer.on((e) => {
    if (e.type === "role-changed") o.onEvent({ kind: "role", dc: e.dc, role: e.to, signals: e.signals });
  });
  return observer;
}

/**
 * A sink as the observer reads it: found through the data service when first read and again
 * whenever reading fails (a restarted PE or a resubmitted job moves it).
 */
function movingSink(exchange: Exchange, jobName: string, operator: string): FlowProbe {
  let cursor: SinkCursor | undefined;
  return {
    async read(signal) {
      if (!cursor) {
        const found = await exchange.endpoint("inspect", { jobName, operator }, signal ? { signal } : {});
        if (!found.ok) return found;
        cursor = exchange.cursor(found.value.url, "now");
      }
      const page = await cursor.read(signal);
      if (!page.ok) cursor = undefined;
      return page;
    },
  };
}
