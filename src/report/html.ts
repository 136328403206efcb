import type { ChartLibraries } from "./assets.js";
import { html, inlineScript, scriptJson } from "./escape.js";
import { badge, scenarioSection, VERDICT_LABEL } from "./html-scenario.js";
import { place, type RunReport } from "./model.js";
import { formatDuration, formatOffsetSeconds } from "../text/numbers.js";
import { figureList, seconds } from "./text.js";
import { timelineData } from "./timeline-data.js";
import { timelineSpec } from "./timeline.js";

/**
 * The HTML report: one self-contained file. The chart libraries are inlined and a
 * Content-Security-Policy forbids every fetch, so it opens the same offline. Charts are
 * drawn by vega-embed from specifications kept as escaped JSON; when all are drawn the body
 * gets data-charts="drawn" (or "failed"), which tests and benchmarks wait for.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

export function renderHtml(run: RunReport, libs: ChartLibraries): string {
  const charts = run.scenarios.map((s, i) => {
    const data = timelineData(s);
    const empty = data.faults.length + data.roles.length + data.series.length + data.panels.length + data.loss.length + data.markers.length + data.notes.length + data.splitBrain.length === 0;
    return empty ? undefined : { id: `chart-${i}`, spec: timelineSpec(data) };
  });
  const title = `xdc report: ${run.environment}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(title)}</title>
<style>${STYLE}</style>
</head>
<body data-charts="pending">
<header>
<h1>${badge(run.verdict)} ${html(title)}</h1>
<p class="meta">xdc ${html(run.xdc)} · started ${html(run.startWall)}${run.seed !== undefined ? ` · seed ${run.seed}` : ""}${run.exitCode !== undefined ? ` · exit code ${run.exitCode}` : ""}${run.interrupted ? " · <strong>interrupted</strong>" : ""}</p>
${run.reason !== undefined ? `<p class="reason run-reason">${html(run.reason)}</p>\n` : ""}<p class="counts">${(["pass", "fail", "error", "no-data"] as const).map((v) => `${badge(v)} ${run.verdicts[v]}`).join(" ")}</p>
${runLogs(run)}
${banner(run)}
</header>
<main>
${overview(run)}
${run.scenarios.map((s, i) => scenarioSection(s, i, charts[i]?.id)).join("\n")}
</main>
<script type="application/json" id="xdc-charts">${scriptJson(charts.filter((c) => c !== undefined))}</script>
<script>${inlineScript(libs.vega)}</script>
<script>${inlineScript(libs.vegaLite)}</script>
<script>${inlineScript(libs.vegaEmbed)}</script>
<script>${inlineScript(libs.vegaInterpreter)}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}

function overview(run: RunReport): string {
  const figure = (figures: ReturnType<typeof figureList>, label: string) => html(figures.find((f) => f.label === label)?.value ?? "");
  const rows = run.scenarios.map((s, i) => {
    const figures = figureList(s.figures);
    return `<tr><td>${badge(s.verdict)}</td><td><a href="#scenario-${i}">${html(s.name)}</a></td><td>${html(s.file)}</td><td>${html(seconds(s.durationMs))}</td><td>${figure(figures, "RTO")}</td><td>${figure(figures, "RPO")}</td><td>${figure(figures, "lost")}</td><td>${figure(figures, "duplicates")}</td></tr>`;
  });
  return `<table class="overview"><thead><tr><th>verdict</th><th>scenario</th><th>file</th><th>duration</th><th>RTO</th><th>RPO</th><th>lost</th><th>duplicates</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

/**
 * Why a run did not pass, first thing on the page: each failed (or unjudged) expectation with
 * its values and place, each scenario that ended in error with its reason, and split brain.
 */
function banner(run: RunReport): string {
  const items = run.scenarios.flatMap((s, i) => {
    const link = `<a href="#scenario-${i}">${html(s.name)}</a>`;
    const failed = s.expectations.filter((x) => x.verdict !== "pass");
    return [
      ...failed.map((x) => `<li>${link}: ${badge(x.verdict)} <code>${html(x.source)}</code>: expected ${html(x.expected)}, actual <strong>${html(x.actual)}</strong>${x.message !== undefined ? ` (${html(x.message)})` : ""}${place(x.span) !== undefined ? ` <span class="where">${html(place(x.span)!)}</span>` : ""}</li>`),
      ...(s.verdict === "error" || (s.verdict !== "pass" && failed.length === 0) ? [`<li>${link}: ${badge(s.verdict)} ${s.errorClass !== undefined ? `<strong>${html(s.errorClass)}</strong>: ` : ""}${html(s.reason ?? "nothing to judge")}</li>`] : []),
      ...s.splitBrain.map((b) => `<li>${link}: <strong class="split-brain">split brain</strong>: ${html(b.dcs.join(" and "))} active at once for ${html(formatDuration(b.toMs - b.fromMs))}, from ${html(formatOffsetSeconds(b.fromMs - s.startMs))} s</li>`),
    ];
  });
  if (run.verdict === "pass" && items.length === 0) return "";
  const head = run.verdict === "pass" ? "Passed, but note" : `The run's verdict is ${VERDICT_LABEL[run.verdict].text} because`;
  return `<div class="banner banner-${VERDICT_LABEL[run.verdict].css}" role="alert"><strong>${head}:</strong><ul>${items.join("")}</ul></div>`;
}

function runLogs(run: RunReport): string {
  const notable = run.logs.filter((l) => l.level === "warn" || l.level === "error");
  return notable.length === 0 ? "" : `<ul class="logs">${notable.map((l) => `<li class="log-${html(l.level)}">${html(l.message)}</li>`).join("")}</ul>`;
}

/**
 * Reads only the JSON above; nothing from the journal is ever evaluated as code, and Vega's
 * expressions are interpreted (vega-interpreter), not compiled with \`new Function\`, so the CSP
 * forbids eval. Each drawn view is kept in \`window.xdcViews\` (by chart id) for anything that
 * automates the page. A crosshair follows the pointer across all of a timeline's charts, which
 * share one time axis, with the time it points at.
 */
const DRAW = `(function () {
  var charts = JSON.parse(document.getElementById("xdc-charts").textContent);
  window.xdcViews = {};
  function crosshair(el, view) {
    var groups = view.scenegraph().root.items[0].items.filter(function (m) { return m.marktype === "group" && /^concat_\\d+_group$/.test(m.name || ""); });
    var scale = view.scale("concat_0_x");
    if (groups.length === 0 || !scale) return;
    var first = groups[0].items[0], last = groups[groups.length - 1].items[0];
    var line = document.createElement("div"), label = document.createElement("span");
    line.className = "crosshair"; label.className = "crosshair-label"; line.appendChild(label); el.appendChild(line);
    el.addEventListener("pointermove", function (ev) {
      var svg = el.querySelector("svg"); if (!svg) return;
      var box = svg.getBoundingClientRect(), host = el.getBoundingClientRect(), origin = view.origin();
      var px = ev.clientX - box.left - origin[0] - first.x;
      if (px < 0 || px > first.width) { line.style.display = "none"; return; }
      line.style.display = "block";
      line.style.left = (box.left - host.left + el.scrollLeft + origin[0] + first.x + px) + "px";
      line.style.top = (box.top - host.top + el.scrollTop + origin[1] + first.y) + "px";
      line.style.height = (last.y + last.height - first.y) + "px";
      label.textContent = vega.locale().format(",.4~r")(scale.invert(px)) + " s";
    });
    el.addEventListener("pointerleave", function () { line.style.display = "none"; });
  }
  Promise.all(charts.map(function (c) {
    var el = document.getElementById(c.id);
    var options = { renderer: "svg", actions: false, mode: "vega-lite", ast: true, expr: vegaInterpreter.expressionInterpreter };
    return vegaEmbed(el, c.spec, options).then(function (result) {
      window.xdcViews[c.id] = result.view;
      crosshair(el, result.view);
      return true;
    }, function (e) {
      el.textContent = "This chart could not be drawn: " + e.message;
      console.error(e);
      return false;
    });
  })).then(function (ok) {
    document.body.setAttribute("data-charts", ok.every(Boolean) ? "drawn" : "failed");
  });
})();`;

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1240px; padding: 16px 24px; color: #222; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 18px; margin: 0 0 4px; } h3 { font-size: 15px; margin: 18px 0 6px; }
.meta { color: #666; margin: 2px 0 8px; } .reason { background: #fff4e5; border-left: 4px solid #ef6c00; padding: 6px 10px; }
.badge { display: inline-block; min-width: 52px; text-align: center; border-radius: 4px; padding: 1px 6px; font-size: 12px; font-weight: 600; color: #fff; vertical-align: middle; }
.v-pass { background: #2e7d32; } .v-fail { background: #c62828; } .v-error { background: #6a1b9a; } .v-nodata { background: #757575; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; font-weight: 600; } code { font-size: 12px; }
.scenario { border-top: 2px solid #ddd; margin-top: 24px; padding-top: 12px; }
.figures { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 8px 0; } .figures div { display: flex; gap: 6px; } .figures dt { color: #666; } .figures dd { margin: 0; font-weight: 600; }
.chart { overflow-x: auto; min-height: 40px; position: relative; }
.crosshair { position: absolute; display: none; width: 0; border-left: 1px solid rgba(0,0,0,.45); pointer-events: none; }
.crosshair-label { position: absolute; top: -16px; left: 3px; font-size: 11px; background: #fff; padding: 0 2px; white-space: nowrap; } details { margin: 12px 0; } summary { cursor: pointer; color: #444; }
.banner { border: 1px solid; border-left-width: 6px; border-radius: 4px; padding: 6px 12px; margin: 8px 0; } .banner ul { margin: 4px 0; padding-left: 20px; }
.banner-v-fail { border-color: #c62828; background: #fdecea; } .banner-v-error { border-color: #6a1b9a; background: #f3e5f5; } .banner-v-nodata, .banner-v-pass { border-color: #757575; background: #f5f5f5; }
.where { color: #666; font-size: 12px; } .split-brain { color: #d81b60; }
.logs .log-error { color: #c62828; } .logs .log-warn { color: #ef6c00; } .none { color: #666; }
`;
