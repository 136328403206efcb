import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { JournalEvent } from "../runtime/journal/events.js";
import { loadChartLibraries } from "./assets.js";
import { renderHtml } from "./html.js";
import { toSummary } from "./json.js";
import { toJunit } from "./junit.js";
import { buildRun, type RunReport } from "./model.js";

/** The three reports and the names `xdc exec --out DIR` gives them (documented in docs/reports.md). */
export type ReportFormat = "junit" | "json" | "html";
export const REPORT_FILES: Readonly<Record<ReportFormat, string>> = { junit: "junit.xml", json: "summary.json", html: "report.html" };

const RENDER: Readonly<Record<ReportFormat, (run: RunReport) => Promise<string>>> = {
  junit: async (run) => toJunit(run),
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
): Promise<Partial<Record<ReportFormat, string>>> {
  const run = buildRun(events);
  const written: Partial<Record<ReportFormat, string>> = {};
  for (const format of Object.keys(RENDER) as ReportFormat[]) {
    const path = targets[format];
    if (path === undefined) continue;
    const text = await RENDER[format](run);
    if (path === STDOUT_TARGET) stdout(text);
    else await writeFile(path, text, "utf8");
    written[format] = path;
  }
  return written;
}

/** What `xdc exec` calls: all three reports into `outDir` (created if missing) under their standard names. */
export async function writeReports(events: readonly JournalEvent[], outDir: string): Promise<Record<ReportFormat, string>> {
  await mkdir(outDir, { recursive: true });
  const targets = { junit: join(outDir, REPORT_FILES.junit), json: join(outDir, REPORT_FILES.json), html: join(outDir, REPORT_FILES.html) };
  await writeReportFiles(events, targets);
  return targets;
}
