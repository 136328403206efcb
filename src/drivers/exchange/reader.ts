import type { TupleId, TupleRecorder } from "../../data/records.js";
import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { HttpError, HttpErrorKind } from "../http/errors.js";
import { SinkCursor, type ReadFrom } from "./cursor.js";
import { ErrorTally } from "./summary.js";
import type { TupleIdentity } from "./types.js";
import type { Wire } from "./wire.js";

export interface ReadOptions {
  /** The inspect URL of an EndpointSink port, from the data service's document. */
  readonly url: string;
  readonly identity: TupleIdentity;
  readonly recorder: TupleRecorder;
  /** Default "now": only tuples that arrive after the reader started. */
  readonly from?: ReadFrom;
  /** The pause after a read that brought nothing new, or failed; default 100 ms. */
  readonly intervalMs?: number;
  /** Tuples per answer at most; default 10 000. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
}

export interface ReadSummary {
  readonly reads: number;
  /** Tuples read with an identity (reported to the recorder). */
  readonly received: number;
  /** Tuples read that belong to no tracked workload (status tuples, …). */
  readonly unidentified: number;
  /** Tuples the sink dropped before this reader got to them. */
  readonly missed: number;
  readonly errors: Readonly<Partial<Record<HttpErrorKind, number>>>;
  readonly lastError?: HttpError;
}

export interface Reading {
  /** Ends the reading after the read in progress. */
  stop(): void;
  progress(): { readonly reads: number; readonly received: number };
  readonly done: Promise<ReadSummary>;
}

export interface ReaderDeps {
  readonly wire: Wire;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Reads one sink continuously until stopped: reads again at once while the sink has more, else
 * after `intervalMs`. Every tuple with an identity goes to the recorder, stamped with the time
 * its answer arrived; nothing is kept afterwards. A failed read (a lost datacenter, a restarting
 * PE) is counted and the reader tries again after the interval, or the server's Retry-After.
 */
export function startReading(deps: ReaderDeps, o: ReadOptions): Reading {
  const intervalMs = Math.max(1, o.intervalMs ?? 100);
  const limit = Math.max(1, Math.floor(o.limit ?? 10_000));
  const cursor = new SinkCursor(deps.wire, deps.clock, o.url, o.from ?? "now", limit);
  const errors = new ErrorTally(deps.logger, `reading ${new URL(o.url).pathname}`);
  const stopping = new AbortController();
  const signal = AbortSignal.any([stopping.signal, ...(o.signal ? [o.signal] : [])]);
  const counts = { reads: 0, received: 0, unidentified: 0, missed: 0 };
  let missedLogged = false;

  async function run(): Promise<ReadSummary> {
    while (!signal.aborted) {
      // stop() lets the read in flight finish and be recorded; only the caller's signal cuts it.
      const page = await cursor.read(o.signal);
      let pause = intervalMs;
      if (page.ok) {
        counts.reads++;
        const at = deps.clock.now();
        const ids: TupleId[] = [];
        for (const t of page.value.items) {
          const id = o.identity(t);
          if (id) ids.push(id);
        }
        counts.unidentified += page.value.items.length - ids.length;
        counts.received += ids.length;
        if (ids.length > 0) o.recorder.received(ids, at);
        if (page.value.missed > 0) {
          counts.missed += page.value.missed;
          deps.logger.log(missedLogged ? "debug" : "warn", `reading ${new URL(o.url).pathname}: the sink dropped ${page.value.missed} tuples before they were read; read more often or give the sink a larger buffer`, { missed: page.value.missed });
          missedLogged = true;
        }
        if (page.value.more) pause = 0;
      } else if (page.error.kind !== "cancelled") {
        errors.add(page.error);
        pause = Math.max(intervalMs, page.error.retryAfterMs ?? 0);
      }
      if (pause > 0 && !signal.aborted) {
        try {
          await deps.clock.sleep(pause, signal);
        } catch {
          break;
        }
      }
    }
    const last = errors.lastError;
    return { ...counts, errors: errors.byKind, ...(last ? { lastError: last } : {}) };
  }

  return {
    stop: () => stopping.abort(),
    progress: () => ({ reads: counts.reads, received: counts.received }),
    done: run(),
  };
}
