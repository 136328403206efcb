/**
 * The background work of one phase: `at` and `every` bodies, workloads, the `for` of faults,
 * user-fault bodies (joined: the phase waits for them) and `after` watchers (not joined: when
 * everything joined has ended, a watcher whose event has not come is dropped). A task that
 * fails while its own signal has not aborted stops the whole scenario through `fail`; a task
 * rejected because its signal aborted was cancelled on purpose and ends quietly.
 */
export class Activities {
  private readonly joined = new Set<Promise<void>>();
  private readonly watchers = new Set<AbortController>();

  constructor(private readonly fail: (reason: unknown) => void) {}

  /** Runs `task` in the background; the phase waits for it. */
  start(task: () => Promise<void>, signal: AbortSignal): void {
    const p: Promise<void> = task()
      .catch((e: unknown) => {
        if (!signal.aborted) this.fail(e);
      })
      .finally(() => this.joined.delete(p));
    this.joined.add(p);
  }

  /** Runs `task` until it returns or the phase's joined work has all ended, whichever is first. */
  watch(task: (signal: AbortSignal) => Promise<void>, parent: AbortSignal): void {
    const own = new AbortController();
    const signal = AbortSignal.any([own.signal, parent]);
    this.watchers.add(own);
    task(signal)
      .catch((e: unknown) => {
        if (!signal.aborted) this.fail(e);
      })
      .finally(() => this.watchers.delete(own));
  }

  /** Waits for every joined task (including those started while waiting), then drops the watchers. */
  async join(): Promise<void> {
    while (this.joined.size > 0) await Promise.all([...this.joined]);
    for (const w of this.watchers) w.abort(new Error("the phase ended before the event"));
    this.watchers.clear();
  }
}
