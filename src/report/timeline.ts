import { CHART_FORMAT } from "../text/numbers.js";
import type { TimelineData } from "./timeline-data.js";

/**
 * The Vega-Lite specification of a scenario's timeline: charts stacked on one time axis
 * (seconds since the scenario started): faults per host and datacenter, each datacenter's
 * role, the failover (markers, RTO, RPO), one chart per measured unit (throughput,
 * latency, …), one per series the scenario sampled (with the limits of its `throughout`
 * checks), and lost and duplicated tuples. Failover markers are ruled across every chart;
 * faults are shaded across every chart and split brain marked across every chart, behind
 * the data; `log(…)` lines and fault parameters are labelled marks of their own strip.
 * Numbers in axes and tooltips use the formats of src/text/numbers.ts.
 */
const WIDTH = 780;
const ROLE_COLOURS = { domain: ["active", "standby", "down", "unknown"], range: ["#2e7d32", "#1565c0", "#c62828", "#9e9e9e"] };
const LOSS_COLOURS = { domain: ["lost", "duplicated"], range: ["#c62828", "#ef6c00"] };
const MARKER = "#6a1b9a";
const SERIES = "#00695c";
const FAULT_BAND = "#757575";
const SPLIT_BRAIN = "#d81b60";
const NOTE_COLOURS = { domain: ["fault", "log"], range: ["#5d4037", "#37474f"] };
const LIMIT_COLOURS = { domain: ["pass", "fail", "no-data"], range: ["#2e7d32", "#c62828", "#9e9e9e"] };

type Chart = Record<string, unknown>;

/** A Vega-Lite specification as JSON; the tests compile it with vega-lite to check it. */
export type VegaLiteJson = Readonly<Record<string, unknown>>;

export function timelineSpec(d: TimelineData): VegaLiteJson {
  const x = (title: string | null) => ({ type: "quantitative", title, scale: { domain: [0, d.durationS], nice: false, zero: true }, axis: { format: CHART_FORMAT.seconds } });
  const at = (field: string, title: string) => ({ field, title, type: "quantitative", format: CHART_FORMAT.seconds });
  const value = (field: string, title: string) => ({ field, title, type: "quantitative", format: CHART_FORMAT.value });
  const rules: Chart = {
    data: { values: d.markers },
    mark: { type: "rule", color: MARKER, strokeDash: [4, 3], opacity: 0.7, strokeWidth: 1.5 },
    encoding: { x: { field: "t", ...x(null) }, tooltip: [{ field: "label", title: "marker" }, at("t", "at (s)")] },
  };
  // Behind every chart's data: each fault's interval, and any interval of split brain.
  const backdrop: Chart[] = [
    ...(d.faultBands.length > 0
      ? [{
          data: { values: d.faultBands },
          mark: { type: "rect", color: FAULT_BAND, opacity: 0.12 },
          encoding: { x: { field: "from", ...x(null) }, x2: { field: "to" }, tooltip: [{ field: "what", title: "fault" }, at("from", "from (s)"), at("to", "to (s)")] },
        }]
      : []),
    ...(d.splitBrain.length > 0
      ? [{
          name: "split_brain",
          data: { values: d.splitBrain },
          mark: { type: "rect", color: SPLIT_BRAIN, opacity: 0.16, stroke: SPLIT_BRAIN, strokeDash: [2, 2], strokeOpacity: 0.6 },
          encoding: { x: { field: "from", ...x(null) }, x2: { field: "to" }, tooltip: [{ field: "label", title: "split brain" }, at("from", "from (s)"), at("to", "to (s)")] },
        }]
      : []),
  ];
  const withRules = (layers: Chart[]): Chart[] => [...backdrop, ...layers, ...(d.markers.length > 0 ? [rules] : [])];
  const charts: Chart[] = [];

  if (d.faults.length > 0) {
    charts.push({
      title: "Faults",
      height: { step: 18 },
      layer: withRules([
        {
          data: { values: d.faults },
          mark: { type: "rect", opacity: 0.55 },
          encoding: {
            x: { field: "from", ...x(null) },
            x2: { field: "to" },
            y: { field: "lane", type: "nominal", title: null, sort: "ascending" },
            color: { field: "fault", type: "nominal", title: "fault" },
            tooltip: [{ field: "what", title: "fault" }, { field: "lane", title: "host" }, at("from", "from (s)"), at("to", "to (s)"), { field: "status" }],
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
            tooltip: [{ field: "dc" }, { field: "role" }, { field: "signals" }, at("from", "from (s)"), at("to", "to (s)")],
          },
        },
        ...(d.splitBrain.length > 0
          ? [{ data: { values: d.splitBrain }, mark: { type: "text", align: "left", baseline: "top", dx: 3, dy: 2, color: "#fff", fontWeight: "bold", fontSize: 11 }, encoding: { x: { field: "from", ...x(null) }, y: { value: 0 }, text: { value: "split brain" } } }]
          : []),
      ]),
    });
  }
  if (d.notes.length > 0) charts.push(notesChart(d, x, at, withRules));
  if (d.markers.length > 0 || d.rto !== undefined || d.rpo !== undefined) charts.push(failoverChart(d, x, rules, backdrop));
  for (const [i, s] of d.series.entries()) {
    charts.push({
      title: s.title,
      height: 140,
      layer: withRules([
        // Each sample drawn flat over the interval it measures (src/report/sample-intervals.ts): both ends of it, joined.
        {
          data: { name: `series_${i}` },
          // Where one sample's end meets the next one's start, the end comes first (times are whole ms, so 1e-6 s orders without reordering).
          transform: [{ fold: ["from", "t"], as: ["edge", "x"] }, { calculate: "datum.x + (datum.edge === 'from' ? 0.000001 : 0)", as: "order" }],
          mark: { type: "line", strokeWidth: 1.4 },
          encoding: {
            x: { field: "x", ...x(null) },
            y: { field: "value", type: "quantitative", title: s.unit, axis: { format: CHART_FORMAT.value } },
            color: { field: "series", type: "nominal", title: "series" },
            detail: { field: "segment", type: "nominal" },
            order: { field: "order", type: "quantitative" },
          },
        },
        // The same intervals, wide and nearly transparent: what the pointer finds for a sample's tooltip.
        {
          // Named (uniquely: a mark name is global to the view) for anything that reads the drawn intervals back.
          name: `sample_intervals_${i}`,
          data: { name: `series_${i}` },
          mark: { type: "rule", strokeWidth: 8, strokeOpacity: 0.01 },
          encoding: {
            x: { field: "from", ...x(null) },
            x2: { field: "t" },
            y: { field: "value", type: "quantitative" },
            color: { field: "series", type: "nominal", title: "series" },
            tooltip: [{ field: "series" }, value("value", s.unit), at("from", "from (s)"), at("t", "to (s)")],
          },
        },
      ]),
    });
  }
  for (const p of d.panels) {
    const layers: Chart[] = [
      {
        data: { values: p.points },
        mark: { type: "line", point: { size: 14 }, strokeWidth: 1.2, color: SERIES },
        encoding: { x: { field: "t", ...x(null) }, y: { field: "value", type: "quantitative", title: p.unit === "" ? "value" : p.unit, axis: { format: CHART_FORMAT.value } }, tooltip: [at("t", "at (s)"), value("value", p.series)] },
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
          mark: { type: "rect", opacity: 0.8 },
          encoding: {
            tooltip: [{ field: "kind" }, { field: "count", type: "quantitative", title: "tuples", format: CHART_FORMAT.count }, at("from", "from (s)"), at("to", "to (s)")],
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
  if (last !== undefined) setXTitle(last, X_TITLE);
  return {
    // Each chart's samples once, however many layers draw them (the line and its tooltips).
    datasets: Object.fromEntries(d.series.map((s, i) => [`series_${i}`, s.points])),
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

export const X_TITLE = "seconds since the scenario started";

/** Room a note's label takes on the time axis: its characters at the label's font size, at most the label limit. */
const NOTE_LIMIT_PX = 240;
const NOTE_CHAR_PX = 5.6;
const NOTE_ROW_PX = 15;

/**
 * A strip of labelled instants: each fault's parameters where it began, and the scenario's
 * `log(…)` lines. Each label takes the first row where it does not run into the label before
 * it (its width estimated from its length), so labels seconds apart stay readable.
 */
function notesChart(d: TimelineData, x: (title: string | null) => Chart, at: (field: string, title: string) => Chart, withRules: (layers: Chart[]) => Chart[]): Chart {
  const secondsPerPx = d.durationS / WIDTH;
  const rowEnds: number[] = [];
  const placed = d.notes.map((n) => {
    let row = rowEnds.findIndex((end) => end <= n.t);
    if (row === -1) row = rowEnds.push(0) - 1;
    rowEnds[row] = n.t + (Math.min(n.label.length * NOTE_CHAR_PX, NOTE_LIMIT_PX) + 8) * secondsPerPx;
    return { ...n, row };
  });
  const ROWS = rowEnds.length;
  const rows = placed.map((n) => ({ ...n, row: ROWS - 0.6 - n.row }));
  const y = { field: "row", type: "quantitative", scale: { domain: [0, ROWS] }, axis: null };
  return {
    title: "Log and fault steps",
    height: NOTE_ROW_PX * ROWS + 6,
    layer: withRules([
      { data: { values: rows }, mark: { type: "rule", strokeDash: [1, 2] }, encoding: { x: { field: "t", ...x(null) }, color: { field: "kind", type: "nominal", scale: NOTE_COLOURS, title: "note" } } },
      {
        name: "notes",
        data: { values: rows },
        mark: { type: "text", align: "left", dx: 3, fontSize: 10, limit: NOTE_LIMIT_PX },
        encoding: { x: { field: "t", ...x(null) }, y, text: { field: "label" }, color: { field: "kind", type: "nominal", scale: NOTE_COLOURS, title: "note" }, tooltip: [{ field: "label", title: "note" }, { field: "kind" }, at("t", "at (s)")] },
      },
    ]),
  };
}

/**
 * A strip for the failover itself: labelled markers, the RTO as a bracket after the fault,
 * the RPO as a band before it. Every layer shares one hidden y scale of fixed rows.
 */
function failoverChart(d: TimelineData, x: (title: string | null) => Chart, rules: Chart, backdrop: readonly Chart[]): Chart {
  const y = (row: number) => ({ y: { datum: row, type: "quantitative", scale: { domain: [0, 5] }, axis: null } });
  const bold = { fontWeight: "bold", fontSize: 11 };
  const layers: Chart[] = [...backdrop];
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

/** Every layer of the chart carries the title: layers merge their axis titles, and one `null` would hide it. */
function setXTitle(chart: Chart, title: string): void {
  for (const layer of chart["layer"] as { encoding?: { x?: { title?: string | null } } }[]) if (layer.encoding?.x !== undefined) layer.encoding.x.title = title;
}
