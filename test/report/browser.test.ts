import { expect } from "chai";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderHtml } from "../../src/report/html.js";
import { loadChartLibraries } from "../../src/report/assets.js";
import { writeReports } from "../../src/report/write.js";
import { openReport, useChromium, type OpenedReport } from "../support/chromium.js";
import { journalFixture, failoverScenario, noDataScenario, errorScenario } from "../support/journal-fixture.js";
import { hostileRun, XSS_NAME } from "./hostile.js";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));

/** The HTML report in real headless Chromium, offline: what a person opening it would see. */
describe("report: HTML in Chromium", function () {
  this.timeout(60_000);
  const browser = useChromium("xdc-html-");

  describe("a run with a failover, no data and an error", () => {
    let opened: OpenedReport;
    before(async () => {
      const events = journalFixture({ scenarios: [failoverScenario(), noDataScenario(), errorScenario()] });
      const { html } = await writeReports(events, browser.dir);
      opened = await openReport(browser.context, html);
    });
    after(() => opened?.page.close());

    it("draws every chart, in SVG, without a console error", async () => {
      expect(await opened.page.getAttribute("body", "data-charts")).to.equal("drawn");
      expect(opened.consoleErrors).to.deep.equal([]);
      for (const mark of ["rect path", "line path", "rule line", "text text"]) {
        expect(await opened.page.locator(`#chart-0 svg g.mark-${mark}`).count(), mark).to.be.greaterThan(0);
      }
    });

    it("asks the network for nothing but the file itself", () => {
      expect(opened.requests).to.deep.equal([opened.url]);
    });

    it("shows the verdicts and every expectation", async () => {
      const text = await opened.page.innerText("main");
      expect(text).to.include("expect lost(load, app.Results) <= 0.1%");
      expect(await opened.page.locator(".scenario h2 .badge").allInnerTexts()).to.deep.equal(["fail", "no data", "error"]);
    });

    it("keeps a screenshot as a test artifact", async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const png = await opened.page.screenshot({ fullPage: true });
      writeFileSync(join(ARTIFACTS, "report.png"), png);
      expect(png.subarray(1, 4).toString("latin1")).to.equal("PNG");
    });
  });

  it("runs no script from a scenario named like one", async () => {
    const file = join(browser.dir, "hostile.html");
    writeFileSync(file, renderHtml(hostileRun(), await loadChartLibraries()));
    const opened = await openReport(browser.context, file);
    try {
      expect(await opened.page.getAttribute("body", "data-charts")).to.equal("drawn");
      expect(opened.dialogs).to.deep.equal([]);
      expect(opened.consoleErrors).to.deep.equal([]);
      expect(await opened.page.innerText("#scenario-0 h2")).to.include(XSS_NAME);
      expect(await opened.page.locator("script").count()).to.equal(6);
    } finally {
      await opened.page.close();
    }
  });

  it("would notice a page that fetches something or opens a dialog", async () => {
    const file = join(browser.dir, "leaky.html");
    writeFileSync(file, `<!DOCTYPE html><body data-charts="drawn"><img src="http://127.0.0.1:9/x.png"><script>alert("hi")</script></body>`);
    const opened = await openReport(browser.context, file);
    try {
      expect(opened.requests).to.include("http://127.0.0.1:9/x.png");
      expect(opened.dialogs).to.deep.equal(["hi"]);
    } finally {
      await opened.page.close();
    }
  });
});
