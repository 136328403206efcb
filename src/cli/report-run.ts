import { mkdir, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { JournalEvent } from "../runtime/journal/events.js";
import { readJournal } from "../runtime/journal/reader.js";
import { buildRun, UNFINISHED_RUN, type RunReport } from "../report/model.js";
import { reportTargets, STDOUT_TARGET, writeRunReportFiles, type ReportFormat } from "../report/write.js";
import type { JunitCases } from "../report/junit.js";
import { EXIT } from "./exit.js";
import type { Output } from "./undo-report.js";

export interface ReportOptions {
  readonly junit?: string;
  readonly json?: string;
  readonly html?: string;
  /** `--junit-cases`: a JUnit test case per expectation (the default) or per scenario. */
  readonly junitCases?: JunitCases;
  /** `--merge DIR…`: the directories (or journals) whose runs are merged into one report. */
  readonly merge?: readonly string[];
  /** `--out DIR`: where --merge writes its three reports when none is named. */
  readonly out?: string;
  /** `--history DIR`: draw the trend page of a history directory. */
  readonly history?: string;
}

/** What `xdc report` reads and writes besides files: stdin for the journal `-`, stdout for a report `-`. */
export interface ReportIo extends Output {
  readStdin(): Promise<string>;
  /** Raw text to stdout, for a report written to `-` (no newline added). */
  write(text: string): void;
}

/** `xdc report`: one journal, --merge or --history, never two of them (docs/reports.md). */
export async function runReportCommand(journal: string | undefined, opts: ReportOptions, io: ReportIo): Promise<number> {
  const modes = [journal !== undefined ? "a journal" : undefined, opts.merge !== undefined ? "--merge" : undefined, opts.history !== undefined ? "--history" : undefined].filter((m) => m !== undefined);
  if (modes.length !== 1) {
    io.err(modes.length === 0 ? "xdc report: name a journal, or give --merge DIR… or --history DIR" : `xdc report: ${modes.join(" and ")} cannot go together: one report at a time`);
    return EXIT.usage;
  }
  if (opts.merge !== undefined) return (await import("./report-merge.js")).runMerge(opts.merge, opts, io);
  if (opts.history !== undefined) return (await import("./report-history.js")).runHistoryReport(opts.history, opts, io);
  return runReport(journal!, opts, io);
}

/** `xdc report`: reads the journal, renders the reports asked for (all three beside it by default), says where they went. */
export async function runReport(journalArg: string, opts: ReportOptions, io: ReportIo): Promise<number> {
  const fromStdin = journalArg === "-";
  const journal = fromStdin ? "<stdin>" : journalArg;
  const chosen = Object.entries({ junit: opts.junit, json: opts.json, html: opts.html }).filter(([, v]) => v !== undefined);
  // Two reports one after the other on stdout would be one file that no reader can split.
  const toStdout = stdoutTargets(opts);
  if (toStdout.length > 1) {
    io.err(`xdc report: ${toStdout.join(" and ")} both write to stdout (-); only one report can go there`);
    return EXIT.usage;
  }
  // There is no "beside the journal" for a journal read from stdin.
  if (fromStdin && chosen.length === 0 && opts.out === undefined) {
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
  const events = journalEvents(journal, text, io.err);
  if (events === undefined) return EXIT.usage;
  return writeAll(buildRun(events), chosenTargets(opts, opts.out ?? dirname(journal)), opts, io);
}

/**
 * A journal's events, or undefined after saying (naming the file and line) why it cannot be
 * reported; a torn last line is left out with a note, and an unfinished run is said out loud.
 */
export function journalEvents(journal: string, text: string, err: (line: string) => void): JournalEvent[] | undefined {
  const whole = withoutTornLastLine(text);
  if (whole.torn !== undefined) err(`note: ${journal}:${whole.torn}: the last line is incomplete (the run was stopped while writing it); it was left out`);
  const read = readJournal(whole.text);
  if (!read.ok) {
    for (const p of read.error) err(`xdc report: ${journal}:${p.line}: ${p.message}`);
    return undefined;
  }
  if (read.value.length === 0) {
    err(`xdc report: ${journal}: the journal holds no events`);
    return undefined;
  }
  // Said here as well as in the reports: a green-looking report of a killed run misleads most.
  if (!read.value.some((e) => e.kind === "run.end")) err(`xdc report: ${journal}: ${UNFINISHED_RUN}; the reports give the run the verdict error`);
  return read.value;
}

/** The reports named with --junit, --json, --html that go to stdout (`-`): at most one may. */
export const stdoutTargets = (opts: ReportOptions): string[] =>
  Object.entries({ junit: opts.junit, json: opts.json, html: opts.html })
    .filter(([, v]) => v === STDOUT_TARGET)
    .map(([k]) => `--${k}`);

/** Renders and writes the reports of a run, says where they went; the exit code. --out's directory is made when missing. */
export async function writeAll(run: RunReport, targets: Partial<Record<ReportFormat, string>>, opts: ReportOptions, io: ReportIo): Promise<number> {
  const toStdout = stdoutTargets(opts);
  const named = [opts.junit, opts.json, opts.html].some((v) => v !== undefined);
  try {
    if (opts.out !== undefined && !named) await mkdir(opts.out, { recursive: true });
    const written = await writeRunReportFiles(run, targets, io.write, opts.junitCases !== undefined ? { junitCases: opts.junitCases } : {});
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

/** The reports named with --junit, --json, --html; or, when none is, all three in `dir` under their standard names. */
export function chosenTargets(opts: ReportOptions, dir: string): Partial<Record<ReportFormat, string>> {
  const chosen = { junit: opts.junit, json: opts.json, html: opts.html };
  if (Object.values(chosen).some((v) => v !== undefined)) {
    return Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== undefined)) as Partial<Record<ReportFormat, string>>;
  }
  return reportTargets(dir);
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
