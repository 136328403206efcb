import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseJournal } from "../report/parse.js";
import { REPORT_FILES, writeReportFiles, type ReportFormat } from "../report/write.js";
import { EXIT } from "./exit.js";
import type { ReportOptions } from "./report.js";
import type { Output } from "./undo-report.js";

/** `xdc report`: reads the journal, renders the reports asked for (all three beside it by default), says where they went. */
export async function runReport(journal: string, opts: ReportOptions, io: Output): Promise<number> {
  let text: string;
  try {
    text = await readFile(journal, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`xdc report: ${journal}: cannot read it${code !== undefined ? ` (${code})` : ""}`);
    return EXIT.usage;
  }
  const parsed = parseJournal(text, journal);
  if (!parsed.ok) {
    io.err(`xdc report: ${parsed.error.message}`);
    return EXIT.usage;
  }
  for (const warning of parsed.warnings) io.err(`note: ${warning}`);
  const targets = chosenTargets(journal, opts);
  try {
    const written = await writeReportFiles(parsed.events, targets);
    io.out(`xdc report: wrote ${Object.values(written).join(", ")}`);
    return EXIT.pass;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(`xdc report: cannot write the reports: ${err.path ?? ""}${err.code !== undefined ? ` (${err.code})` : ` ${err.message}`}`);
    return EXIT.error;
  }
}

function chosenTargets(journal: string, opts: ReportOptions): Partial<Record<ReportFormat, string>> {
  const chosen = { junit: opts.junit, json: opts.json, html: opts.html };
  if (Object.values(chosen).some((v) => v !== undefined)) {
    return Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== undefined)) as Partial<Record<ReportFormat, string>>;
  }
  const dir = dirname(journal);
  return { junit: join(dir, REPORT_FILES.junit), json: join(dir, REPORT_FILES.json), html: join(dir, REPORT_FILES.html) };
}
