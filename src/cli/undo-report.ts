import type { RecoverOutcome } from "../runtime/recover.js";

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

const STATUS_WORD: Readonly<Record<RecoverOutcome["status"], string>> = { undone: "undone", "nothing-to-undo": "nothing to undo", gone: "gone with the embedded twin", failed: "FAILED" };

/**
 * One line per fault; a failed undo goes to stderr with why and the commands to run by hand,
 * so it cannot pass for success. Answers how many failed.
 */
export function printUndoReports(reports: readonly RecoverOutcome[], io: Output): number {
  let failed = 0;
  for (const r of reports) {
    const line = `  ${STATUS_WORD[r.status]}: ${r.summary} (run ${r.run}, fault ${r.id}${r.status === "gone" ? `; ${r.why}` : ""})`;
    if (r.status !== "failed") {
      io.out(line);
      continue;
    }
    failed++;
    io.err(line);
    for (const p of r.problems) io.err(`    why: ${p}`);
    for (const m of r.manual) io.err(`    run by hand: ${m}`);
  }
  return failed;
}
