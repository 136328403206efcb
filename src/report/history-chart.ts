import type { HistoryEntry, HistoryFigures } from "./history.js";
import type { VegaLiteJson } from "./timeline.js";

/**
 * The Vega-Lite specifications of the trend page: each scenario's verdict per run (a row of
 * squares a scenario, coloured as the run report colours verdicts), and one line a scenario
 * for each of RTO and RPO over time. Time is the run's start; a scenario is its file and name.
 */
const WIDTH = 860;
const VERDICT_COLOURS = { domain: ["pass", "fail", "error", "no-data"], range: ["#2e7d32", "#c62828", "#6a1b9a", "#757575"] };
const CONFIG = { view: { stroke: "#ddd" }, axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelLimit: 320 }, title: { anchor: "start", fontSize: 13 } };

/** A scenario as the trend names it: its name, and its file when two scenarios share a name. */
export function scenarioKeys(entries: readonly HistoryEntry[]): (s: { file: string; name: string }) => string {
  const files = new Map<string, Set<string>>();
  for (const e of entries) for (const s of e.record.scenarios) files.set(s.name, (files.get(s.name) ?? new Set()).add(s.file));
  return (s) => ((files.get(s.name)?.size ?? 0) > 1 ? `${s.name} (${s.file})` : s.name);
}

interface Row {
  readonly time: string;
  readonly commit: string;
  readonly source: string;
  readonly scenario: string;
  readonly verdict: string;
}

function rows(entries: readonly HistoryEntry[]): (Row & { readonly figures: HistoryFigures })[] {
  const key = scenarioKeys(entries);
  return entries.flatMap((e) =>
    e.record.scenarios.map((s) => ({ time: e.record.time, commit: e.record.commit ?? "", source: e.source, scenario: key(s), verdict: s.verdict, figures: s.figures })),
  );
}

const TOOLTIP = [{ field: "scenario" }, { field: "time", type: "temporal", timeUnit: "yearmonthdatehoursminutesseconds", title: "run" }, { field: "commit" }, { field: "verdict" }, { field: "source", title: "record" }];

export function verdictTrendSpec(entries: readonly HistoryEntry[]): VegaLiteJson {
  return {
    title: "Verdict per scenario",
    width: WIDTH,
    height: { step: 20 },
    data: { values: rows(entries).map(({ figures: _, ...r }) => r) },
    mark: { type: "square", size: 110, opacity: 0.9 },
    encoding: {
      x: { field: "time", type: "temporal", title: "run" },
      y: { field: "scenario", type: "nominal", title: null },
      color: { field: "verdict", type: "nominal", scale: VERDICT_COLOURS, title: "verdict" },
      tooltip: TOOLTIP,
    },
    config: { ...CONFIG, axisY: { labelLimit: 360 } },
  };
}

/** One figure of every scenario over time, in seconds; undefined when no run measured it. */
export function figureTrendSpec(entries: readonly HistoryEntry[], figure: keyof HistoryFigures, title: string): VegaLiteJson | undefined {
  const values = rows(entries).flatMap(({ figures, ...r }) => (figures[figure] === undefined ? [] : [{ ...r, seconds: figures[figure] / 1000 }]));
  if (values.length === 0) return undefined;
  return {
    title,
    width: WIDTH,
    height: 200,
    data: { values },
    mark: { type: "line", point: { size: 30 }, strokeWidth: 1.4 },
    encoding: {
      x: { field: "time", type: "temporal", title: "run" },
      y: { field: "seconds", type: "quantitative", title: "s" },
      color: { field: "scenario", type: "nominal", title: "scenario" },
      tooltip: [...TOOLTIP, { field: "seconds", title: `${title} (s)` }],
    },
    config: CONFIG,
  };
}
