import { EXIT } from "./exit.js";

export interface InterruptOptions {
  /** Undoes the faults applied so far and reports; resolves with the exit code to end with. */
  readonly cleanUp: (signal: NodeJS.Signals) => Promise<number>;
  readonly log: (line: string) => void;
  readonly exit: (code: number) => void;
}

/**
 * Ctrl-C and SIGTERM during a run: the first one undoes the faults applied so far, then exits;
 * a second one exits at once, leaving the ledger to `xdc recover`. Answers a function that
 * removes the handlers again (when the run ends by itself).
 */
export function handleInterrupts(o: InterruptOptions): () => void {
  let cleaning = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (cleaning) {
      o.log(`xdc: ${signal} again: exiting now; faults still applied stay in the ledger, run \`xdc recover\` to undo them`);
      o.exit(EXIT.interrupted);
      return;
    }
    cleaning = true;
    o.log(`xdc: ${signal}: undoing the faults applied so far (press Ctrl-C again to exit at once and leave them to \`xdc recover\`)`);
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
