import { realClock, wallTime, type Clock } from "../runtime/clock.js";
import { checkNoOutstandingFaults } from "../runtime/recover.js";
import { EXIT } from "./exit.js";

/**
 * `xdc exec --every DURATION`: runs the selection, waits until DURATION after that run started
 * (at once when it took longer), and again, until stopped. A Ctrl-C or SIGTERM during a run is
 * that run's (its faults are undone and the process exits with its code, as for one run); one
 * while waiting exits 130 at once, since nothing is applied then. A run that leaves a fault in
 * effect ends the loop with 3: the next one would only refuse to start.
 */
export async function runEvery(
  everyMs: number,
  runOnce: () => Promise<number>,
  o: { readonly ledger: string },
  out: (line: string) => void,
  err: (line: string) => void,
  clock: Clock = realClock(),
  signals: { on(listener: () => void): () => void } = processSignals,
): Promise<number> {
  for (let round = 1; ; round++) {
    const started = clock.now();
    out(`xdc exec: run ${round} at ${new Date(wallTime(clock)).toISOString()}`);
    const code = await runOnce();
    out(`xdc exec: run ${round} ended with exit code ${code}`);
    const left = await checkNoOutstandingFaults(o.ledger);
    if (!left.ok) {
      err(`xdc exec: stopping the schedule: ${left.error.message}`);
      return EXIT.error;
    }
    const wait = Math.max(0, started + everyMs - clock.now());
    const stop = new AbortController();
    const off = signals.on(() => stop.abort());
    out(`xdc exec: next run at ${new Date(wallTime(clock) + wait).toISOString()} (Ctrl-C stops)`);
    try {
      await clock.sleep(wait, stop.signal);
    } catch {
      // The wait was cut short by a signal.
    } finally {
      off();
    }
    if (stop.signal.aborted) {
      err("xdc exec: stopped between runs; no fault is in effect");
      return EXIT.interrupted;
    }
  }
}

const processSignals = {
  on(listener: () => void): () => void {
    process.on("SIGINT", listener);
    process.on("SIGTERM", listener);
    return () => {
      process.off("SIGINT", listener);
      process.off("SIGTERM", listener);
    };
  },
};
