/**
 * Regenerates docs/img/report.png from a real run: `xdc exec` runs the partition reference
 * scenario on the embedded twin, and headless Chromium (playwright-core, /usr/bin/chromium,
 * offline) photographs the top of its report.html: the banner, the verdicts and the timeline.
 *
 *   npm run build && npm run report-screenshot                # run examples/partition.xdc, then shoot
 *   npm run report-screenshot -- --journal out/journal.jsonl  # shoot the report of an existing journal
 *
 * docs/reports.md says how; the picture is never edited by hand.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readJournal } from "../src/runtime/journal/reader.js";
import { writeReports } from "../src/report/write.js";
import { launchChromium, openReport } from "../test/support/chromium.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const OUT = join(ROOT, "docs/img/report.png");
const SCENARIO = "examples/partition.xdc";

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const given = args[0] === "--journal" ? args[1] : undefined;
  const dir = mkdtempSync(join(tmpdir(), "xdc-screenshot-"));
  try {
    let journal = given;
    if (journal === undefined) {
      // The exit code says the verdict (1 for a failed expectation), which is what the picture shows; only a report matters here.
      try {
        execFileSync(process.execPath, [join(ROOT, "bin/xdc.js"), "exec", SCENARIO, "--out", dir], { cwd: ROOT, stdio: "inherit" });
      } catch (e) {
        if ((e as { status?: number }).status !== 1) throw e;
      }
      journal = join(dir, "journal.jsonl");
    }
    const read = readJournal(readFileSync(journal, "utf8"));
    if (!read.ok) throw new Error(`${journal}: ${read.error.map((p) => `line ${p.line}: ${p.message}`).join("; ")}`);
    const { html } = await writeReports(read.value, dir);
    const browser = await launchChromium();
    try {
      const opened = await openReport(browser.context, html, 30_000);
      await opened.page.setViewportSize({ width: 1240, height: 900 });
      const charts = await opened.page.getAttribute("body", "data-charts");
      if (charts !== "drawn") throw new Error(`the charts were not drawn (${charts})`);
      // From the top to the end of the first scenario's timeline: what docs/reports.md describes.
      const bottom = Number(await opened.page.evaluate("document.getElementById('chart-0').getBoundingClientRect().bottom + window.scrollY + 8"));
      await opened.page.screenshot({ path: OUT, clip: { x: 0, y: 0, width: 1240, height: Math.ceil(bottom) }, fullPage: true });
      console.log(`wrote ${OUT} from ${journal}`);
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
