import { html } from "./escape.js";
import type { Distribution } from "./distribution.js";
import { badge } from "./html-scenario.js";
import type { ScenarioReport } from "./model.js";
import { seconds } from "./text.js";

/** A repeated scenario's section: runs and pass rate, min / median / p95 / max of each figure, the strip plot, a link to every run. */
export function distributionSection(d: Distribution, index: number, chartId: string | undefined, scenarios: readonly ScenarioReport[], runLabel: (scenario: number) => string): string {
  const shown = (unit: "ms" | "tuples", v: number) => (unit === "ms" ? seconds(v) : `${v}`);
  const runs = d.scenarios.length;
  return [
    `<section class="distribution" id="distribution-${index}">`,
    `<h2>${html(d.name)}: ${runs} runs</h2>`,
    `<p class="meta">${html(d.file)} · passed ${d.verdicts.pass} of ${runs} (${Math.round(d.passRate * 1000) / 10}%) · ${(["pass", "fail", "error", "no-data"] as const).map((v) => `${badge(v)} ${d.verdicts[v]}`).join(" ")}</p>`,
    d.figures.length > 0
      ? `<table><thead><tr><th>figure</th><th>runs</th><th>min</th><th>median</th><th>p95</th><th>max</th></tr></thead><tbody>${d.figures
          .map((f) => `<tr><td>${html(f.label)}</td><td>${f.values.length}</td>${[f.min, f.median, f.p95, f.max].map((v) => `<td>${html(shown(f.unit, v))}</td>`).join("")}</tr>`)
          .join("")}</tbody></table>`
      : `<p class="none">No run measured a figure.</p>`,
    chartId !== undefined ? `<div class="chart" id="${chartId}"></div>` : "",
    `<p class="runs">Each run's timeline: ${d.scenarios.map((i) => `<a href="#scenario-${i}">${badge(scenarios[i]!.verdict)} ${html(runLabel(i))}</a>`).join(" ")}</p>`,
    `</section>`,
  ]
    .filter((p) => p !== "")
    .join("\n");
}
