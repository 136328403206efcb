import type { ApiFaultPort } from "../drivers/api-faults/port.js";
import type { FaultPlan } from "../drivers/faults/types.js";
import { type RemoteShell } from "../drivers/ssh/types.js";
import { err, ok, type Result } from "../drivers/result.js";
import type { Clock } from "./clock.js";
import { FaultRunner, type UndoReport } from "./fault-runner.js";
import { Ledger, readLedger, type LedgerError, type LedgerState } from "./ledger.js";
import { lockLedger } from "./ledger-lock.js";

export interface RecoverDeps {
  readonly shell: RemoteShell;
  readonly api?: ApiFaultPort;
  readonly clock: Clock;
  readonly verifyTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
}

export interface RecoverReport {
  readonly ledger: string;
  /** One per fault that was still outstanding, newest first; empty: nothing to do. */
  readonly undone: readonly UndoReport[];
  /** How many faults the ledger records in all. */
  readonly recorded: number;
  readonly damaged: LedgerState["damaged"];
}

/**
 * `xdc recover`: undoes every fault of the ledger that has no undone record, newest first, and
 * records each outcome. Idempotent: undo commands tolerate a fault already gone, only the
 * checks decide, and a second run finds nothing outstanding.
 */
export async function recover(path: string, deps: RecoverDeps): Promise<Result<RecoverReport, LedgerError>> {
  const lock = await lockLedger(path);
  if (!lock.ok) return lock;
  try {
    const state = await readLedger(path);
    if (!state.ok) return state;
    const recorded = state.value.records.filter((r) => r.type === "apply").length;
    const base = { ledger: path, recorded, damaged: state.value.damaged };
    if (state.value.outstanding.length === 0) return ok({ ...base, undone: [] });
    const ledger = await Ledger.open(path);
    if (!ledger.ok) return ledger;
    try {
      const runner = new FaultRunner({ ...deps, ledger: ledger.value, by: "recover" });
      const undone: UndoReport[] = [];
      for (const plan of [...state.value.outstanding].reverse()) undone.push(await runner.undo(plan));
      return ok({ ...base, undone });
    } finally {
      await ledger.value.close();
    }
  } finally {
    await lock.value.release();
  }
}

export interface OutstandingFaults {
  readonly code: "outstanding-faults";
  readonly message: string;
  readonly faults: readonly FaultPlan[];
}

/**
 * What `xdc exec` asks before it starts: whether an earlier run left faults in effect. A run
 * on top of them would measure the leftovers, not its own faults.
 */
export async function checkNoOutstandingFaults(path: string): Promise<Result<void, OutstandingFaults | LedgerError>> {
  const state = await readLedger(path);
  if (!state.ok) return state;
  const faults = state.value.outstanding;
  if (faults.length === 0) return ok(undefined);
  const list = faults.map((f) => `  ${f.run}/${f.id}: ${f.summary}`).join("\n");
  return err({
    code: "outstanding-faults",
    faults,
    message: `an earlier run left ${faults.length} fault${faults.length === 1 ? "" : "s"} that may still be in effect (ledger ${path}):\n${list}\nrun \`xdc recover --ledger ${path}\` first, or start with --recover`,
  });
}
