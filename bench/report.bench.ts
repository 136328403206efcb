// The reports of a one-hour run (a sample a second on two datacenters, twenty faults):
// time to build the JUnit, JSON and HTML reports and their sizes, and time until headless
// Chromium (offline, every request aborted) has drawn the HTML report's charts; target
// under 2 s. Every loop is bounded in count; nothing touches the network.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChartLibraries } from "../src/report/assets.js";
import { renderHtml } from "../src/report/html.js";
import { toSummary } from "../src/report/json.js";
import { toJunit } from "../src/report/junit.js";
import { buildRun } from "../src/report/model.js";
import { readJournal } from "../src/runtime/journal/reader.js";
import { haveChromium, launchChromium, openReport } from "../test/support/chromium.js";
import { oneHourJournal, toJsonLines } from "../test/support/journal-fixture.js";
import { fmt, median } from "./stats.js";

const RUNS = 7;
const BROWSER_RUNS = 5;

function time<T>(fn: () => T): { ms: number[]; value: T } {
  let value = fn(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = fn();
    ms.push(performance.now() - t0);
  }
  return { ms, value };
}

const kb = (text: string) => `${fmt(Buffer.byteLength(text) / 1024, 0)} KB`;

export async function run(): Promise<void> {
  const events = oneHourJournal();
  const journal = toJsonLines(events);
  console.log(`one-hour journal: ${events.length} events, ${kb(journal)}`);
  const libs = await loadChartLibraries();

  const parse = time(() => readJournal(journal));
  const model = time(() => buildRun(events));
  const junit = time(() => toJunit(model.value));
  const json = time(() => JSON.stringify(toSummary(model.value), null, 2));
  const html = time(() => renderHtml(buildRun(events), libs));
  console.log(`parse journal         median ${fmt(median(parse.ms))} ms`);
  console.log(`build model           median ${fmt(median(model.ms))} ms`);
  console.log(`JUnit XML             median ${fmt(median(junit.ms))} ms, ${kb(junit.value)}`);
  console.log(`JSON summary          median ${fmt(median(json.ms))} ms, ${kb(json.value)}`);
  console.log(`HTML (model + render) median ${fmt(median(html.ms))} ms, ${kb(html.value)} (chart libraries ${kb(libs.vega + libs.vegaLite + libs.vegaEmbed + libs.vegaInterpreter)})`);

  if (!haveChromium()) {
    console.log("chromium: /usr/bin/chromium is absent, drawing not measured");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "xdc-report-bench-"));
  const file = join(dir, "report.html");
  writeFileSync(file, html.value);
  const chromium = await launchChromium();
  try {
    const drawn: number[] = [];
    for (let i = 0; i <= BROWSER_RUNS; i++) {
      const t0 = performance.now();
      const opened = await openReport(chromium.context, file, 30_000);
      const ms = performance.now() - t0;
      const state = await opened.page.getAttribute("body", "data-charts");
      await opened.page.close();
      if (state !== "drawn") throw new Error(`the report's charts were not drawn: ${state}`);
      if (i > 0) drawn.push(ms); // the first page warms the browser up
    }
    console.log(`Chromium: open until charts drawn  median ${fmt(median(drawn))} ms (target < 2000 ms; ${BROWSER_RUNS} runs after a warm-up)`);
  } finally {
    await chromium.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
