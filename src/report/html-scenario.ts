import { detectionRange, toolkitCells } from "./toolkit.js";
import type { Verdict } from "../runtime/journal/events.js";
import { html } from "./escape.js";
import { place, type ScenarioReport } from "./model.js";
import { narrativeLine } from "./narrative.js";
import { figureList, seconds, workloadName } from "./text.js";
import { formatCount, formatDuration, formatOffsetSeconds } from "../text/numbers.js";

/** One scenario's section of the HTML report; every value from the journal goes through `html`. */

export const VERDICT_LABEL: Record<Verdict, { css: string; text: string }> = {
  pass: { css: "v-pass", text: "pass" },
  fail: { css: "v-fail", text: "fail" },
  error: { css: "v-error", text: "error" },
  "no-data": { css: "v-nodata", text: "no data" },
};

export const badge = (v: Verdict): string => `<span class="badge ${VERDICT_LABEL[v].css}">${VERDICT_LABEL[v].text}</span>`;

const table = (head: readonly string[], rows: readonly (readonly string[])[]): string =>
  `<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

const MAX_LOST_RANGES = 20;

export function scenarioSection(s: ScenarioReport, index: number, chartId: string | undefined): string {
  const figures = figureList(s.figures);
  const parts = [
    `<section class="scenario" id="scenario-${index}">`,
    `<h2>${badge(s.verdict)} ${html(s.name)}</h2>`,
    `<p class="meta">${html(place(s.span) ?? s.file)}${s.source !== undefined ? ` · from ${html(s.source)}` : ""} · started ${html(s.startWall)} · ${html(seconds(s.durationMs))}${s.tags.length > 0 ? ` · tags: ${s.tags.map(html).join(", ")}` : ""}</p>`,
    s.reason !== undefined || s.errorClass !== undefined ? `<p class="reason">${s.errorClass !== undefined ? `<strong>${html(s.errorClass)}</strong>: ` : ""}${html(s.reason ?? "")}</p>` : "",
    figures.length > 0 ? `<dl class="figures">${figures.map((f) => `<div><dt>${html(f.label)}</dt><dd>${html(f.value)}</dd></div>`).join("")}</dl>` : "",
    toolkitSection(s),
    s.expectations.length > 0
      ? `<h3>Expectations</h3><div class="expectations">${table(
          ["verdict", "where", "expectation", "expected", "actual", "message"],
          s.expectations.map((x) => [badge(x.verdict), html(place(x.span) ?? ""), `<code>${html(x.source)}</code>`, html(x.expected), `${html(x.actual)}${x.findings ? `<ul class="findings">${x.findings.map((f) => `<li>${html(f)}</li>`).join("")}</ul>` : ""}`, x.verdict === "pass" ? "" : html(x.message ?? "")]),
        )}</div>`
      : `<p class="none">No expectations were evaluated.</p>`,
    chartId !== undefined ? `<h3>Timeline</h3><div class="chart" id="${chartId}"></div>` : "",
    dataSection(s),
    narrativeSection(s),
    `</section>`,
  ];
  return parts.filter((p) => p !== "").join("\n");
}

/** The Cross-DC Failover toolkit's settings of each job, read from the deployment after its submission. */
function toolkitSection(s: ScenarioReport): string {
  if (s.toolkit.length === 0) return "";
  const labels = toolkitCells(s.toolkit[0]!).map((c) => c.label);
  return `<h3>Toolkit settings</h3>${table(
    ["datacenter", "job", ...labels, "declared down after a fault", "notes"],
    s.toolkit.map((e) => [
      html(e.dc),
      html(`${e.job} (${e.app})`),
      ...toolkitCells(e).map((c) => html(c.text)),
      html(detectionRange(e) ?? "unknown"),
      html([
        ...(e.configFile !== undefined ? [`configuration file ${e.configFile} (not shown by REST)`] : []),
        ...(e.missingOperators.length > 0 ? [`no ${e.missingOperators.join(", ")}`] : []),
        ...e.problems,
      ].join("; ")),
    ]),
  )}`;
}

function dataSection(s: ScenarioReport): string {
  if (s.data.length === 0) return "";
  const rows = s.data.map((d) => [
    html(d.key !== undefined ? `${workloadName(d)} (${d.key})` : workloadName(d)),
    html(d.sink),
    ...[d.sent, d.acked, d.received, d.lost, d.duplicates, d.outOfOrder].map(formatCount),
    d.rpoMs !== undefined ? html(seconds(d.rpoMs)) : "",
    d.latencyMs !== undefined ? html([d.latencyMs.p50, d.latencyMs.p95, d.latencyMs.p99, d.latencyMs.max].map(formatDuration).join(" / ")) : "",
    d.lostRanges
      .slice(0, MAX_LOST_RANGES)
      .map((r) => `${r.stream !== "" ? `${html(r.stream)}: ` : ""}${formatCount(r.from)}–${formatCount(r.to)}`)
      .join(", ") + (d.lostRanges.length > MAX_LOST_RANGES ? ` and ${formatCount(d.lostRanges.length - MAX_LOST_RANGES)} more` : ""),
  ]);
  return `<h3>Data</h3>${table(["workload", "sink", "sent", "acked", "received", "lost", "duplicates", "out of order", "RPO", "latency p50 / p95 / p99 / max", "lost sequence numbers"], rows)}`;
}

function narrativeSection(s: ScenarioReport): string {
  const lines = s.narrative.flatMap((e) => {
    const line = narrativeLine(e);
    return line === undefined ? [] : [[formatOffsetSeconds(line.t - s.startMs), html(line.location ?? ""), html(line.text)]];
  });
  return `<details><summary>Events (${lines.length})</summary>${table(["s", "where", "what"], lines)}</details>`;
}
