/**
 * The host's only contact with time besides the injected `now`: scheduling a callback (stress-ng
 * and sleep end on their own). Tests drive both through a ManualClock, so every timeout in the
 * host is exact and instant there.
 */
export type Schedule = (delayMs: number, run: () => void) => Cancel;
export type Cancel = () => void;

/** Real timers, unref'd so that a pending stress timeout never keeps a process alive. */
export const realSchedule: Schedule = (delayMs, run) => {
  const timer = setTimeout(run, Math.max(0, delayMs));
  timer.unref();
  return () => clearTimeout(timer);
};

interface Pending {
  at: number;
  seq: number;
  run: () => void;
}

/** A clock that moves only when told to; callbacks run in due order as it passes them. */
export class ManualClock {
  private current: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  readonly now = (): number => this.current;

  readonly schedule: Schedule = (delayMs, run) => {
    const entry: Pending = { at: this.current + Math.max(0, delayMs), seq: this.seq++, run };
    this.pending.push(entry);
    return () => {
      this.pending = this.pending.filter((p) => p !== entry);
    };
  };

  /** Moves time forward by `ms`, running every callback that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.current = Math.max(this.current, due.at);
      due.run();
    }
    this.current = target;
  }

  /** How many callbacks are waiting. */
  get waiting(): number {
    return this.pending.length;
  }
}
