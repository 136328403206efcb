import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { JournalEvent } from "../runtime/journal/events.js";
import { loadChartLibraries } from "./assets.js";
import { renderHtml } from "./html.js";
import { toSummary } from "./json.js";
import { toJunit, type JunitCases } from "./junit.js";
import { buildRun, type RunReport } from "./model.js";

/** The three reports and the names `xdc exec --out DIR` gives them (documented in docs/reports.md). */
export type ReportFormat = "junit" | "json" | "html";
export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = { junit: "junit.xml", json: "summary.json", html: "report.html" };

/** How the reports are rendered: JUnit's test cases per expectation (the default) or per scenario. */
export interface RenderOptions {
  readonly junitCases?: JunitCases;
}

const RENDER: Readonly<Record<ReportFormat, (run: RunReport, options: RenderOptions) => Promise<string>>> = {
  junit: async (run, options) => toJunit(run, options.junitCases),
  json: async (run) => `${JSON.stringify(toSummary(run), null, 2)}\n`,
  html: async (run) => renderHtml(run, await loadChartLibraries()),
};

/** The target that means standard output (`xdc report J --html -`), as `-` means stdin for inputs. */
export const STDOUT_TARGET = "-";

/**
 * Renders the chosen reports of a journal and writes each to its path, or to `stdout` for the
 * target `-`; returns the targets written.
 */
export async function writeReportFiles(
  events: readonly JournalEvent[],
  targets: Partial<Record<ReportFormat, string>>,
  stdout: (text: string) => void = (text) => void process.stdout.write(text),
  options: RenderOptions = {},
): Promise<Partial<Record<ReportFormat, string>>> {
  return writeRunReportFiles(buildRun(events), targets, stdout, options);
}

/** As writeReportFiles, for a run already folded (the merge of several journals). */
export async function writeRunReportFiles(
  run: RunReport,
  targets: Partial<Record<ReportFormat, string>>,
  stdout: (text: string) => void,
  options: RenderOptions = {},
): Promise<Partial<Record<ReportFormat, string>>> {
  const written: Partial<Record<ReportFormat, string>> = {};
  for (const format of Object.keys(RENDER) as ReportFormat[]) {
    const path = targets[format];
    if (path === undefined) continue;
    const text = await RENDER[format](run, options);
    if (path === STDOUT_TARGET) stdout(text);
    else await writeFile(path, text, "utf8");
    written[format] = path;
  }
  return written;
}

/** What `xdc exec` calls: all three reports into `outDir` (created if missing) under their standard names. */
export async function writeReports(events: readonly JournalEvent[], outDir: string, options: RenderOptions = {}): Promise<Record<ReportFormat, string>> {
  await mkdir(outDir, { recursive: true });
  const targets = reportTargets(outDir);
  await writeReportFiles(events, targets, undefined, options);
  return targets;
}

/** The three reports' paths in a directory, under their standard names. */
export const reportTargets = (dir: string): Record<ReportFormat, string> => ({ junit: join(dir, REPORT_FILES.junit), json: join(dir, REPORT_FILES.json), html: join(dir, REPORT_FILES.html) });
