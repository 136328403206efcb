import type { Clock } from "../clock.js";
import type { WorkloadSpec } from "../world.js";

/** Where a batch can go now: the datacenters' inject URLs in the order to try them. */
export type InjectTargets = () => Promise<readonly { readonly dc: string; readonly post: (items: readonly Record<string, unknown>[], signal: AbortSignal) => Promise<{ ok: boolean; why: string }> }[]>;

const TICK_MS = 50;
const MAX_BATCH = 1_000;

/**
 * One `inject`: tuples numbered 0, 1, 2, … in the key attribute, sent at the workload's rate
 * in batches every tick. A refused batch (a standby, a job gone, no answer) is tried again at
 * the next datacenter, so the workload follows a failover as a client with a list of
 * endpoints would; a tuple counts as sent when a batch first carried it, acknowledged when an
 * endpoint accepted it.
 */
export class Workload {
  /** Per tuple (by its number): when it was first sent, and whether an endpoint accepted it. */
  readonly sentAtMs: number[] = [];
  readonly ackedAtMs: (number | undefined)[] = [];
  /** Times of acceptance, one per accepted tuple, for the source's throughput. */
  readonly acks: number[] = [];
  failures = 0;
  lastFailure = "";
  readonly done: Promise<{ readonly sent: number }>;

  constructor(
    readonly spec: WorkloadSpec,
    private readonly targets: InjectTargets,
    private readonly clock: Clock,
    signal: AbortSignal,
  ) {
    this.done = this.run(signal);
  }

  private tuple(seq: number): Record<string, unknown> {
    const t: Record<string, unknown> = { [this.spec.key]: seq, workload: this.spec.id };
    for (const [name, type] of Object.entries(this.spec.schema)) t[name] = type.startsWith("rstring") ? `${name}-${seq}` : seq % 1000;
    return t;
  }

  private async run(signal: AbortSignal): Promise<{ sent: number }> {
    const start = this.clock.now();
    const total = Math.floor((this.spec.ratePerSecond * this.spec.durationMs) / 1000);
    let next = 0;
    let pending: number[] = [];
    let prefer = 0;
    while (!signal.aborted && this.clock.now() - start < this.spec.durationMs) {
      const due = Math.min(total, Math.floor((this.spec.ratePerSecond * (this.clock.now() - start)) / 1000));
      while (next < due && pending.length < MAX_BATCH) {
        this.sentAtMs[next] = this.clock.now();
        pending.push(next++);
      }
      if (pending.length > 0) {
        const targets = await this.targets();
        for (let i = 0; i < targets.length && pending.length > 0; i++) {
          const target = targets[(prefer + i) % targets.length]!;
          const r = await target.post(pending.map((s) => this.tuple(s)), signal);
          if (r.ok) {
            const at = this.clock.now();
            for (const s of pending) {
              this.ackedAtMs[s] = at;
              this.acks.push(at);
            }
            pending = [];
            prefer = (prefer + i) % targets.length;
          } else {
            this.failures++;
            this.lastFailure = `${target.dc}: ${r.why}`;
          }
        }
      }
      await this.clock.sleep(TICK_MS, signal).catch(() => undefined);
    }
    return { sent: next };
  }

  /** Accepted tuples per second over `[now - overMs, now]`. */
  rate(nowMs: number, overMs: number): number {
    let n = 0;
    for (let i = this.acks.length - 1; i >= 0 && this.acks[i]! >= nowMs - overMs; i--) n++;
    return (n * 1000) / overMs;
  }
}
