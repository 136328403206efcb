/**
 * Time for the framework. This is the only file in src/ (outside the twin) that touches
 * Date.now, performance.now or timers: everything else receives a Clock, so that tests and
 * `xdc plan` can run on a virtual one, exactly and instantly.
 */
export interface Clock {
  /** Monotonic milliseconds since the clock started (the scenario's start). */
  now(): number;
  /**
   * Resolves after `ms` milliseconds of this clock's time. When `signal` aborts first, it
   * rejects with the signal's reason and the pending wait is dropped.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Wall-clock epoch milliseconds at `now() === 0`: the one anchor that maps `now()` to dates. */
  readonly wallAnchorMs: number;
}

/** Epoch milliseconds now, on this clock. */
export const wallTime = (clock: Clock): number => clock.wallAnchorMs + clock.now();

/** The machine's clock: monotonic `performance.now()` plus the wall-clock time at creation. */
export function realClock(): Clock {
  const origin = performance.now();
  return {
    wallAnchorMs: Date.now(),
    now: () => performance.now() - origin,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        // Node's timers count whole milliseconds on their own clock and may fire up to about
        // 1 ms early by performance.now(): a sleep never ends before `ms` has passed on ours,
        // or a window "after 2 s" would be read at 1999.2 ms.
        const due = performance.now() - origin + Math.max(0, ms);
        const onAbort = () => {
          clearTimeout(handle);
          reject(signal!.reason);
        };
        const wake = () => {
          const left = due - (performance.now() - origin);
          if (left > 0) {
            handle = setTimeout(wake, Math.ceil(left));
            return;
          }
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        let handle = setTimeout(wake, Math.max(0, ms));
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
  };
}

interface Sleeper {
  readonly due: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface VirtualClockOptions {
  /** The wall-clock time at `now() === 0`; default 2023-11-14T22:13:20Z. */
  readonly wallAnchorMs?: number;
  /**
   * Jump: every sleep moves the clock to its own end at once, so code that waits (backoff,
   * Retry-After, polling) runs without waiting while still seeing time pass. Without it, time
   * moves only through `advance`.
   */
  readonly auto?: boolean;
}

/**
 * A clock that moves only when told to (or, with `auto`, by exactly what is slept). Sleepers
 * wake in time order, then in the order they started sleeping.
 */
export class VirtualClock implements Clock {
  readonly wallAnchorMs: number;
  private time = 0;
  private seq = 0;
  private sleepers: Sleeper[] = [];
  private readonly auto: boolean;

  constructor(options: VirtualClockOptions = {}) {
    this.wallAnchorMs = options.wallAnchorMs ?? 1_700_000_000_000;
    this.auto = options.auto ?? false;
  }

  now = (): number => this.time;

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      if (this.auto) {
        this.time += Math.max(0, ms);
        resolve();
        return;
      }
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal!.reason);
      };
      // The listener goes when the sleep ends, so a loop of sleeps on one signal does not pile them up.
      const sleeper: Sleeper = {
        due: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener("abort", onAbort, { once: true });
    });

  /** How many sleeps are waiting for time to move. */
  get pendingSleeps(): number {
    return this.sleepers.length;
  }

  /**
   * Moves time forward by `ms`, waking each sleeper at its own time and letting the code it
   * resumes run (and sleep again) before the next one wakes.
   */
  async advance(ms: number): Promise<void> {
    const target = this.time + Math.max(0, ms);
    await settle();
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.time = next.due;
      next.resolve();
      await settle();
    }
    this.time = target;
    await settle();
  }

  /**
   * Moves time from sleeper to sleeper until `work` settles: a whole run on virtual time,
   * exact and instant, however many sleeps run at once. Rejects when the work waits with no
   * sleeper left, since then it waits for something other than this clock.
   */
  async drive<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    work.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await settle();
      if (settled) return work;
      const next = this.nextDue(Infinity);
      if (!next) {
        await settle();
        if (settled) return work;
        throw new Error("virtual clock: the work waits for something other than time");
      }
      await this.advance(next.due - this.time);
    }
  }

  private nextDue(limit: number): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.sleepers) {
      if (s.due > limit) continue;
      if (!best || s.due < best.due || (s.due === best.due && s.seq < best.seq)) best = s;
    }
    return best;
  }
}

/** Lets pending promise continuations and I/O callbacks run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
