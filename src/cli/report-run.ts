import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readJournal } from "../runtime/journal/reader.js";
import { UNFINISHED_RUN } from "../report/model.js";
import { REPORT_FILES, STDOUT_TARGET, writeReportFiles, type ReportFormat } from "../report/write.js";
import { EXIT } from "./exit.js";
import type { Output } from "./undo-report.js";

export interface ReportOptions {
  readonly junit?: string;
  readonly json?: string;
  readonly html?: string;
}

/** What `xdc report` reads and writes besides files: stdin for the journal `-`, stdout for a report `-`. */
export interface ReportIo extends Output {
  readStdin(): Promise<string>;
  /** Raw text to stdout, for a report written to `-` (no newline added). */
  write(text: string): void;
}

/** `xdc report`: reads the journal, renders the reports asked for (all three beside it by default), says where they went. */
export async function runReport(journalArg: string, opts: ReportOptions, io: ReportIo): Promise<number> {
  const fromStdin = journalArg === "-";
  const journal = fromStdin ? "<stdin>" : journalArg;
  const chosen = Object.entries({ junit: opts.junit, json: opts.json, html: opts.html }).filter(([, v]) => v !== undefined);
  // Two reports one after the other on stdout would be one file that no reader can split.
  const toStdout = chosen.filter(([, v]) => v === STDOUT_TARGET).map(([k]) => `--${k}`);
  if (toStdout.length > 1) {
    io.err(`xdc report: ${toStdout.join(" and ")} both write to stdout (-); only one report can go there`);
    return EXIT.usage;
  }
  // There is no "beside the journal" for a journal read from stdin.
  if (fromStdin && chosen.length === 0) {
    io.err("xdc report: the journal is read from stdin (-): say where the reports go with --junit, --json or --html");
    return EXIT.usage;
  }
  let text: string;
  try {
    text = fromStdin ? await io.readStdin() : await readFile(journal, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.err(`xdc report: ${journal}: cannot read it${code !== undefined ? ` (${code})` : ""}`);
    return EXIT.usage;
  }
  const whole = withoutTornLastLine(text);
  if (whole.torn !== undefined) io.err(`note: ${journal}:${whole.torn}: the last line is incomplete (the run was stopped while writing it); it was left out`);
  const read = readJournal(whole.text);
  if (!read.ok) {
    for (const p of read.error) io.err(`xdc report: ${journal}:${p.line}: ${p.message}`);
    return EXIT.usage;
  }
  if (read.value.length === 0) {
    io.err(`xdc report: ${journal}: the journal holds no events`);
    return EXIT.usage;
  }
  // Said here as well as in the reports: a green-looking report of a killed run misleads most.
  if (!read.value.some((e) => e.kind === "run.end")) io.err(`xdc report: ${journal}: ${UNFINISHED_RUN}; the reports give the run the verdict error`);
  const targets = chosenTargets(journal, opts);
  try {
    const written = await writeReportFiles(read.value, targets, io.write);
    const files = Object.values(written).filter((path) => path !== STDOUT_TARGET);
    // With a report on stdout, stdout is that report alone: the note goes to stderr.
    const say = toStdout.length > 0 ? io.err : io.out;
    if (files.length > 0) say(`xdc report: wrote ${files.join(", ")}`);
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

/**
 * A run killed while writing leaves its last line unfinished, without the newline every
 * complete line ends with: that line is left out (and its line number returned for a note),
 * and the reports show the run as interrupted. Damage anywhere else is the reader's error.
 */
function withoutTornLastLine(text: string): { text: string; torn?: number } {
  if (text.endsWith("\n") || text.trim() === "") return { text };
  const cut = text.lastIndexOf("\n") + 1;
  try {
    JSON.parse(text.slice(cut));
    return { text };
  } catch {
    return { text: text.slice(0, cut), torn: text.slice(0, cut).split("\n").length };
  }
}
