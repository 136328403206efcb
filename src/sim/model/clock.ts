/**
 * Time for the instance model. The model reads the time through `now` and schedules its own
 * delayed work (a PE restart, an asynchronous submission) through `Timers`, so that tests
 * drive it with a ManualClock and the datacenter process with the real one.
 */
export type Cancel = () => void;

export interface Timers {
  /** Runs `fn` once after `delayMs`; the returned function cancels it. */
  setTimer(delayMs: number, fn: () => void): Cancel;
}

export interface SimClock extends Timers {
  /** Epoch milliseconds. */
  now(): number;
}

/** The wall clock and node timers. Timers are unref'd: a pending PE restart never keeps a process alive. */
export function realClock(): SimClock {
  return {
    now: () => Date.now(),
    setTimer(delayMs, fn) {
      const handle = setTimeout(fn, Math.max(0, delayMs));
      handle.unref();
      return () => clearTimeout(handle);
    },
  };
}

interface Pending {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** A clock that moves only when told to; timers fire in time order (then in order of creation). */
export class ManualClock implements SimClock {
  private time: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(startMs = 1_700_000_000_000) {
    this.time = startMs;
  }

  now = (): number => this.time;

  setTimer = (delayMs: number, fn: () => void): Cancel => {
    const entry: Pending = { at: this.time + Math.max(0, delayMs), seq: this.seq++, fn };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  };

  /** Moves time forward by `ms`, firing every timer that falls due on the way, at its own time. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.time = next.at;
      next.fn();
    }
    this.time = target;
  }

  get timersPending(): number {
    return this.pending.length;
  }

  private nextDue(limit: number): Pending | undefined {
    let best: Pending | undefined;
    for (const p of this.pending) {
      if (p.at > limit) continue;
      if (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq)) best = p;
    }
    return best;
  }
}
