import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { HttpError } from "../http/errors.js";
import type { Result } from "../result.js";
import { RingBuffer } from "./ring.js";

/** One value over time: a REST metric, a PromQL expression, anything that reads a number. */
export interface Probe {
  /** The series' name in reports (`dc1 Ingest nTuplesSubmitted`). */
  readonly series: string;
  /** The value now; undefined when there is none (the metric does not exist yet). */
  read(signal: AbortSignal): Promise<Result<number | undefined, HttpError>>;
}

export interface Sample {
  /** clock ms (since the scenario's start) when the round that read it began */
  readonly atMs: number;
  readonly value: number;
}

export interface SeriesStats {
  readonly samples: number;
  /** samples pushed out of the ring to keep memory bounded */
  readonly dropped: number;
  readonly failures: number;
  /** the last failure, for the report */
  readonly lastError?: string;
}

export interface SamplerOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
  /** Samples kept per series: the oldest go first. */
  readonly capacity: number;
  readonly probes: readonly Probe[];
}

interface Series {
  readonly ring: RingBuffer<Sample>;
  failures: number;
  lastError: string | undefined;
}

/**
 * Records time series for reports: every `intervalMs` it reads all probes at once and keeps
 * what they answer, per series, in a ring buffer. Rounds keep to a fixed grid (start + k ×
 * interval): a slow round does not push the rest later; rounds it overran are skipped and
 * counted. A failed read is counted, not fatal.
 */
export class Sampler {
  private readonly series = new Map<string, Series>();
  private controller: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private skippedRounds = 0;

  constructor(private readonly o: SamplerOptions) {
    if (!(o.intervalMs > 0)) throw new RangeError(`a sampling interval must be positive, not ${o.intervalMs}`);
    for (const p of o.probes) this.series.set(p.series, { ring: new RingBuffer<Sample>(o.capacity), failures: 0, lastError: undefined });
  }

  /** Starts sampling (the first round at once); it runs until `stop`. */
  start(): void {
    if (this.loop !== undefined) return;
    const controller = new AbortController();
    this.controller = controller;
    this.loop = this.run(controller.signal);
  }

  /** Stops, and waits for a round in progress to end. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await this.loop;
    this.loop = undefined;
    this.controller = undefined;
  }

  /** Reads every probe once, now. */
  async round(signal: AbortSignal = new AbortController().signal): Promise<void> {
    const atMs = this.o.clock.now();
    await Promise.all(
      this.o.probes.map(async (p) => {
        const s = this.series.get(p.series)!;
        const r = await p.read(signal);
        if (signal.aborted) return;
        if (!r.ok) {
          s.failures++;
          s.lastError = r.error.message;
          this.o.logger.log("debug", `sampling ${p.series} failed: ${r.error.message}`, { series: p.series });
        } else if (r.value !== undefined) {
          s.ring.push({ atMs, value: r.value });
        }
      }),
    );
  }

  names(): string[] {
    return [...this.series.keys()];
  }

  /** The samples kept for a series, oldest first. */
  samples(name: string): readonly Sample[] {
    return this.series.get(name)?.ring.toArray() ?? [];
  }

  stats(name: string): SeriesStats | undefined {
    const s = this.series.get(name);
    if (!s) return undefined;
    return { samples: s.ring.size, dropped: s.ring.dropped, failures: s.failures, ...(s.lastError ? { lastError: s.lastError } : {}) };
  }

  /** Rounds left out because the one before ran past their time. */
  get skipped(): number {
    return this.skippedRounds;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const { clock, intervalMs } = this.o;
    const start = clock.now();
    for (let k = 0; !signal.aborted; ) {
      await this.round(signal);
      if (signal.aborted) return;
      const elapsed = clock.now() - start;
      const next = Math.max(k + 1, Math.ceil(elapsed / intervalMs));
      this.skippedRounds += next - (k + 1);
      k = next;
      try {
        await clock.sleep(start + k * intervalMs - clock.now(), signal);
      } catch {
        return;
      }
    }
  }
}
