import type { TimelineData } from "./timeline-data.js";

/**
 * The Vega-Lite specification of a scenario's timeline: charts stacked on one time axis
 * (seconds since the scenario started): faults per host and datacenter, each datacenter's
 * role, the failover (markers, RTO, RPO), one chart per measured unit (throughput,
 * latency, …), one per series the scenario sampled (with the limits of its `throughout`
 * checks), and lost and duplicated tuples. Failover markers are ruled across every chart.
 */
const WIDTH = 780;
const ROLE_COLOURS = { domain: ["active", "standby", "down", "unknown"], range: ["#2e7d32", "#1565c0", "#c62828", "#9e9e9e"] };
const LOSS_COLOURS = { domain: ["lost", "duplicated"], range: ["#c62828", "#ef6c00"] };
const MARKER = "#6a1b9a";
const SERIES = "#00695c";
const LIMIT_COLOURS = { domain: ["pass", "fail", "no-data"], range: ["#2e7d32", "#c62828", "#9e9e9e"] };

type Chart = Record<string, unknown>;

/** A Vega-Lite specification as JSON; the tests compile it with vega-lite to check it. */
export type VegaLiteJson = Readonly<Record<string, unknown>>;

export function timelineSpec(d: TimelineData): VegaLiteJson {
  const x = (title: string | null) => ({ type: "quantitative", title, scale: { domain: [0, d.durationS], nice: false, zero: true } });
  const rules: Chart = {
    data: { values: d.markers },
    mark: { type: "rule", color: MARKER, strokeDash: [4, 3], opacity: 0.7 },
    encoding: { x: { field: "t", ...x(null) }, tooltip: [{ field: "label" }, { field: "t", title: "s" }] },
  };
  const withRules = (layers: Chart[]): Chart[] => (d.markers.length > 0 ? [...layers, rules] : layers);
  const charts: Chart[] = [];

  if (d.faults.length > 0) {
    charts.push({
      title: "Faults",
      height: { step: 18 },
      layer: withRules([
        {
          data: { values: d.faults },
          mark: { type: "rect", opacity: 0.55, tooltip: true },
          encoding: {
            x: { field: "from", ...x(null) },
            x2: { field: "to" },
            y: { field: "lane", type: "nominal", title: null, sort: "ascending" },
            color: { field: "fault", type: "nominal", title: "fault" },
            tooltip: [{ field: "what" }, { field: "lane" }, { field: "from", title: "from (s)" }, { field: "to", title: "to (s)" }, { field: "status" }],
          },
        },
      ]),
    });
  }
  if (d.roles.length > 0) {
    charts.push({
      title: "Datacenter roles",
      height: { step: 22 },
      layer: withRules([
        {
          data: { values: d.roles },
          mark: { type: "rect" },
          encoding: {
            x: { field: "from", ...x(null) },
            x2: { field: "to" },
            y: { field: "dc", type: "nominal", title: null },
            color: { field: "role", type: "nominal", scale: ROLE_COLOURS, title: "role" },
            tooltip: [{ field: "dc" }, { field: "role" }, { field: "signals" }, { field: "from", title: "from (s)" }, { field: "to", title: "to (s)" }],
          },
        },
      ]),
    });
  }
  if (d.markers.length > 0 || d.rto !== undefined || d.rpo !== undefined) charts.push(failoverChart(d, x, rules));
  for (const s of d.series) {
    charts.push({
      title: s.title,
      height: 140,
      layer: withRules([
        {
          data: { values: s.points },
          mark: { type: "line", interpolate: "step-after", strokeWidth: 1.2 },
          encoding: { x: { field: "t", ...x(null) }, y: { field: "value", type: "quantitative", title: s.unit }, color: { field: "series", type: "nominal", title: "series" } },
        },
      ]),
    });
  }
  for (const p of d.panels) {
    const layers: Chart[] = [
      {
        data: { values: p.points },
        mark: { type: "line", point: { size: 14 }, strokeWidth: 1.2, color: SERIES },
        encoding: { x: { field: "t", ...x(null) }, y: { field: "value", type: "quantitative", title: p.unit === "" ? "value" : p.unit }, tooltip: [{ field: "t", title: "s" }, { field: "value", title: p.series }] },
      },
    ];
    // A `throughout` check's limit, red when a sample broke it.
    if (p.limits.length > 0) {
      layers.push({
        data: { values: p.limits },
        mark: { type: "rule", strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: { y: { field: "value", type: "quantitative" }, color: { field: "verdict", type: "nominal", scale: LIMIT_COLOURS, title: "throughout" }, tooltip: [{ field: "label", title: "expected" }, { field: "verdict" }] },
      });
    }
    charts.push({ title: `Series: ${p.title}`, height: 110, layer: withRules(layers) });
  }
  if (d.loss.length > 0) {
    charts.push({
      title: "Lost and duplicated tuples",
      height: 100,
      layer: withRules([
        {
          data: { values: d.loss },
          mark: { type: "rect", opacity: 0.8, tooltip: true },
          encoding: {
            x: { field: "from", ...x(null) },
            x2: { field: "to" },
            y: { field: "count", type: "quantitative", title: "tuples" },
            y2: { datum: 0 },
            color: { field: "kind", type: "nominal", scale: LOSS_COLOURS, title: "tuples" },
          },
        },
        // A second of loss in an hour is narrower than a pixel: a stroke keeps it visible.
        {
          data: { values: d.loss },
          mark: { type: "rule", strokeWidth: 2 },
          encoding: { x: { field: "from", ...x(null) }, y: { field: "count", type: "quantitative" }, y2: { datum: 0 }, color: { field: "kind", type: "nominal", scale: LOSS_COLOURS, title: "tuples" } },
        },
      ]),
    });
  }
  const last = charts.at(-1);
  if (last !== undefined) setXTitle(last, "seconds since the scenario started");
  return {
    vconcat: charts.map((c) => ({ width: WIDTH, ...c })),
    resolve: { scale: { color: "independent" } },
    config: {
      view: { stroke: "#ddd" },
      axis: { labelFontSize: 11, titleFontSize: 11 },
      // Equal room for every chart's y axis keeps the time axes of the stacked charts aligned.
      axisY: { minExtent: 110, maxExtent: 110, labelLimit: 100 },
      legend: { labelLimit: 220 }, title: { anchor: "start", fontSize: 13 } },
  };
}

/**
 * A strip for the failover itself: labelled markers, the RTO as a bracket after the fault,
 * the RPO as a band before it. Every layer shares one hidden y scale of fixed rows.
 */
function failoverChart(d: TimelineData, x: (title: string | null) => Chart, rules: Chart): Chart {
  const y = (row: number) => ({ y: { datum: row, type: "quantitative", scale: { domain: [0, 5] }, axis: null } });
  const bold = { fontWeight: "bold", fontSize: 11 };
  const layers: Chart[] = [];
  if (d.rpo !== undefined) {
    layers.push({ data: { values: [d.rpo] }, mark: { type: "rect", color: "#ef6c00", opacity: 0.35 }, encoding: { x: { field: "from", ...x(null) }, x2: { field: "to" }, ...y(0), y2: { datum: 5 } } });
    layers.push({ data: { values: [d.rpo] }, mark: { type: "text", align: "right", dx: -4, color: "#ef6c00", ...bold }, encoding: { x: { field: "from", ...x(null) }, ...y(0.8), text: { field: "label" } } });
  }
  if (d.rto !== undefined) {
    layers.push({ data: { values: [d.rto] }, mark: { type: "rule", color: MARKER, strokeWidth: 3 }, encoding: { x: { field: "from", ...x(null) }, x2: { field: "to" }, ...y(0.8) } });
    layers.push({ data: { values: [d.rto] }, mark: { type: "text", align: "left", dx: 6, color: MARKER, ...bold }, encoding: { x: { field: "to", ...x(null) }, ...y(0.8), text: { field: "label" } } });
  }
  if (d.markers.length > 0) {
    // Labels step down one row each so that markers seconds apart do not print over each other.
    const labelled = d.markers.map((m, i) => ({ ...m, row: 4.3 - (i % 4) * 0.9 }));
    layers.push(rules);
    layers.push({
      data: { values: labelled },
      mark: { type: "text", align: "left", dx: 3, fontSize: 10, color: MARKER },
      encoding: { x: { field: "t", ...x(null) }, y: { field: "row", type: "quantitative", scale: { domain: [0, 5] }, axis: null }, text: { field: "label" } },
    });
  }
  return { title: "Failover", height: 80, layer: layers };
}

function setXTitle(chart: Chart, title: string): void {
  const first = (chart["layer"] as Chart[])[0] as { encoding: { x: { title: string | null } } };
  first.encoding.x.title = title;
}
