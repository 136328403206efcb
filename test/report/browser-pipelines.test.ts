import { expect } from "chai";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadChartLibraries } from "../../src/report/assets.js";
import { historyRecordFromSummary, type HistoryEntry } from "../../src/report/history.js";
import { renderHistoryHtml } from "../../src/report/history-html.js";
import { renderHtml } from "../../src/report/html.js";
import { toSummary } from "../../src/report/json.js";
import { mergeRuns } from "../../src/report/merge.js";
import { buildRun } from "../../src/report/model.js";
import { openReport, useChromium } from "../support/chromium.js";
import { errorScenario, failoverScenario, journalFixture, passScenario } from "../support/journal-fixture.js";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/** The merged report of repeats and the trend page of a history in real headless Chromium, offline. */
describe("report: merged repeats and the history trend in Chromium", function () {
  this.timeout(60_000);
  const browser = useChromium("xdc-html-pipelines-");

  it("draws each figure's strip plot of merged repeats, and a click on a run's tick opens that run's section", async () => {
    const run = mergeRuns([1, 2, 3, 4].map((seed) => ({ source: `repeat-${seed}`, run: buildRun(journalFixture({ seed, scenarios: [failoverScenario()] })) })));
    const file = join(browser.dir, "merged.html");
    writeFileSync(file, renderHtml(run, await loadChartLibraries()));
    const opened = await openReport(browser.context, file);
    try {
      expect(await opened.page.getAttribute("body", "data-charts")).to.equal("drawn");
      expect(opened.consoleErrors).to.deep.equal([]);
      expect(opened.requests).to.deep.equal([opened.url]);
      // a tick per run and figure: RTO, detection, RPO, lost, duplicates
      expect(await opened.page.locator("#distribution-chart-0 svg g.mark-rect.role-mark path").count()).to.equal(4 * 5);
      expect(await opened.page.locator("#distribution-0 .runs a").allInnerTexts()).to.deep.equal(["fail repeat-1", "fail repeat-2", "fail repeat-3", "fail repeat-4"]);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, "report-repeats.png"), await opened.page.locator("#distribution-0").screenshot());
      await opened.page.locator("#distribution-0 .runs a").nth(2).click();
      expect(new URL(opened.page.url()).hash).to.equal("#scenario-2");
    } finally {
      await opened.page.close();
    }
  });

  it("draws the verdicts, RTO and RPO of a history over time", async () => {
    const days = [1, 2, 3, 4, 5];
    const entries: HistoryEntry[] = days.map((day) => {
      const summary = toSummary(buildRun(journalFixture({ seed: day, scenarios: [failoverScenario({ name: "partition" }), day === 3 ? errorScenario("restart") : passScenario("restart")] })));
      return { record: historyRecordFromSummary(summary, { time: `2026-12-0${day}T03:00:00Z`, commit: `c0ffee${day}` }), source: `h/${day}.json` };
    });
    const file = join(browser.dir, "history.html");
    writeFileSync(file, renderHistoryHtml(entries, "h", await loadChartLibraries()));
    const opened = await openReport(browser.context, file);
    try {
      expect(await opened.page.getAttribute("body", "data-charts")).to.equal("drawn");
      expect(opened.consoleErrors).to.deep.equal([]);
      expect(opened.requests).to.deep.equal([opened.url]);
      expect(await opened.page.locator("#history-verdicts svg g.mark-symbol.role-mark path").count()).to.equal(10);
      expect(await opened.page.locator("#history-rto svg g.mark-line path").count()).to.be.at.least(1);
      expect(await opened.page.locator("#history-rpo svg g.mark-line path").count()).to.be.at.least(1);
      expect(await opened.page.innerText("table.overview")).to.match(/restart\s+scenarios\/dc-partition.xdc\s+2026-12-05T03:00:00Z\s+4 of 5 \(80%\)/);
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, "history.png"), await opened.page.screenshot({ fullPage: true }));
    } finally {
      await opened.page.close();
    }
  });
});
