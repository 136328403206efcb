import { EXIT } from "./exit.js";

export interface InterruptOptions {
  /** Undoes the faults applied so far and reports; resolves with the exit code to end with. */
  readonly cleanUp: (signal: NodeJS.Signals) => Promise<number>;
  /** What is in effect right now, one line each: what a second signal leaves to `xdc recover`. */
  readonly stillApplied: () => readonly string[];
  /** The exact command that undoes what is left. */
  readonly recoverCommand: string;
  readonly log: (line: string) => void;
  readonly exit: (code: number) => void;
}

/**
 * Ctrl-C and SIGTERM during a run: the first one undoes the faults applied so far, then exits
 * with the run's code (130 when nothing is left applied); a second one exits at once, 130 if
 * nothing is in effect, else 3 naming what is and the command that undoes it. Answers a
 * function that removes the handlers again (when the run ends by itself).
 */
export function handleInterrupts(o: InterruptOptions): () => void {
  let cleaning = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (cleaning) {
      const left = o.stillApplied();
      if (left.length === 0) {
        o.log(`xdc: ${signal} again: exiting now; no fault is in effect`);
        o.exit(EXIT.interrupted);
        return;
      }
      o.log(`xdc: ${signal} again: exiting now; ${left.length} fault${left.length === 1 ? "" : "s"} may still be in effect, and the ledger has them:`);
      for (const l of left) o.log(`  ${l}`);
      o.log(`xdc: run \`${o.recoverCommand}\` to undo them`);
      o.exit(EXIT.error);
      return;
    }
    cleaning = true;
    o.log(`xdc: ${signal}: undoing the faults applied so far (press Ctrl-C again to exit at once and leave them to \`${o.recoverCommand}\`)`);
    o.cleanUp(signal).then(
      (code) => o.exit(code),
      (e: unknown) => {
        o.log(`xdc: internal error while undoing faults: ${e instanceof Error ? e.message : String(e)}; run \`xdc recover\``);
        o.exit(EXIT.error);
      },
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}
