import type { ApiFaultPort } from "../drivers/api-faults/port.js";
import type { FaultPlan } from "../drivers/faults/types.js";
import { shellQuote } from "../drivers/ssh/quote.js";
import { type RemoteShell } from "../drivers/ssh/types.js";
import { err, ok, type Result } from "../drivers/result.js";
import { wallTime, type Clock } from "./clock.js";
import { FaultRunner, type UndoReport } from "./fault-runner.js";
import { blockingDamage, faultKey, Ledger, readLedger, type DamagedLine, type LedgerError, type LedgerState } from "./ledger.js";
import { lockLedger } from "./ledger-lock.js";
import { embeddedTwinGone } from "./twin-liveness.js";

export interface RecoverDeps {
  readonly shell: RemoteShell;
  readonly api?: ApiFaultPort;
  readonly clock: Clock;
  readonly verifyTimeoutMs?: number;
  readonly commandTimeoutMs?: number;
  /** A person checked the hosts of the damaged lines by hand: record that, so they block no more. */
  readonly acceptDamaged?: boolean;
}

/** A fault closed without an undo: the embedded twin it was applied to is gone, and the fault with it. */
export interface GoneReport {
  readonly run: string;
  readonly id: string;
  readonly summary: string;
  readonly status: "gone";
  /** Why the twin is known to be gone. */
  readonly why: string;
}

export type RecoverOutcome = UndoReport | GoneReport;

export interface RecoverReport {
  readonly ledger: string;
  /** One per fault that was still outstanding, newest first; empty: nothing to do. */
  readonly undone: readonly RecoverOutcome[];
  /** How many faults the ledger records in all. */
  readonly recorded: number;
  /** Every line that is not a record and no acceptance covers, a torn last line included. */
  readonly damaged: readonly DamagedLine[];
  /** Damaged lines this run accepted (`acceptDamaged`). */
  readonly accepted: readonly number[];
}

/** The note an `undone` record carries for a fault that went with its twin. */
export const GONE_NOTE = "gone with the embedded twin";

/**
 * `xdc recover`: undoes every fault of the ledger that has no undone record, newest first, and
 * records each outcome. Idempotent: undo commands tolerate a fault already gone, only the
 * checks decide, and a second run finds nothing outstanding. A fault of an embedded twin that
 * is gone is closed without contacting anything: there is nothing left to reach.
 */
export async function recover(path: string, deps: RecoverDeps): Promise<Result<RecoverReport, LedgerError>> {
  const lock = await lockLedger(path);
  if (!lock.ok) return lock;
  try {
    const state = await readLedger(path);
    if (!state.ok) return state;
    const recorded = state.value.records.filter((r) => r.type === "apply").length;
    const accept = deps.acceptDamaged === true ? blockingDamage(state.value).map((d) => d.line) : [];
    const base = { ledger: path, recorded, damaged: state.value.damaged.filter((d) => !accept.includes(d.line)), accepted: accept };
    if (state.value.outstanding.length === 0 && accept.length === 0) return ok({ ...base, accepted: [], undone: [] });
    const ledger = await Ledger.open(path);
    if (!ledger.ok) return ledger;
    try {
      if (accept.length > 0) {
        const recordedAcceptance = await ledger.value.append({ type: "damage-accepted", at: wallTime(deps.clock), lines: accept, by: "recover" });
        if (!recordedAcceptance.ok) return recordedAcceptance;
      }
      const runner = new FaultRunner({ ...deps, ledger: ledger.value, by: "recover" });
      const undone: RecoverOutcome[] = [];
      for (const plan of [...state.value.outstanding].reverse()) undone.push(await recoverOne(plan, state.value, runner, ledger.value, deps.clock));
      return ok({ ...base, undone });
    } finally {
      await ledger.value.close();
    }
  } finally {
    await lock.value.release();
  }
}

async function recoverOne(plan: FaultPlan, state: LedgerState, runner: FaultRunner, ledger: Ledger, clock: Clock): Promise<RecoverOutcome> {
  const target = state.targets[faultKey(plan.run, plan.id)];
  const why = target === undefined ? undefined : await embeddedTwinGone(target);
  if (why === undefined) return runner.undo(plan);
  const base = { run: plan.run, id: plan.id, summary: plan.summary };
  const recorded = await ledger.append({ type: "undone", at: wallTime(clock), run: plan.run, id: plan.id, by: "recover", note: `${GONE_NOTE}: ${why}` });
  return recorded.ok ? { ...base, status: "gone", why } : { ...base, status: "failed", problems: [`its embedded twin is gone (${why}), but the ledger could not record it: ${recorded.error.message}`], manual: [] };
}

/** The plans `recover` will have to reach: those not applied to an embedded twin that is gone. */
export async function reachableOutstanding(state: LedgerState): Promise<FaultPlan[]> {
  const gone = await Promise.all(state.outstanding.map(async (p) => {
    const target = state.targets[faultKey(p.run, p.id)];
    return target !== undefined && (await embeddedTwinGone(target)) !== undefined;
  }));
  return state.outstanding.filter((_, i) => !gone[i]);
}

/** The command that gets past damaged lines once a person has checked them; every message that names it names this. */
export const acceptDamagedCommand = (path: string): string => `xdc recover --ledger ${shellQuote(path)} --accept-damaged`;

/** The command that undoes what an earlier run left. */
export const recoverCommand = (path: string): string => `xdc recover --ledger ${shellQuote(path)}`;

/** Damaged lines as one sentence, and what to do about them. */
export function damageMessage(path: string, damaged: readonly DamagedLine[]): string {
  const lines = damaged.map((d) => d.line);
  const which = `line${lines.length === 1 ? "" : "s"} ${lines.join(", ")}`;
  const what = damaged.map((d) => `line ${d.line}: ${d.problem}`).join("; ");
  return `${which} of the ledger ${path} cannot be read (${what}), so a fault recorded there may still be in effect and xdc cannot undo it: check by hand what ${lines.length === 1 ? "that line names" : "those lines name"}, then run \`${acceptDamagedCommand(path)}\``;
}

export interface OutstandingFaults {
  readonly code: "outstanding-faults" | "damaged-ledger";
  readonly message: string;
  readonly faults: readonly FaultPlan[];
}

/**
 * What `xdc exec` asks before it starts: whether an earlier run left faults in effect, or
 * lines that might record some. A run on top of them would measure the leftovers, not its
 * own faults.
 */
export async function checkNoOutstandingFaults(path: string): Promise<Result<void, OutstandingFaults | LedgerError>> {
  const state = await readLedger(path);
  if (!state.ok) return state;
  const faults = state.value.outstanding;
  const damaged = blockingDamage(state.value);
  if (damaged.length > 0) return err({ code: "damaged-ledger", faults, message: damageMessage(path, damaged) });
  if (faults.length === 0) return ok(undefined);
  const list = faults.map((f) => `  ${f.run}/${f.id}: ${f.summary}`).join("\n");
  return err({
    code: "outstanding-faults",
    faults,
    message: `an earlier run left ${faults.length} fault${faults.length === 1 ? "" : "s"} that may still be in effect (ledger ${path}):\n${list}\nrun \`${recoverCommand(path)}\` first`,
  });
}
