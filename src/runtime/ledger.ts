import { mkdir, open, readFile, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import type { FaultPlan } from "../drivers/faults/types.js";
import { err, ok, type Result } from "../drivers/result.js";
import { ledgerRecordShape } from "./ledger-shape.js";

/**
 * The ledger: an append-only JSON-lines file of the faults xdc applied and undid, fsynced per
 * record. A fault's plan, with its undo commands, is on disk before its first command runs,
 * and a record of its undo follows once the undo is verified; a fault with the first record and
 * not the second may still be in effect, whatever became of the process that applied it.
 */
export type LedgerRecord =
  | { readonly type: "apply"; readonly at: number; readonly fault: FaultPlan; readonly target?: LedgerTarget }
  | { readonly type: "undone"; readonly at: number; readonly run: string; readonly id: string; readonly by: "run" | "recover"; readonly note?: string }
  | { readonly type: "undo-failed"; readonly at: number; readonly run: string; readonly id: string; readonly by: "run" | "recover"; readonly problems: readonly string[] }
  /** A person checked the hosts of these damaged lines by hand (`xdc recover --accept-damaged`); they no longer block. */
  | { readonly type: "damage-accepted"; readonly at: number; readonly lines: readonly number[]; readonly by: "run" | "recover" };

/**
 * What the faults of a run were applied to, when that is not a deployment that outlives xdc:
 * the twin `xdc exec` starts for `environment: sim` holds every simulated host in its own
 * processes, so once it is gone, so are the faults. `command` is its command line, to tell it
 * from a later process that got the same pid.
 */
export interface LedgerTarget {
  readonly kind: "embedded-twin";
  readonly pid: number;
  readonly stateDir: string;
  readonly command: readonly string[];
}

/** A line that is not a record. */
export interface DamagedLine {
  readonly line: number;
  /** A last line that is not even JSON: a write cut short by a crash, which recorded nothing that had started. */
  readonly last: boolean;
  /** What is wrong with it, in a few words. */
  readonly problem: string;
}

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
  /** What each outstanding fault was applied to, by `faultKey`, when the apply record says. */
  readonly targets: Readonly<Record<string, LedgerTarget>>;
  /**
   * Lines that are not records and no `damage-accepted` record covers: a torn last line is
   * expected and harmless; any other may have recorded a fault that xdc can no longer find.
   */
  readonly damaged: readonly DamagedLine[];
}

/** Damage that may hide a fault (everything but a torn last line). */
export const blockingDamage = (state: Pick<LedgerState, "damaged">): DamagedLine[] => state.damaged.filter((d) => !d.last);

/** What is wrong with one line, or the record it holds. */
function parseLine(line: string): { record: LedgerRecord } | { problem: string; json: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: "not JSON", json: false };
  }
  const problem = ledgerRecordShape(value, "");
  return problem === undefined ? { record: value as LedgerRecord } : { problem, json: true };
}

/** The faults whose apply record has no undone record after it. */
export function outstandingFaults(records: readonly LedgerRecord[]): FaultPlan[] {
  return [...openApplies(records).values()].map((r) => r.fault);
}

function openApplies(records: readonly LedgerRecord[]): Map<string, Extract<LedgerRecord, { type: "apply" }>> {
  const open = new Map<string, Extract<LedgerRecord, { type: "apply" }>>();
  for (const r of records) {
    if (r.type === "apply") open.set(faultKey(r.fault.run, r.fault.id), r);
    else if (r.type === "undone") open.delete(faultKey(r.run, r.id));
  }
  return open;
}

/** Reads a ledger; a missing file is an empty ledger. */
export async function readLedger(path: string): Promise<Result<LedgerState, LedgerError>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return ok({ records: [], outstanding: [], targets: {}, damaged: [] });
    return err(ledgerError(`cannot read the ledger ${path}: ${why(e)}`));
  }
  const lines = text.split("\n");
  const records: LedgerRecord[] = [];
  const damaged: DamagedLine[] = [];
  const accepted = new Set<number>();
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const parsed = parseLine(line);
    if ("problem" in parsed) {
      // Only a line without its newline can be a write cut short; a complete line is damage.
      damaged.push({ line: i + 1, last: i === lines.length - 1 && !parsed.json, problem: parsed.problem });
      continue;
    }
    records.push(parsed.record);
    // An acceptance covers only lines before it: damage written later was never checked.
    if (parsed.record.type === "damage-accepted") for (const n of parsed.record.lines) if (n <= i) accepted.add(n);
  }
  const open = openApplies(records);
  const targets = Object.fromEntries([...open].flatMap(([key, r]) => (r.target ? [[key, r.target] as const] : [])));
  return ok({ records, outstanding: [...open.values()].map((r) => r.fault), targets, damaged: damaged.filter((d) => !accepted.has(d.line)) });
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
        // A whole record short of its newline was written: it may be a fault that started.
        if (end < size && "record" in parseLine(text.subarray(end).toString("utf8"))) await file.appendFile("\n");
        else if (end < size) await file.truncate(end);
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
