import { T, type Type } from "../language/types.js";
import type { QuantityUnit } from "../language/values.js";
import type { Builtin, CallArgs, ParamSpec } from "./builtin.js";

/**
 * What a PromQL result is measured in, by the word a scenario gives as `unit:`. Prometheus
 * names its units in base form (`_seconds`, `_bytes`, `_ratio`, per-second rates); a query's
 * number is bare until the scenario says which of these it is, and then it compares with
 * `30s`, `2GB`, `400/s` or `5%` like any other reading.
 */
export const PROMQL_UNITS: Readonly<Record<string, { readonly unit: QuantityUnit; readonly type: Type; readonly factor: number }>> = {
  none: { unit: "Number", type: T.Number, factor: 1 },
  seconds: { unit: "Duration", type: T.Duration, factor: 1000 },
  milliseconds: { unit: "Duration", type: T.Duration, factor: 1 },
  bytes: { unit: "Bytes", type: T.Bytes, factor: 1 },
  per_second: { unit: "Rate", type: T.Rate, factor: 1 },
  ratio: { unit: "Percent", type: T.Percent, factor: 100 },
  percent: { unit: "Percent", type: T.Percent, factor: 1 },
};

const unitParam: ParamSpec = {
  name: "unit",
  type: T.choice(...Object.keys(PROMQL_UNITS)),
  default: '"none"',
  rule: { kind: "known" },
  doc: 'What the number is: `"seconds"` or `"milliseconds"` make a Duration, `"bytes"` Bytes, `"per_second"` a Rate, `"ratio"` (0 to 1) or `"percent"` a Percent; `"none"`, a bare Number.',
};

const queryParam: ParamSpec = {
  name: "query",
  type: T.String,
  rule: { kind: "text", nonEmpty: true },
  doc: "A PromQL expression that gives one number: a scalar, or a vector of exactly one series (aggregate with `sum(…)`, `max(…)`, … when it would give more).",
};

const onParam: ParamSpec = {
  name: "on",
  type: T.DC,
  optional: true,
  doc: "The datacenter whose `prometheus:` server answers; may be left out when every datacenter that names one names the same server.",
};

/** The result type the `unit` argument gives; Number while the unit is not known (the checker then says so). */
function byUnit(args: CallArgs): Type {
  const u = args.get("unit")?.value;
  return u?.kind === "string" ? (PROMQL_UNITS[u.value]?.type ?? T.Number) : T.Number;
}

const bare = (s: string | undefined) => (s ?? "").replace(/"/g, "");
const unitSuffix = (a: Readonly<Record<string, string>>) => (a["unit"] !== undefined && a["unit"] !== '"none"' ? `, as ${bare(a["unit"])}` : "");
const onSuffix = (a: Readonly<Record<string, string>>) => (a["on"] !== undefined ? ` on ${a["on"]}'s Prometheus` : "");

export const monitoring: readonly Builtin[] = [
  {
    name: "promql",
    doc: "The value of a PromQL query now, from the datacenter's Prometheus server (instant query); no data when it gives no series or NaN.",
    category: "monitoring",
    params: [queryParam, onParam, unitParam],
    returns: T.Number,
    refine: byUnit,
    exampleIn: "verify",
    example: `expect promql("sum(streams_pe_connection_congestion_factor{job='dc2'})", on: dc2) < 50
expect promql("max(streams_pe_launch_count)", on: dc2) <= 3`,
    describe: (a) => `PromQL ${a["query"]}${onSuffix(a)}${unitSuffix(a)}`,
  },
  {
    name: "promql_range",
    doc: "A PromQL query evaluated over the last `over` (range query), its values taken as their maximum, minimum or average; the window never begins before the phase that reads it.",
    category: "monitoring",
    params: [
      queryParam,
      { name: "over", type: T.Duration, doc: "The window, ending now.", rule: { kind: "range", min: 0, minExclusive: true } },
      { name: "take", type: T.choice("max", "min", "avg"), default: '"max"', doc: "What to make of the values in the window." },
      { name: "step", type: T.Duration, default: "1s", doc: "The time between evaluations in the window (Prometheus' `step`).", rule: { kind: "range", min: 0, minExclusive: true } },
      onParam,
      unitParam,
    ],
    returns: T.Number,
    refine: byUnit,
    exampleIn: "verify",
    example: `expect promql_range("sum(rate(streams_operator_output_port_tuples_submitted_total{job='dc2'}[5s]))", over: 1m, take: "max", unit: "per_second") >= 400/s`,
    describe: (a) => `PromQL ${a["query"]} over the last ${a["over"]}, ${bare(a["take"])} every ${a["step"]}${onSuffix(a)}${unitSuffix(a)}`,
  },
];
