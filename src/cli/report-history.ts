import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadChartLibraries } from "../report/assets.js";
import { readHistory } from "../report/history.js";
import { renderHistoryHtml } from "../report/history-html.js";
import { STDOUT_TARGET } from "../report/write.js";
import { EXIT } from "./exit.js";
import type { ReportOptions } from "./report-run.js";
import type { ReportIo } from "./report-run.js";

/** Where the trend page goes without --html: inside the history directory, whose reader skips it. */
export const HISTORY_PAGE = "history.html";

/** `xdc report --history DIR [--html FILE]`: the trend page of a history directory (docs/reports.md). */
export async function runHistoryReport(dir: string, opts: ReportOptions, io: ReportIo): Promise<number> {
  if (opts.junit !== undefined || opts.json !== undefined || opts.out !== undefined) {
    io.err("xdc report: --history draws one HTML page: name it with --html (--junit, --json and --out are for journals)");
    return EXIT.usage;
  }
  const read = await readHistory(dir);
  if (!read.ok) {
    for (const p of read.error) io.err(`xdc report: --history: ${p}`);
    return EXIT.usage;
  }
  const target = opts.html ?? join(dir, HISTORY_PAGE);
  const page = renderHistoryHtml(read.value, dir, await loadChartLibraries());
  try {
    if (target === STDOUT_TARGET) io.write(page);
    else {
      await writeFile(target, page, "utf8");
      io.out(`xdc report: wrote ${target} (${read.value.length} run${read.value.length === 1 ? "" : "s"})`);
    }
    return EXIT.pass;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    io.err(`xdc report: cannot write ${target}${err.code !== undefined ? ` (${err.code})` : ` ${err.message}`}`);
    return EXIT.error;
  }
}
