/**
 * Runs tasks side by side, at most `jobs` at a time, in the order given, except that two tasks
 * sharing a key (a datacenter of a real deployment) never run at the same time: a task whose
 * key is held waits, and a later task that shares none may start before it. Each task gets the
 * slot it runs in (0..jobs-1), which the embedded twin uses to take addresses no other running
 * twin has. Stops starting tasks once `stop` is aborted; the ones under way finish (they undo
 * their own faults); so does a task that throws, and the pool then rethrows it. Resolves with each started task's result, in the order given.
 */
export async function runPool<T, R>(
  tasks: readonly T[],
  o: { readonly jobs: number; readonly keys: (task: T) => readonly string[]; readonly stop: AbortSignal; readonly run: (task: T, slot: number) => Promise<R> },
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = tasks.map(() => undefined);
  const waiting = tasks.map((_, i) => i);
  const held = new Set<string>();
  const freeSlots = Array.from({ length: Math.max(1, o.jobs) }, (_, i) => i);
  const running = new Set<Promise<void>>();
  // A task that throws stops new ones from starting; the others finish first (their faults get undone), then it is rethrown.
  let failure: { readonly error: unknown } | undefined;
  const startable = () => waiting.findIndex((i) => o.keys(tasks[i]!).every((k) => !held.has(k)));
  while (waiting.length > 0 || running.size > 0) {
    while (!o.stop.aborted && failure === undefined && freeSlots.length > 0 && waiting.length > 0) {
      const at = startable();
      if (at < 0) break;
      const i = waiting.splice(at, 1)[0]!;
      const slot = freeSlots.shift()!;
      const keys = o.keys(tasks[i]!);
      for (const k of keys) held.add(k);
      const p: Promise<void> = o
        .run(tasks[i]!, slot)
        .then(
          (r) => void (results[i] = r),
          (e: unknown) => void (failure ??= { error: e }),
        )
        .finally(() => {
          for (const k of keys) held.delete(k);
          freeSlots.push(slot);
          freeSlots.sort((a, b) => a - b);
          running.delete(p);
        });
      running.add(p);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  if (failure !== undefined) throw failure.error;
  return results;
}
