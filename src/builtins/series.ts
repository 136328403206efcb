import { MEASURABLE, T, type Type } from "../language/types.js";
import type { Builtin, CallArgs, ParamSpec } from "./builtin.js";

/**
 * Figures of a series sampled with `let x = sample … every D`: each reads the samples taken so
 * far (the last `over` of them when given), in the series' unit. A series with no sample in the
 * window is no data, never a pass.
 */

const series: ParamSpec = { name: "series", type: T.series(MEASURABLE), doc: "A series declared with `let NAME = sample …`." };
const over: ParamSpec = {
  name: "over",
  type: T.Duration,
  optional: true,
  doc: "Only the samples of the last `over`; every sample so far when left out.",
  rule: { kind: "range", min: 0, minExclusive: true },
};

/** The unit of the series given: `max(cpu)` is a percentage when `cpu` samples percentages. */
const elementOf = (args: CallArgs): Type => {
  const t = args.get("series")?.type;
  // Not a series of one unit: the argument was already reported, so nothing more is said about the figure.
  return t?.kind === "series" && t.element.kind === "scalar" ? t.element : T.error;
};

const window = (a: Readonly<Record<string, string>>) => (a["over"] !== undefined ? ` over the last ${a["over"]}` : "");

const figure = (name: string, doc: string, what: string, example: string): Builtin => ({
  name,
  doc,
  category: "series",
  params: [series, over],
  // The series' own unit, which `refine` gives; signatures show the choice.
  returns: MEASURABLE,
  refine: elementOf,
  example,
  describe: (a) => `${what} of ${a["series"]}${window(a)}`,
});

export const seriesFigures: readonly Builtin[] = [
  figure("max", "The largest sample of a series, in its unit.", "largest sample", `let cpu = sample metric(app, "nCpuMilliseconds", on: dc1) every 1s\nwait 30s\nexpect max(cpu, over: 10s) <= 900`),
  figure("min", "The smallest sample of a series, in its unit.", "smallest sample", `let rate = sample throughput(app.Results, over: 1s) every 1s\nwait 30s\nexpect min(rate) >= 400/s`),
  figure("mean", "The mean of the samples of a series, in its unit.", "mean", `let rate = sample throughput(app.Results, over: 1s) every 1s\nwait 30s\nexpect mean(rate, over: 20s) >= 450/s`),
  {
    name: "percentile",
    doc: "The value, in the series' unit, below which a share of its samples lie (nearest rank: `percentile(s, 100%)` is the largest).",
    category: "series",
    params: [series, { name: "p", type: T.Percent, doc: "The share, from 0% to 100%.", rule: { kind: "range", min: 0, max: 100 } }, over],
    returns: MEASURABLE,
    refine: elementOf,
    example: `let rate = sample throughput(app.Results, over: 1s) every 1s\nwait 30s\nexpect percentile(rate, 5%) >= 300/s`,
    describe: (a) => `${a["p"]} percentile of ${a["series"]}${window(a)}`,
  },
];
