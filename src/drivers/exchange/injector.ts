import type { TupleId, TupleRecorder } from "../../data/records.js";
import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { HttpError, HttpErrorKind } from "../http/errors.js";
import { ErrorTally } from "./summary.js";
import type { SourcedTuple, Tuple, TupleSource } from "./types.js";
import type { Wire } from "./wire.js";

export interface InjectOptions {
  /** The inject URL of an EndpointSource port, from the data service's document. */
  readonly url: string;
  readonly source: TupleSource;
  readonly recorder: TupleRecorder;
  /** Tuples per POST; default 100. */
  readonly batchSize?: number;
  /** How long a batch that is not full may wait for more tuples (with a rate); default 50 ms. */
  readonly lingerMs?: number;
  /** Target tuples per second; default: as fast as the in-flight window allows. */
  readonly ratePerSecond?: number;
  /** Batches sent and not yet answered, at most; default 4. */
  readonly maxInFlight?: number;
  /** How long one batch may wait out back-pressure (503, 429) before it counts as failed; default 30 s. */
  readonly maxBackPressureMs?: number;
  /** Aborting cancels the batches in flight (they count as failed) and ends the run. */
  readonly signal?: AbortSignal;
}

export interface InjectSummary {
  /** Tuples sent (each at least once). */
  readonly sent: number;
  readonly acked: number;
  /** Tuples whose batch was refused, or whose fate is unknown (timeout, reset, cancelled). */
  readonly failed: number;
  readonly batches: number;
  /** How many times a batch waited because the endpoint pushed back (503 full, standby; 429). */
  readonly backPressureWaits: number;
  readonly errors: Readonly<Partial<Record<HttpErrorKind, number>>>;
  readonly lastError?: HttpError;
  /** Why the run ended: the source ran dry, `stop()`, or the signal. */
  readonly end: "source-ended" | "stopped" | "aborted";
}

export interface Injection {
  /** Pulls no more tuples (the batch already built still goes); the batches in flight are answered first. */
  stop(): void;
  /** Counts so far. */
  progress(): { readonly sent: number; readonly acked: number; readonly failed: number };
  readonly done: Promise<InjectSummary>;
}

const DEFAULTS = { batchSize: 100, lingerMs: 50, maxInFlight: 4, maxBackPressureMs: 30_000 } as const;
/** Back-pressure without a Retry-After: wait this long before sending the batch again. */
const BACK_PRESSURE_PAUSE_MS = 50;

export interface InjectorDeps {
  readonly wire: Wire;
  readonly clock: Clock;
  readonly logger: Logger;
}

/**
 * Pulls tuples from the source, packs them into batches and POSTs `{"items":[…]}` to one
 * endpoint, with at most `maxInFlight` batches unanswered. With a rate, tuple *i* is due at
 * start + i / rate (on the Clock), unless the source says when it is due (`dueAtMs`); a batch leaves when it is full or its first tuple has waited
 * `lingerMs`. A run that fell behind (back-pressure) catches up as fast as the window allows.
 *
 * A 503 or 429 means the endpoint took nothing (the batch is accepted whole or not at all), so
 * the same batch is sent again after the server's `retryAfterMs`/Retry-After: that is the
 * back-pressure, and while it lasts the window stays full and no new tuple is pulled. Any other
 * failure makes the batch `failed` and the run goes on: a batch whose fate is unknown (a reset, a
 * timeout) is never sent twice, since that could duplicate its tuples.
 *
 * Nothing is kept per tuple beyond the batches in flight and the one being built: memory is
 * bounded by `(maxInFlight + 1) × batchSize` tuples however long the run.
 */
export function startInjection(deps: InjectorDeps, o: InjectOptions): Injection {
  const batchSize = Math.max(1, Math.floor(o.batchSize ?? DEFAULTS.batchSize));
  const lingerMs = Math.max(0, o.lingerMs ?? DEFAULTS.lingerMs);
  const maxInFlight = Math.max(1, Math.floor(o.maxInFlight ?? DEFAULTS.maxInFlight));
  const maxBackPressureMs = o.maxBackPressureMs ?? DEFAULTS.maxBackPressureMs;
  const { clock, wire } = deps;
  const stopping = new AbortController();
  const errors = new ErrorTally(deps.logger, `injecting into ${new URL(o.url).pathname}`);
  const counts = { sent: 0, acked: 0, failed: 0, batches: 0, backPressureWaits: 0 };
  const inFlight = new Set<Promise<void>>();
  const intervalMs = o.ratePerSecond && o.ratePerSecond > 0 ? 1000 / o.ratePerSecond : 0;
  let lookahead: SourcedTuple | undefined;
  let ended = false;

  const aborted = () => o.signal?.aborted === true;
  const halted = () => aborted() || stopping.signal.aborted;
  /** Resolves when the signal or stop() fires, so that no wait outlives the run. */
  const either = AbortSignal.any([stopping.signal, ...(o.signal ? [o.signal] : [])]);

  const pull = (): SourcedTuple | undefined => {
    if (lookahead === undefined && !ended) {
      lookahead = o.source.next();
      if (lookahead === undefined) ended = true;
    }
    return lookahead;
  };

  async function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    try {
      await clock.sleep(ms, signal);
      return true;
    } catch {
      return false;
    }
  }

  async function send(body: string, ids: TupleId[]): Promise<void> {
    const first = clock.now();
    counts.sent += ids.length;
    counts.batches++;
    o.recorder.sent(ids, first);
    for (;;) {
      const r = await wire.send({ method: "POST", url: o.url, body, ...(o.signal ? { signal: o.signal } : {}) });
      if (r.ok) {
        counts.acked += ids.length;
        o.recorder.acked(ids, clock.now());
        return;
      }
      const e = r.error;
      const pushedBack = e.status === 503 || e.status === 429;
      const wait = e.retryAfterMs ?? BACK_PRESSURE_PAUSE_MS;
      if (pushedBack && clock.now() + wait - first <= maxBackPressureMs) {
        counts.backPressureWaits++;
        // Only the caller's signal cuts this wait: stop() lets a batch already sent finish its business.
        if (await sleep(wait, o.signal ?? new AbortController().signal)) continue;
      }
      counts.failed += ids.length;
      o.recorder.failed(ids, clock.now());
      errors.add(aborted() ? { ...e, kind: "cancelled" } : e);
      return;
    }
  }

  async function run(): Promise<InjectSummary> {
    const start = clock.now();
    let index = 0;
    while (!halted()) {
      const tuples: Tuple[] = [];
      const ids: TupleId[] = [];
      let openedAt = 0;
      while (tuples.length < batchSize && !halted()) {
        const next = pull();
        if (next === undefined) break;
        // Without a rate every tuple is due at once: no clock reading per tuple on the fast path.
        const due = next.dueAtMs ?? start + index * intervalMs;
        const now = intervalMs === 0 && next.dueAtMs === undefined ? due : clock.now();
        if (due <= now) {
          if (tuples.length === 0) openedAt = Math.max(due, now - lingerMs);
          tuples.push(next.tuple);
          ids.push(next.id);
          lookahead = undefined;
          index++;
          continue;
        }
        if (tuples.length > 0 && openedAt + lingerMs <= now) break;
        const wake = tuples.length > 0 ? Math.min(due, openedAt + lingerMs) : due;
        if (!(await sleep(wake - now, either))) break;
      }
      if (tuples.length === 0) break;
      // The next batch is built (and serialised) while the window is still full, so that it
      // leaves the moment an answer frees a place: at most one batch more than the window is held.
      const body = JSON.stringify({ items: tuples });
      while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
      // pulled but never sent: not part of the workload's record
      if (aborted()) break;
      const p = send(body, ids).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    await Promise.all(inFlight);
    const end = aborted() ? "aborted" : stopping.signal.aborted ? "stopped" : "source-ended";
    const last = errors.lastError;
    return { ...counts, errors: errors.byKind, ...(last ? { lastError: last } : {}), end };
  }

  return {
    stop: () => stopping.abort(),
    progress: () => ({ sent: counts.sent, acked: counts.acked, failed: counts.failed }),
    done: run(),
  };
}
