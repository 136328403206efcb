import type { ChartLibraries } from "./assets.js";
import { distributions } from "./distribution.js";
import { distributionSpec } from "./distribution-chart.js";
import { html } from "./escape.js";
import { distributionSection } from "./html-distribution.js";
import { htmlPage, type PageChart } from "./html-page.js";
import { badge, scenarioSection } from "./html-scenario.js";
import type { RunReport } from "./model.js";
import { figureList, seconds } from "./text.js";
import { timelineData } from "./timeline-data.js";
import { timelineSpec } from "./timeline.js";

/**
 * The HTML report of a run (or of merged runs): verdicts, an overview, then one section per
 * scenario with its timeline. A scenario that ran more than once (repeats, merged shards)
 * gets a distribution section on top, linking to each run's own section.
 */
export function renderHtml(run: RunReport, libs: ChartLibraries): string {
  const charts = run.scenarios.map((s, i) => {
    const data = timelineData(s);
    const empty = data.faults.length + data.roles.length + data.series.length + data.panels.length + data.loss.length + data.markers.length === 0;
    return empty ? undefined : { id: `chart-${i}`, spec: timelineSpec(data) };
  });
  const repeated = distributions(run.scenarios);
  const label = runLabels(run);
  const distributionCharts = repeated.map((d, k) => (d.figures.length > 0 ? { id: `distribution-chart-${k}`, spec: distributionSpec(d, run.scenarios, label) } : undefined));
  const title = `xdc report: ${run.environment}`;
  const header = `<h1>${badge(run.verdict)} ${html(title)}</h1>
<p class="meta">xdc ${html(run.xdc)} · started ${html(run.startWall)}${run.seed !== undefined ? ` · seed ${run.seed}` : ""}${run.exitCode !== undefined ? ` · exit code ${run.exitCode}` : ""}${run.interrupted ? " · <strong>interrupted</strong>" : ""}</p>
${run.reason !== undefined ? `<p class="reason run-reason">${html(run.reason)}</p>\n` : ""}<p class="counts">${(["pass", "fail", "error", "no-data"] as const).map((v) => `${badge(v)} ${run.verdicts[v]}`).join(" ")}</p>
${runLogs(run)}`;
  const main = [
    overview(run, label),
    ...repeated.map((d, k) => distributionSection(d, k, distributionCharts[k]?.id, run.scenarios, label)),
    ...run.scenarios.map((s, i) => scenarioSection(s, i, charts[i]?.id)),
  ].join("\n");
  const all: PageChart[] = [...distributionCharts, ...charts].filter((c) => c !== undefined);
  return htmlPage({ title, header, main, charts: all }, libs);
}

/**
 * What a run of a scenario is called where there are several: the journal it came from when
 * merged (`shard-2`, `repeat-7`), else `run N` counting that scenario's runs.
 */
function runLabels(run: RunReport): (scenario: number) => string {
  const seen = new Map<string, number>();
  const labels = run.scenarios.map((s) => {
    const key = JSON.stringify([s.file, s.name]);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return s.source ?? `run ${n}`;
  });
  return (i) => labels[i] ?? `run ${i + 1}`;
}

function overview(run: RunReport, label: (scenario: number) => string): string {
  const figure = (figures: ReturnType<typeof figureList>, label: string) => html(figures.find((f) => f.label === label)?.value ?? "");
  const rows = run.scenarios.map((s, i) => {
    const figures = figureList(s.figures);
    return `<tr><td>${badge(s.verdict)}</td><td><a href="#scenario-${i}">${html(s.name)}</a>${s.source !== undefined ? ` <span class="meta">(${html(label(i))})</span>` : ""}</td><td>${html(s.file)}</td><td>${html(seconds(s.durationMs))}</td><td>${figure(figures, "RTO")}</td><td>${figure(figures, "RPO")}</td><td>${figure(figures, "lost")}</td><td>${figure(figures, "duplicates")}</td></tr>`;
  });
  return `<table class="overview"><thead><tr><th>verdict</th><th>scenario</th><th>file</th><th>duration</th><th>RTO</th><th>RPO</th><th>lost</th><th>duplicates</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function runLogs(run: RunReport): string {
  const notable = run.logs.filter((l) => l.level === "warn" || l.level === "error");
  return notable.length === 0 ? "" : `<ul class="logs">${notable.map((l) => `<li class="log-${html(l.level)}">${html(l.message)}</li>`).join("")}</ul>`;
}

