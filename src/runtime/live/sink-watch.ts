import type { Exchange, ReadFrom, Reading, Tuple, TupleIdentity } from "../../drivers/exchange/index.js";
import type { TupleId, TupleRecorder } from "../../data/records.js";
import type { Clock } from "../clock.js";
import { Flow } from "./flow.js";

/** The attribute that says which workload a tuple belongs to: xdc writes it into every tuple it injects. */
export const WORKLOAD_ATTRIBUTE = "workload";
/** How often the data service is asked again where the sink is: a restarted PE or a resubmitted job moves it. */
const DISCOVER_MS = 1_000;
/** The stream of tuples of no tracked workload: counted for throughput, passed to no tracker. */
const STRANGER = "\u0000";
/**
 * The attribute of a tuple that a survivor replayed from its snapshot after a takeover (the
 * twin names the datacenter it came from): delivered, but not in the stream's order.
 */
const REPLAYED_ATTRIBUTE = "_replayedFrom";
/** What a workload's tracker takes: every arrival, and replays apart. */
export interface Arrivals {
  received(ids: readonly TupleId[], atMs: number): void;
  replayed(ids: readonly TupleId[], atMs: number): void;
}

export interface SinkWatchOptions {
  readonly sink: string;
  readonly exchanges: Readonly<Record<string, Exchange>>;
  /** The inspect URL of the sink in a datacenter now, or undefined when it has none (no job, not running). */
  readonly url: (dc: string, signal: AbortSignal) => Promise<string | undefined>;
  readonly clock: Clock;
  readonly pollMs: number;
  readonly signal: AbortSignal;
}

/**
 * Reads one sink of an application in every datacenter, through the Data Exchange reader, for
 * as long as the run goes on. Each tuple goes to the tracker of the workload that sent it (by its
 * `workload` attribute, then the workload's own identity); every tuple read counts in the flow of
 * the datacenter it was read in. Nothing is kept per tuple.
 */
export class SinkWatch {
  /** Tuples read per datacenter. */
  readonly flows: ReadonlyMap<string, Flow>;
  private readonly routes = new Map<string, { readonly identity: TupleIdentity; readonly arrivals: Arrivals; readonly tuples?: ((tuple: Tuple, id: TupleId) => void) | undefined }>();
  private readonly loops: Promise<void>[];
  readonly startedAtMs: number;

  get sink(): string {
    return this.o.sink;
  }

  constructor(private readonly o: SinkWatchOptions) {
    this.startedAtMs = o.clock.now();
    const dcs = Object.keys(o.exchanges);
    this.flows = new Map(dcs.map((dc) => [dc, new Flow()]));
    this.loops = dcs.map((dc) => this.follow(dc));
  }

  /**
   * From now on, the tuples of workload `id` that `identity` recognises go to `arrivals`, and
   * each whole tuple to `tuples` (the checks on what the application produced).
   */
  route(id: string, identity: TupleIdentity, arrivals: Arrivals, tuples?: (tuple: Tuple, id: TupleId) => void): void {
    this.routes.set(id, { identity, arrivals, tuples });
  }

  /** Tuples per second read in every datacenter together over the last `overMs`. */
  rate(nowMs: number, overMs: number): number {
    let sum = 0;
    for (const f of this.flows.values()) sum += f.rate(nowMs, overMs);
    return sum;
  }

  /** Tuples read so far, in every datacenter. */
  total(): number {
    let sum = 0;
    for (const f of this.flows.values()) sum += f.total;
    return sum;
  }

  /** Resolves when every reader has ended (after the run's signal aborted). */
  async ended(): Promise<void> {
    await Promise.all(this.loops);
  }

  /**
   * Every tuple gets an id, so that every one counts in the flow; the workload, and whether the
   * tuple is a replay, ride in the stream: `workload NUL (r|n) stream`.
   */
  private readonly identity: TupleIdentity = (tuple: Tuple) => {
    const workload = tuple[WORKLOAD_ATTRIBUTE];
    const route = typeof workload === "string" ? this.routes.get(workload) : undefined;
    const id = route?.identity(tuple);
    if (id === undefined) return { stream: STRANGER, seq: 0 };
    route!.tuples?.(tuple, id);
    const how = tuple[REPLAYED_ATTRIBUTE] === undefined ? "n" : "r";
    return { stream: `${workload as string}${STRANGER}${how}${id.stream}`, seq: id.seq };
  };

  private recorderFor(flow: Flow): TupleRecorder {
    const nothing = () => undefined;
    return {
      sent: nothing,
      acked: nothing,
      failed: nothing,
      received: (ids, atMs) => {
        flow.add(atMs, ids.length);
        // Runs of one workload and kind, in the order read: arrival order is what the tracker judges.
        let run: { key: string; ids: TupleId[] } | undefined;
        const flush = () => {
          if (!run) return;
          const cut = run.key.indexOf(STRANGER);
          const arrivals = this.routes.get(run.key.slice(0, cut))?.arrivals;
          if (run.key[cut + 1] === "r") arrivals?.replayed(run.ids, atMs);
          else arrivals?.received(run.ids, atMs);
        };
        for (const id of ids) {
          const cut = id.stream.indexOf(STRANGER);
          if (cut <= 0) continue;
          const key = id.stream.slice(0, cut + 2);
          if (run?.key !== key) {
            flush();
            run = { key, ids: [] };
          }
          run.ids.push({ stream: id.stream.slice(cut + 2), seq: id.seq });
        }
        flush();
      },
    };
  }

  /**
   * One datacenter: reads the sink where the data service says it is, and starts again where it
   * moved (a new sink's buffer is read whole: everything in it arrived after the move).
   */
  private async follow(dc: string): Promise<void> {
    const { clock, signal } = this.o;
    const exchange = this.o.exchanges[dc]!;
    const recorder = this.recorderFor(this.flows.get(dc)!);
    let current: { url: string; reading: Reading } | undefined;
    let from: ReadFrom = { atMs: this.startedAtMs };
    while (!signal.aborted) {
      const url = await this.o.url(dc, signal);
      if (url !== undefined && url !== current?.url) {
        current?.reading.stop();
        current = { url, reading: exchange.read({ url, identity: this.identity, recorder, from, intervalMs: this.o.pollMs, signal }) };
        from = "buffer";
      }
      await clock.sleep(DISCOVER_MS, signal).catch(() => undefined);
    }
    await current?.reading.done;
  }
}
