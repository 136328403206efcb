import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { FaultPlan } from "../drivers/faults/types.js";
import { err, ok, type Result } from "../drivers/result.js";

/**
 * The ledger: an append-only JSON-lines file of the faults xdc applied and undid, fsynced per
 * record. A fault's plan, with its undo commands, is on disk before its first command runs,
 * and a record of its undo follows once the undo is verified; a fault with the first record and
 * not the second may still be in effect, whatever became of the process that applied it.
 */
export type LedgerRecord =
  | { readonly type: "apply"; readonly at: number; readonly fault: FaultPlan }
  | { readonly type: "undone"; readonly at: number; readonly run: string; readonly id: string; readonly by: "run" | "recover"; readonly note?: string }
  | { readonly type: "undo-failed"; readonly at: number; readonly run: string; readonly id: string; readonly by: "run" | "recover"; readonly problems: readonly string[] };

export interface LedgerError {
  readonly code: "ledger";
  readonly message: string;
}

const ledgerError = (message: string): LedgerError => ({ code: "ledger", message });
const why = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** A fault's key across runs. */
export const faultKey = (run: string, id: string): string => `${run}/${id}`;

export interface LedgerState {
  readonly records: readonly LedgerRecord[];
  /** Faults applied and not verified undone, in the order they were applied. */
  readonly outstanding: readonly FaultPlan[];
  /** Lines that are not records: a torn last line (a write cut short by a crash) is expected and harmless; any other is damage. */
  readonly damaged: readonly { readonly line: number; readonly last: boolean }[];
}

function isRecord(v: unknown): v is LedgerRecord {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r["type"] === "apply") {
    const f = r["fault"] as Record<string, unknown> | undefined;
    return typeof f === "object" && f !== null && typeof f["id"] === "string" && typeof f["run"] === "string" && Array.isArray(f["undo"]) && Array.isArray(f["verifyUndone"]);
  }
  return (r["type"] === "undone" || r["type"] === "undo-failed") && typeof r["run"] === "string" && typeof r["id"] === "string";
}

/** The faults whose apply record has no undone record after it. */
export function outstandingFaults(records: readonly LedgerRecord[]): FaultPlan[] {
  const open = new Map<string, FaultPlan>();
  for (const r of records) {
    if (r.type === "apply") open.set(faultKey(r.fault.run, r.fault.id), r.fault);
    else if (r.type === "undone") open.delete(faultKey(r.run, r.id));
  }
  return [...open.values()];
}

/** Reads a ledger; a missing file is an empty ledger. */
export async function readLedger(path: string): Promise<Result<LedgerState, LedgerError>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return ok({ records: [], outstanding: [], damaged: [] });
    return err(ledgerError(`cannot read the ledger ${path}: ${why(e)}`));
  }
  const lines = text.split("\n");
  const records: LedgerRecord[] = [];
  const damaged: { line: number; last: boolean }[] = [];
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      value = undefined;
    }
    if (isRecord(value)) records.push(value);
    else damaged.push({ line: i + 1, last: i === lines.length - 1 });
  }
  return ok({ records, outstanding: outstandingFaults(records), damaged });
}

/** An open ledger file, appended to one fsynced record at a time. */
export class Ledger {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly file: FileHandle,
  ) {}

  /**
   * Opens (or creates) the ledger for appending. A last line cut short by a crash is cut off:
   * its write never completed, so nothing it would have recorded had started.
   */
  static async open(path: string): Promise<Result<Ledger, LedgerError>> {
    try {
      await mkdir(dirname(path), { recursive: true });
      const file = await open(path, "a+");
      const { size } = await file.stat();
      if (size > 0) {
        const text = await file.readFile();
        const end = text.lastIndexOf(0x0a) + 1;
        if (end < size) await file.truncate(end);
      }
      await file.sync();
      await syncDirectory(dirname(path));
      return ok(new Ledger(path, file));
    } catch (e) {
      return err(ledgerError(`cannot open the ledger ${path}: ${why(e)}`));
    }
  }

  /** Appends one record and waits until it is on disk; appends never interleave. */
  append(record: LedgerRecord): Promise<Result<void, LedgerError>> {
    const write = this.queue.then(async () => {
      try {
        await this.file.appendFile(`${JSON.stringify(record)}\n`);
        await this.file.sync();
        return ok(undefined);
      } catch (e) {
        return err(ledgerError(`cannot write to the ledger ${this.path}: ${why(e)}`));
      }
    });
    this.queue = write;
    return write;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.file.close();
  }
}

/** A new file's directory entry is durable only once the directory itself is synced. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
