import { open, readFile, unlink } from "node:fs/promises";
import { err, ok, type Result } from "../drivers/result.js";
import type { LedgerError } from "./ledger.js";
import { processExists } from "./process-exists.js";

/**
 * One xdc process at a time per ledger: `xdc recover` must not undo the faults of an `xdc exec`
 * that is still running them. The lock is a file holding the owner's pid; a lock whose owner is
 * dead (a run killed with -9) is taken over.
 */
export interface LedgerLock {
  release(): Promise<void>;
}

export async function lockLedger(ledgerPath: string): Promise<Result<LedgerLock, LedgerError>> {
  const path = `${ledgerPath}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, "wx");
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      return ok({ release: () => unlink(path).catch(() => undefined) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") return err({ code: "ledger", message: `cannot lock the ledger (${path}): ${(e as Error).message}` });
    }
    const owner = Number((await readFile(path, "utf8").catch(() => "")).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processExists(owner)) {
      return err({ code: "ledger", message: `the ledger ${ledgerPath} is in use by process ${owner} (an xdc run still going?); wait for it to end, or stop it` });
    }
    await unlink(path).catch(() => undefined);
  }
  return err({ code: "ledger", message: `cannot lock the ledger ${ledgerPath}: another process keeps taking the lock` });
}
