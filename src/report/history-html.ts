import type { Verdict } from "../runtime/journal/events.js";
import type { ChartLibraries } from "./assets.js";
import { html } from "./escape.js";
import { figureTrendSpec, scenarioKeys, verdictTrendSpec } from "./history-chart.js";
import type { HistoryEntry } from "./history.js";
import { htmlPage, type PageChart } from "./html-page.js";
import { badge } from "./html-scenario.js";

/**
 * The trend page of a history directory (`xdc report --history DIR`): what the latest run said
 * of each scenario and its pass rate over the history, then the verdicts over time and RTO and
 * RPO over time. Self-contained and offline, as report.html.
 */
export function renderHistoryHtml(entries: readonly HistoryEntry[], dir: string, libs: ChartLibraries): string {
  const charts: PageChart[] = [];
  const chart = (id: string, spec: unknown) => {
    charts.push({ id, spec });
    return `<div class="chart" id="${id}"></div>`;
  };
  const title = `xdc history: ${dir}`;
  const first = entries[0]?.record.time;
  const last = entries.at(-1)?.record.time;
  const header = `<h1>${html(title)}</h1>
<p class="meta">${entries.length} run${entries.length === 1 ? "" : "s"}${first !== undefined ? ` · from ${html(first)} to ${html(last!)}` : ""}</p>`;
  if (entries.length === 0) return htmlPage({ title, header, main: `<p class="none">The history holds no run yet.</p>`, charts }, libs);
  const rto = figureTrendSpec(entries, "rto_ms", "RTO");
  const rpo = figureTrendSpec(entries, "rpo_ms", "RPO");
  const main = [
    scenarioTable(entries),
    `<h2>Verdicts over time</h2>`,
    chart("history-verdicts", verdictTrendSpec(entries)),
    `<h2>RTO over time</h2>`,
    rto !== undefined ? chart("history-rto", rto) : `<p class="none">No run measured an RTO.</p>`,
    `<h2>RPO over time</h2>`,
    rpo !== undefined ? chart("history-rpo", rpo) : `<p class="none">No run measured an RPO.</p>`,
  ].join("\n");
  return htmlPage({ title, header, main, charts }, libs);
}

/** Each scenario once: its latest verdict and when, and how often it passed over the history. */
function scenarioTable(entries: readonly HistoryEntry[]): string {
  const key = scenarioKeys(entries);
  const seen = new Map<string, { file: string; runs: number; passed: number; latest: Verdict; time: string }>();
  for (const e of entries) {
    for (const s of e.record.scenarios) {
      const k = key(s);
      const row = seen.get(k) ?? { file: s.file, runs: 0, passed: 0, latest: s.verdict, time: e.record.time };
      seen.set(k, { ...row, runs: row.runs + 1, passed: row.passed + (s.verdict === "pass" ? 1 : 0), latest: s.verdict, time: e.record.time });
    }
  }
  const rows = [...seen.entries()].map(
    ([k, r]) =>
      `<tr><td>${badge(r.latest)}</td><td>${html(k)}</td><td>${html(r.file)}</td><td>${html(r.time)}</td><td>${r.passed} of ${r.runs} (${Math.round((r.passed * 1000) / r.runs) / 10}%)</td></tr>`,
  );
  return `<table class="overview"><thead><tr><th>latest</th><th>scenario</th><th>file</th><th>latest run</th><th>passed</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
