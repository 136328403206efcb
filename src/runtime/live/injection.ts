import { basename } from "node:path";
import { DataTracker, describeProblem, formatOf, generator, identity, parseSchema, rateSpec, replay, replaySpecProblem, RECORDED_EXTENSIONS, type Replay } from "../../data/index.js";
import type { TupleId, TupleRecorder } from "../../data/records.js";
import type { Exchange, InjectSummary, SourcedTuple, Tuple, TupleIdentity, TupleSource } from "../../drivers/exchange/index.js";
import { fileLines } from "../../drivers/exchange/input.js";
import type { Clock } from "../clock.js";
import type { WorldError, WorkloadSpec } from "../world.js";
import { Flow } from "./flow.js";
import { WORKLOAD_ATTRIBUTE } from "./sink-watch.js";

/**
 * How long a datacenter's endpoint may push back (503: a standby, a full queue) before the
 * workload tries the next one: long enough for a restarting PE, short against a failover.
 */
const PUSH_BACK_MS = 2_000;
/**
 * Batches in flight at once: one, so that the endpoint takes them in sending order even when
 * back-pressure makes each wait and try again on its own (the order checks judge the stream).
 */
const IN_FLIGHT = 1;
/** The pause after every datacenter refused or had no endpoint, before trying them again. */
const RETRY_MS = 100;
/**
 * A batch holds at most what the rate sends in this long (and at least the injector's 100
 * tuples). Batches normally leave after the injector's 50 ms linger, smaller; a workload that
 * fell behind (a round trip slower than the linger, with one batch in flight) catches up in
 * batches up to five times that, so a high rate holds. Up to 400 tuples a second, 100.
 */
const BATCH_WINDOW_MS = 250;
const batchSizeFor = (perSecond: number) => Math.min(5_000, Math.max(100, Math.ceil((perSecond * BATCH_WINDOW_MS) / 1000)));

export interface InjectionDeps {
  readonly exchanges: Readonly<Record<string, Exchange>>;
  /** The datacenters to try, in order: where the application was submitted as primary first. */
  readonly order: () => readonly string[];
  /** The inject URL of the workload's endpoint in a datacenter now, or undefined. */
  readonly url: (dc: string, signal: AbortSignal) => Promise<string | undefined>;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Sees each tuple as it leaves the source, before it is sent (the checks that relate outputs to inputs). */
  readonly sending?: (tuple: Tuple, id: TupleId) => void;
}

/**
 * One `inject`: generated tuples (src/data, from the run's seed), or the rows of a recorded
 * file, sent through the Data Exchange injector at the workload's rate (or the recording's
 * times) for its duration, followed by a DataTracker per sink of the
 * application. A datacenter whose endpoint refuses a batch (its job gone, a standby that
 * stays one) is left for the next, as a client with a list of endpoints would; a batch of
 * unknown fate is never sent again, so it stays unacknowledged, never counted lost.
 */
export class LiveWorkload {
  /** What each sink received of this workload, judged against what was sent. */
  readonly trackers: ReadonlyMap<string, DataTracker>;
  /** Acknowledged tuples, for the source's throughput. */
  readonly acks = new Flow();
  readonly identity: TupleIdentity;
  /** The last refusal, for a reason when nothing was acknowledged. */
  lastFailure = "";
  readonly done: Promise<{ readonly sent: number; readonly error?: WorldError }>;
  private sent = 0;
  /** The recorded file being replayed, when the workload sends one. */
  private recording: Replay | undefined;

  constructor(
    readonly spec: WorkloadSpec,
    sinks: readonly string[],
    private readonly deps: InjectionDeps,
  ) {
    this.trackers = new Map(sinks.map((s) => [s, new DataTracker()]));
    const own = identity({ key: spec.key, ...(spec.keys ? { streams: { attribute: spec.keys.attribute } } : {}) });
    this.identity = (t) => (t[WORKLOAD_ATTRIBUTE] === spec.id ? own(t) : undefined);
    this.done = this.run();
  }

  /** Tuples sent so far (each counted once). */
  sentSoFar(): number {
    return this.sent;
  }

  /** The workload's tuples, each due at the workload's start plus its place in the rate's schedule, or in the recording's times. */
  private source(startMs: number): TupleSource | string {
    const parsed = parseSchema(this.spec.schema);
    if (parsed.problems.length > 0) return `the workload's schema: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`;
    const sending = this.deps.sending;
    const replayed = this.spec.shape?.kind === "replayed" ? this.spec.shape : undefined;
    const timestamps = this.spec.timestamps ?? replayed?.by;
    const speed = this.spec.speed ?? replayed?.speed;
    const file = this.spec.file;
    if (file !== undefined) {
      const format = formatOf(file);
      if (format === undefined) return `${basename(file)}: not a recording xdc reads (${RECORDED_EXTENSIONS.join(", ")})`;
      const spec = {
        format,
        schema: parsed.schema,
        key: this.spec.key,
        ratePerSecond: this.spec.ratePerSecond,
        // `rate: replayed(by:, speed:)` says the same as `timestamps:` and `speed:`.
        ...(timestamps !== undefined ? { timestamps } : {}),
        ...(speed !== undefined ? { speed } : {}),
        ...(this.spec.loop !== undefined ? { loop: this.spec.loop } : {}),
        tag: { [WORKLOAD_ATTRIBUTE]: this.spec.id },
      };
      const problem = replaySpecProblem(spec);
      if (problem !== undefined) return problem;
      // Lines are read as the injector pulls rows, 64 KiB at a time: a file of any size.
      const recording = replay(() => fileLines(file), spec);
      this.recording = recording;
      return { next: (): SourcedTuple | undefined => {
        const n = recording.next();
        if (n && sending) sending(n.tuple, n.id);
        return n && { tuple: n.tuple, id: n.id, dueAtMs: startMs + n.dueAtMs };
      } };
    }
    const rate = rateSpec(this.spec.shape ?? this.spec.ratePerSecond, this.spec.durationMs);
    if (rate === undefined) return "a replayed rate sends at the times of a recorded file: give `inject(…, file:)`";
    const keys = this.spec.keys;
    const made = generator(
      {
        key: this.spec.key,
        schema: parsed.schema,
        rate,
        ...(keys ? { streams: { attribute: keys.attribute, count: keys.count, spread: keys.spread } } : {}),
        ...(this.spec.payloadBytes !== undefined ? { payloadBytes: this.spec.payloadBytes } : {}),
      },
      this.spec.seed,
    );
    if (made.kind === "error") return made.message;
    const inner = made.workload;
    const id = this.spec.id;
    let index = 0;
    return { next: () => {
      const n = inner.next();
      if (n && sending) sending(n.tuple, n.id);
      return n && { id: n.id, tuple: { ...n.tuple, [WORKLOAD_ATTRIBUTE]: id }, dueAtMs: startMs + inner.dueAtMs(index++) };
    } };
  }

  private async run(): Promise<{ sent: number; error?: WorldError }> {
    const { clock, signal } = this.deps;
    const source = this.source(clock.now());
    if (typeof source === "string") {
      this.lastFailure = source;
      // A recording that cannot be read is the scenario's input at fault, not the endpoint.
      return this.spec.file === undefined ? { sent: 0 } : { sent: 0, error: { class: "environment", message: source } };
    }
    const endsAt = clock.now() + this.spec.durationMs;
    const resumable = new Resumable(source);
    let turn = 0;
    let refusedInARow = 0;
    while (!signal.aborted && clock.now() < endsAt) {
      const dcs = this.deps.order();
      const dc = dcs[turn % dcs.length]!;
      const url = await this.deps.url(dc, signal);
      const summary = url === undefined ? undefined : await this.injectInto(dc, url, resumable, endsAt);
      if (summary?.end === "source-ended") break;
      if (summary === undefined) this.lastFailure = `${dc}: the data service lists no endpoint ${this.spec.endpoint.name}`;
      if (clock.now() >= endsAt) break;
      turn++;
      refusedInARow = summary !== undefined && summary.acked > 0 ? 1 : refusedInARow + 1;
      // Every datacenter refused: wait a little before going round again.
      if (refusedInARow >= dcs.length) {
        refusedInARow = 0;
        await clock.sleep(RETRY_MS, signal).catch(() => undefined);
      }
    }
    const bad = this.recording?.problem;
    if (bad === undefined) return { sent: this.sent };
    const message = describeProblem(basename(this.spec.file!), bad);
    this.lastFailure = message;
    return { sent: this.sent, error: { class: "environment", message: `the recorded file stopped the workload at ${message}` } };
  }

  /** Injects into one datacenter until the workload's time is up, the source runs dry, or a batch fails there. */
  private async injectInto(dc: string, url: string, source: Resumable, endsAt: number): Promise<InjectSummary> {
    const { clock, signal } = this.deps;
    const timeUp = new AbortController();
    const trackers = [...this.trackers.values()];
    let stop = () => {};
    const recorder: TupleRecorder = {
      sent: (ids, at) => {
        source.sent(ids);
        this.sent += ids.length;
        for (const t of trackers) t.sent(ids, at);
      },
      acked: (ids, at) => {
        this.acks.add(at, ids.length);
        for (const t of trackers) t.acked(ids, at);
      },
      failed: (ids, at) => {
        for (const t of trackers) t.failed(ids, at);
        stop();
      },
      received: () => undefined,
    };
    const injection = this.deps.exchanges[dc]!.inject({ url, source, recorder, ratePerSecond: this.spec.ratePerSecond, batchSize: batchSizeFor(this.spec.ratePerSecond), maxInFlight: IN_FLIGHT, maxBackPressureMs: PUSH_BACK_MS, signal });
    stop = () => injection.stop();
    clock.sleep(Math.max(0, endsAt - clock.now()), AbortSignal.any([timeUp.signal, signal])).then(stop, () => undefined);
    const summary = await injection.done;
    timeUp.abort();
    source.resume();
    if (summary.lastError) this.lastFailure = `${dc}: ${summary.lastError.message}`;
    return summary;
  }
}

/**
 * A source that can be handed from one injection to the next: the tuple an injection pulled
 * but never sent (it stopped first) is the next one's first, so no number is skipped.
 */
class Resumable implements TupleSource {
  private last: SourcedTuple | undefined;
  private lastSent: TupleId | undefined;
  private held: SourcedTuple | undefined;

  constructor(private readonly inner: TupleSource) {}

  next() {
    const n = this.held ?? this.inner.next();
    this.held = undefined;
    this.last = n;
    return n;
  }

  /** Batches leave in the order they were pulled: the last id of the newest is the newest sent. */
  sent(ids: readonly TupleId[]): void {
    this.lastSent = ids[ids.length - 1];
  }

  resume(): void {
    if (this.last !== undefined && this.last.id !== this.lastSent) this.held = this.last;
    this.last = undefined;
  }
}
