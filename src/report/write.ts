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

/** Renders the chosen reports of a journal and writes each to its path; returns the paths written. */
export async function writeReportFiles(events: readonly JournalEvent[], targets: Partial<Record<ReportFormat, string>>): Promise<Partial<Record<ReportFormat, string>>> {
  const run = buildRun(events);
  const written: Partial<Record<ReportFormat, string>> = {};
  for (const format of Object.keys(RENDER) as ReportFormat[]) {
    const path = targets[format];
    if (path === undefined) continue;
    await writeFile(path, await RENDER[format](run), "utf8");
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
