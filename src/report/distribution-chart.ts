import type { Distribution } from "./distribution.js";
import type { ScenarioReport } from "./model.js";
import type { VegaLiteJson } from "./timeline.js";

/**
 * The Vega-Lite strip plot of a repeated scenario: one row per figure (RTO, detection, RPO in
 * seconds; lost and duplicates in tuples, each row its own scale), a tick per run coloured by
 * that run's verdict, and the median and p95 as rules. A click on a tick opens that run's own
 * section of the report, its timeline included.
 */
const WIDTH = 640;
const VERDICT_COLOURS = { domain: ["pass", "fail", "error", "no-data"], range: ["#2e7d32", "#c62828", "#6a1b9a", "#757575"] };

export function distributionSpec(d: Distribution, scenarios: readonly ScenarioReport[], runLabel: (scenario: number) => string): VegaLiteJson {
  const rows = d.figures.map((f) => {
    const scale = (v: number) => (f.unit === "ms" ? v / 1000 : v);
    const unit = f.unit === "ms" ? "s" : "tuples";
    const title = `${f.label} (${unit})`;
    const x = { field: "value", type: "quantitative", title, scale: { zero: f.unit === "tuples" } };
    return {
      title: { text: f.label, fontSize: 12 },
      width: WIDTH,
      height: 36,
      layer: [
        {
          data: { values: f.values.map((v) => ({ value: scale(v.value), run: runLabel(v.scenario), verdict: scenarios[v.scenario]!.verdict, href: `#scenario-${v.scenario}` })) },
          mark: { type: "tick", thickness: 2, size: 26, cursor: "pointer" },
          encoding: {
            x,
            color: { field: "verdict", type: "nominal", scale: VERDICT_COLOURS, title: "run verdict" },
            href: { field: "href", type: "nominal" },
            tooltip: [{ field: "run" }, { field: "value", title }, { field: "verdict" }],
          },
        },
        {
          data: { values: [{ stat: "median", value: scale(f.median) }, { stat: "p95", value: scale(f.p95) }] },
          mark: { type: "rule", strokeDash: [4, 3], strokeWidth: 1.5, color: "#333" },
          encoding: { x, tooltip: [{ field: "stat" }, { field: "value", title }] },
        },
      ],
    };
  });
  return {
    vconcat: rows,
    resolve: { scale: { x: "independent" } },
    config: { view: { stroke: "#ddd" }, axis: { labelFontSize: 11, titleFontSize: 11 }, title: { anchor: "start" } },
  };
}
