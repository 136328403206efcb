import type { InstantResult, Labels, RangeResult } from "./api.js";

/**
 * One number out of a PromQL answer, as a scenario's reading needs it: a value, no data (the
 * query matched nothing, or gave NaN: never a pass), or a problem with the query itself.
 */
export type QueryReading =
  | { readonly kind: "value"; readonly value: number }
  | { readonly kind: "no-data"; readonly reason: string }
  | { readonly kind: "problem"; readonly message: string };

export type Take = "max" | "min" | "avg";

/** `up{instance="dc1", job="dc1"}`: a series as PromQL writes it. */
export function seriesName(labels: Labels): string {
  const { __name__: name, ...rest } = labels;
  const pairs = Object.entries(rest)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${name ?? ""}{${pairs.join(", ")}}`;
}

/**
 * Several series where one number is wanted: summing or picking one silently would hide a
 * query that matches more than its author thought, so the reading names them and asks.
 */
function manySeries(query: string, labels: readonly Labels[]): QueryReading {
  const shown = labels.slice(0, 5).map(seriesName).join(", ");
  const more = labels.length > 5 ? ` and ${labels.length - 5} more` : "";
  return {
    kind: "problem",
    message: `\`${query}\` gives ${labels.length} series (${shown}${more}), not one number: aggregate them (sum(…), max(…), avg(…)) or select one by its labels`,
  };
}

export function instantReading(query: string, r: InstantResult): QueryReading {
  switch (r.resultType) {
    case "scalar":
      return Number.isNaN(r.point.value) ? { kind: "no-data", reason: `\`${query}\` is NaN` } : { kind: "value", value: r.point.value };
    case "string":
      return { kind: "problem", message: `\`${query}\` gives a string, not a number` };
    case "vector": {
      if (r.series.length === 0) return { kind: "no-data", reason: `\`${query}\` matches no series at Prometheus now` };
      if (r.series.length > 1) return manySeries(query, r.series.map((s) => s.labels));
      const v = r.series[0]!.point.value;
      return Number.isNaN(v) ? { kind: "no-data", reason: `\`${query}\` is NaN (${seriesName(r.series[0]!.labels)})` } : { kind: "value", value: v };
    }
  }
}

/** The values of the one series in the window (NaN left out), taken as `take`. */
export function rangeReading(query: string, r: RangeResult, take: Take, window: string): QueryReading {
  if (r.series.length === 0) return { kind: "no-data", reason: `\`${query}\` matches no series at Prometheus in the last ${window}` };
  if (r.series.length > 1) return manySeries(query, r.series.map((s) => s.labels));
  const values = r.series[0]!.points.map((p) => p.value).filter((v) => !Number.isNaN(v));
  if (values.length === 0) return { kind: "no-data", reason: `\`${query}\` has no value but NaN in the last ${window}` };
  switch (take) {
    case "max":
      return { kind: "value", value: Math.max(...values) };
    case "min":
      return { kind: "value", value: Math.min(...values) };
    case "avg":
      return { kind: "value", value: values.reduce((a, b) => a + b, 0) / values.length };
  }
}
