import type { Clock } from "../clock.js";
import type { ExchangeClient } from "./exchange.js";

/** One tuple read at a sink: when xdc read it (run clock), in which datacenter, and the tuple. */
export interface Arrival {
  readonly atMs: number;
  readonly dc: string;
  readonly tuple: Readonly<Record<string, unknown>>;
  /**
   * When the tuple most likely reached the sink: it arrived between the previous read of the
   * endpoint and this one, so midway between them (the figures' resolution is half a poll, not a poll).
   */
  readonly estimatedMs?: number;
}

/** Bounded memory: a reader keeps at most this many tuples and counts what it had to drop. */
const CAPACITY = 1_000_000;

/**
 * Reads one sink endpoint in every datacenter, continuously (`since=next`, so nothing is read
 * twice or skipped), every `pollMs`, from the moment it starts until it is stopped. What it
 * read feeds the data checks and the throughput figures.
 */
export class SinkReader {
  readonly arrivals: Arrival[] = [];
  dropped = 0;
  readonly startedAtMs: number;
  private readonly next = new Map<string, number>();
  /** When the last read of each endpoint was sent. */
  private readonly asked = new Map<string, number>();
  private readonly stopper = new AbortController();
  private readonly loop: Promise<void>;

  constructor(
    readonly sink: string,
    private readonly sources: () => Promise<readonly { dc: string; client: ExchangeClient; url: string | undefined }[]>,
    private readonly clock: Clock,
    private readonly pollMs: number,
  ) {
    this.startedAtMs = clock.now();
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const signal = this.stopper.signal;
    while (!signal.aborted) {
      const targets = await this.sources();
      await Promise.all(targets.map((t) => (t.url ? this.readOnce(t.dc, t.client, t.url, signal) : undefined)));
      await this.clock.sleep(this.pollMs, signal).catch(() => undefined);
    }
  }

  private async readOnce(dc: string, client: ExchangeClient, url: string, signal: AbortSignal): Promise<void> {
    const since = this.next.get(url);
    const askedMs = this.clock.now();
    const before = this.asked.get(url);
    const a = await client.request(`${url}${url.includes("?") ? "&" : "?"}${since === undefined ? `start=${Math.floor(this.clock.wallAnchorMs + this.startedAtMs)}` : `since=${since}`}`, signal);
    if (!a.ok || a.status !== 200) return;
    const body = a.body as { items?: unknown[]; next?: number };
    if (typeof body.next === "number") this.next.set(url, body.next);
    this.asked.set(url, askedMs);
    const atMs = this.clock.now();
    const estimatedMs = before === undefined ? atMs : (before + askedMs) / 2;
    for (const item of body.items ?? []) {
      if (item === null || typeof item !== "object") continue;
      if (this.arrivals.length >= CAPACITY) this.dropped++;
      else this.arrivals.push({ atMs, dc, tuple: item as Record<string, unknown>, estimatedMs });
    }
  }

  /** Reads once more (so that checks see what arrived up to now), then stops. */
  async stop(): Promise<void> {
    this.stopper.abort();
    await this.loop;
  }

  /** Tuples per second over the window `[now - overMs, now]`. */
  rate(nowMs: number, overMs: number): number {
    let n = 0;
    for (let i = this.arrivals.length - 1; i >= 0 && this.arrivals[i]!.atMs >= nowMs - overMs; i--) n++;
    return (n * 1000) / overMs;
  }
}
