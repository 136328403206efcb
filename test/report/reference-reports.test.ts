import { expect } from "chai";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { buildRun, type ScenarioReport } from "../../src/report/model.js";
import { seriesKey } from "../../src/report/series.js";
import { writeReports } from "../../src/report/write.js";
import { readJournal } from "../../src/runtime/journal/reader.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { haveChromium, launchChromium, openReport, type OpenedBrowser, type OpenedReport } from "../support/chromium.js";
import { journalFixture, failoverScenario, noDataScenario, errorScenario } from "../support/journal-fixture.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLES = readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".xdc")).map((f) => `examples/${f}`);
/** A partition checked with `expect split_brain(app) == 0s`, which the twin (like the toolkit) makes fail. */
const SPLIT_BRAIN = "test/report/cases/split-brain.xdc";

/** A drawn sample: the interval its rule spans, in seconds read back through the chart's x scale, and the row it drew. */
interface Drawn {
  readonly chart: string;
  readonly series: string;
  readonly from: number;
  readonly t: number;
  readonly drawnFrom: number;
  readonly drawnTo: number;
}

/** Reads the drawn sample intervals and split-brain marks of every chart from the Vega views the page keeps in window.xdcViews. */
const READ_VIEWS = `(() => {
  const out = { samples: [], splitBrain: {} };
  for (const [chart, view] of Object.entries(window.xdcViews)) {
    const scale = view.scale("concat_0_x");
    const walk = (node, fn) => { fn(node); for (const child of node.items || []) walk(child, fn); };
    out.splitBrain[chart] = 0;
    walk(view.scenegraph().root, (node) => {
      if (node.marktype === undefined || typeof node.name !== "string") return;
      if (node.name.startsWith("sample_intervals_")) for (const item of node.items) out.samples.push({ chart, series: item.datum.series, from: item.datum.from, t: item.datum.t, drawnFrom: scale.invert(item.x), drawnTo: scale.invert(item.x2) });
      if (node.name.startsWith("split_brain")) out.splitBrain[chart] += node.items.length;
    });
  }
  return out;
})()`;

/** Every number a person sees on the page (HTML text and the charts' SVG text), dates and the version left out. */
const VISIBLE_NUMBERS = `(() => {
  const texts = [document.body.innerText, ...[...document.querySelectorAll("svg text")].map((t) => t.textContent)];
  return texts.join("\\n").replace(/\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z/g, " ").replace(/xdc \\d+\\.\\d+\\.\\d+/g, " ").match(/\\d[\\d,]*(\\.\\d+)?/g) || [];
})()`;

/** Significant digits of a decimal as printed (`0.10` has 2, `12.35` 4); a whole number is a count and has none to limit. */
const significantDigits = (n: string): number => (n.includes(".") ? n.replace(/[,.]/g, "").replace(/^0+/, "").length : 0);

/** The message column of a scenario's expectations: its `else` text (or why nothing was judged) on rows that did not pass, empty on the others. */
async function expectMessagesOnlyWhereFailed(page: Page, s: ScenarioReport, index: number): Promise<void> {
  const rows = await page.locator(`#scenario-${index} .expectations tbody tr`).all();
  expect(rows).to.have.length(s.expectations.length);
  for (const [k, row] of rows.entries()) {
    const x = s.expectations[k]!;
    const message = (await row.locator("td").last().innerText()).trim();
    expect(message, x.source).to.equal(x.verdict === "pass" ? "" : (x.message ?? ""));
  }
}

/**
 * The acceptance test of issue 21: each reference scenario run on the twin by the built CLI,
 * its report opened offline in Chromium, and what is drawn compared with the journal.
 */
describe("report: the reference scenarios' reports in Chromium (built CLI, the twin)", function () {
  this.timeout(600_000);
  let chromium: OpenedBrowser;
  let dir: string;
  let events: JournalEvent[];
  let opened: OpenedReport;

  before(async function () {
    if (!haveChromium()) this.skip(); // CI installs Debian's chromium (.ci/run)
    dir = mkdtempSync(join(tmpdir(), "xdc-reference-"));
    // Exit 1 (a failed expectation) and 3 (a scenario in error: monitoring.xdc without a `prometheus` binary) are verdicts the report shows; anything else is not.
    await promisify(execFile)(process.execPath, [join(ROOT, "bin/xdc.js"), "exec", ...EXAMPLES, SPLIT_BRAIN, "--out", dir], { cwd: ROOT, timeout: 540_000 }).catch((e: { code?: number }) => {
      if (e.code !== 1 && e.code !== 3) throw e;
    });
    const read = readJournal(readFileSync(join(dir, "journal.jsonl"), "utf8"));
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    events = read.value;
    chromium = await launchChromium();
    opened = await openReport(chromium.context, join(dir, "report.html"), 60_000);
  });
  after(async () => {
    await opened?.page.close();
    await chromium?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("draws every chart of every scenario, offline, without a console error", async () => {
    expect(await opened.page.getAttribute("body", "data-charts")).to.equal("drawn");
    expect(opened.consoleErrors).to.deep.equal([]);
    expect(opened.requests).to.deep.equal([opened.url]);
    expect(await opened.page.locator(".scenario").count()).to.equal(buildRun(events).scenarios.length);
  });

  it("draws each sample over the interval it measures: from the previous sample of its series to its own stamp", async () => {
    const { samples } = (await opened.page.evaluate(READ_VIEWS)) as { samples: Drawn[] };
    const run = buildRun(events);
    let checked = 0;
    for (const [i, s] of run.scenarios.entries()) {
      const drawn = samples.filter((d) => d.chart === `chart-${i}` && d.series.startsWith("throughput"));
      const bySeries = new Map<string, number[]>();
      for (const x of s.samples.filter((x) => x.series === "throughput")) bySeries.set(seriesKey(x), [...(bySeries.get(seriesKey(x)) ?? []), (x.t - s.startMs) / 1000]);
      for (const [series, stamps] of bySeries) {
        const mine = drawn.filter((d) => d.series === series).sort((a, b) => a.t - b.t);
        expect(mine.map((d) => d.t), `${s.name}: ${series}`).to.have.length(stamps.length);
        mine.forEach((d, k) => {
          expect(d.t, `${series} #${k}`).to.be.closeTo(stamps[k]!, 0.001);
          // Drawn where the data says, to a pixel's worth of seconds.
          expect(d.drawnTo).to.be.closeTo(d.t, 0.05);
          expect(d.drawnFrom).to.be.closeTo(d.from, 0.05);
          expect(d.from).to.be.lessThan(d.t);
          const gap = k > 0 ? stamps[k]! - stamps[k - 1]! : undefined;
          if (gap !== undefined && gap < 1.4) expect(d.from, `${series} #${k} starts at the previous sample`).to.be.closeTo(stamps[k - 1]!, 0.001);
          checked++;
        });
      }
    }
    expect(checked, "throughput samples checked").to.be.greaterThan(20);
  });

  it("marks split brain where two datacenters were active at once, and only there", async () => {
    const { splitBrain } = (await opened.page.evaluate(READ_VIEWS)) as { splitBrain: Record<string, number> };
    const run = buildRun(events);
    const partition = run.scenarios.findIndex((s) => s.file === "examples/partition.xdc");
    // On the twin, as with the real toolkit (docs/twin.md), a partition leaves both datacenters active.
    expect(run.scenarios[partition]!.splitBrain, "the partition's roles").to.not.be.empty;
    for (const [i, s] of run.scenarios.entries()) {
      const marks = splitBrain[`chart-${i}`] ?? 0;
      if (s.splitBrain.length > 0) expect(marks, s.name).to.be.greaterThan(0);
      else expect(marks, s.name).to.equal(0);
    }
    const banner = await opened.page.innerText(".banner");
    expect(banner).to.include("split brain").and.include(run.scenarios[partition]!.name);
  });

  it("fails `expect split_brain(app) == 0s` after a partition, and says so on top with the time measured", async () => {
    const run = buildRun(events);
    const s = run.scenarios.find((x) => x.file === SPLIT_BRAIN)!;
    const check = s.expectations.find((x) => x.source.startsWith("expect split_brain"))!;
    expect(check.verdict).to.equal("fail");
    expect(check.actual).to.match(/^\d+(\.\d+)? (ms|s)$/);
    const banner = await opened.page.innerText(".banner");
    expect(banner).to.include(check.source).and.include(`actual ${check.actual}`);
  });

  it("shows an else message only on a failing row", async () => {
    const run = buildRun(events);
    const passingWithElse = run.scenarios.flatMap((s) => s.expectations.filter((x) => x.verdict === "pass" && x.message !== undefined));
    expect(passingWithElse, "passing expectations with an else").to.not.be.empty;
    for (const [i, s] of run.scenarios.entries()) await expectMessagesOnlyWhereFailed(opened.page, s, i);
  });

  it("names workloads by their let binding", async () => {
    const text = await opened.page.innerText("main");
    expect(text).to.match(/\bload \(seq\)/);
    expect(text).to.not.match(/\bw\d+ \(/);
  });

  it("prints no number with more than four significant digits unless it is a count", async () => {
    const numbers = (await opened.page.evaluate(VISIBLE_NUMBERS)) as string[];
    expect(numbers.length).to.be.greaterThan(100);
    expect(numbers.filter((n) => significantDigits(n) > 4)).to.deep.equal([]);
  });
});

describe("report: the banner of a run that did not pass, in Chromium", function () {
  this.timeout(60_000);
  let chromium: OpenedBrowser;
  let dir: string;

  before(async function () {
    if (!haveChromium()) this.skip();
    dir = mkdtempSync(join(tmpdir(), "xdc-banner-"));
    chromium = await launchChromium();
  });
  after(async () => {
    await chromium?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("says on top which expectations failed, with their values, and shows else messages only on failing rows", async () => {
    const events = journalFixture({ scenarios: [failoverScenario(), noDataScenario(), errorScenario()] });
    const run = buildRun(events);
    const { html } = await writeReports(events, dir);
    const opened = await openReport(chromium.context, html);
    try {
      const banner = await opened.page.innerText(".banner");
      const failed = run.scenarios.flatMap((s) => s.expectations.filter((x) => x.verdict === "fail"));
      expect(failed).to.not.be.empty;
      for (const x of failed) expect(banner).to.include(x.source).and.include(`actual ${x.actual}`);
      for (const s of run.scenarios.filter((s) => s.verdict === "error")) expect(banner).to.include(s.reason!);
      for (const i of run.scenarios.keys()) await expectMessagesOnlyWhereFailed(opened.page, run.scenarios[i]!, i);
    } finally {
      await opened.page.close();
    }
  });
});
