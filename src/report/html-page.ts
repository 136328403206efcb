import type { ChartLibraries } from "./assets.js";
import { html, inlineScript, scriptJson } from "./escape.js";

/**
 * The frame of every HTML page xdc writes (the run report, the trend of a history): one
 * self-contained file. The chart libraries are inlined and a Content-Security-Policy forbids
 * every fetch, so it opens the same offline. Charts are drawn by vega-embed from
 * specifications kept as escaped JSON; when all are drawn the body gets data-charts="drawn"
 * (or "failed"), which tests and benchmarks wait for.
 */
const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:";

/** A chart of the page: the id of its element in the body, and its Vega-Lite specification. */
export interface PageChart {
  readonly id: string;
  readonly spec: unknown;
}

export interface Page {
  /** Plain text: escaped here. */
  readonly title: string;
  /** HTML, already escaped by the caller. */
  readonly header: string;
  readonly main: string;
  readonly charts: readonly PageChart[];
}

export function htmlPage(page: Page, libs: ChartLibraries): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(page.title)}</title>
<style>${STYLE}</style>
</head>
<body data-charts="pending">
<header>
${page.header}
</header>
<main>
${page.main}
</main>
<script type="application/json" id="xdc-charts">${scriptJson(page.charts)}</script>
<script>${inlineScript(libs.vega)}</script>
<script>${inlineScript(libs.vegaLite)}</script>
<script>${inlineScript(libs.vegaEmbed)}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}

// Reads only the JSON above; nothing from the journal is ever evaluated as code.
const DRAW = `(function () {
  var charts = JSON.parse(document.getElementById("xdc-charts").textContent);
  Promise.all(charts.map(function (c) {
    var el = document.getElementById(c.id);
    return vegaEmbed(el, c.spec, { renderer: "svg", actions: false, mode: "vega-lite" }).then(function () { return true; }, function (e) {
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
.chart { overflow-x: auto; min-height: 40px; } details { margin: 12px 0; } summary { cursor: pointer; color: #444; }
.logs .log-error { color: #c62828; } .logs .log-warn { color: #ef6c00; } .none { color: #666; }
.distribution { border-top: 2px solid #ddd; margin-top: 24px; padding-top: 12px; } .runs a { margin-right: 8px; }
`;
