import { open, readFile, unlink } from "node:fs/promises";
import { err, ok, type Result } from "../drivers/result.js";
import type { LedgerError } from "./ledger.js";
import { processExists } from "./process-exists.js";
import { processStart } from "./process-start.js";

/**
 * One xdc process at a time per ledger: `xdc recover` must not undo the faults of an `xdc exec`
 * that is still running them. The lock is a file holding the owner's pid and, where /proc tells
 * it, when that process started: a lock whose owner is dead (a run killed with -9) is taken
 * over, and so is one whose pid now belongs to another process (pids are reused).
 */
export interface LedgerLock {
  release(): Promise<void>;
}

export async function lockLedger(ledgerPath: string): Promise<Result<LedgerLock, LedgerError>> {
  const path = `${ledgerPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, "wx");
      const started = await processStart(process.pid);
      await file.writeFile(`${process.pid}${started === undefined ? "" : ` ${started}`}\n`);
      await file.close();
      return ok({ release: () => unlink(path).catch(() => undefined) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") return err({ code: "ledger", message: `cannot lock the ledger (${path}): ${(e as Error).message}` });
    }
    const [pidText, startText] = (await readFile(path, "utf8").catch(() => "")).trim().split(/\s+/);
    const owner = Number(pidText);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && (await ownerAlive(owner, startText))) {
      return err({ code: "ledger", message: `the ledger ${ledgerPath} is in use by process ${owner} (an xdc run still going?); wait for it to end, or stop it` });
    }
    await unlink(path).catch(() => undefined);
  }
  return err({ code: "ledger", message: `cannot lock the ledger ${ledgerPath}: another process keeps taking the lock` });
}

/** Whether the lock's owner still runs: its pid exists and, when the lock says when it started, it is that process. */
async function ownerAlive(pid: number, recordedStart: string | undefined): Promise<boolean> {
  if (!processExists(pid)) return false;
  if (recordedStart === undefined) return true;
  const start = await processStart(pid);
  return start === undefined || start === recordedStart;
}
