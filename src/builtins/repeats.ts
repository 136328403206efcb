import { MEASURABLE, T } from "../language/types.js";
import type { Builtin, CallArgs, ParamSpec } from "./builtin.js";

/**
 * Checks over the repeats of a scenario (`xdc exec --repeat N`, or its `repeat:` setting):
 * `expect p95(fo.rto) <= 2s` records each repeat's value, and after the last repeat the
 * statistic over them is judged against the limit. Only one side of an `expect` comparison
 * (XDC3021). A run that is not repeated judges its one value. docs/language.md, "Checks over
 * repeats".
 */

const value: ParamSpec = { name: "value", type: MEASURABLE, doc: "One value each repeat measures: a duration, a rate, a percentage, a size or a number." };

/** The unit of the value given: `p95(fo.rto)` is a duration. */
const unitOf = (args: CallArgs) => {
  const t = args.get("value")?.type;
  return t?.kind === "scalar" ? t : T.error;
};

const stat = (name: string, doc: string, what: string, example: string): Builtin => ({
  name,
  doc,
  category: "repeats",
  params: [value],
  returns: MEASURABLE,
  refine: unitOf,
  example,
  exampleIn: "verify",
  describe: (a) => `${what} over the repeats of ${a["value"]}`,
});

export const repeatStats: readonly Builtin[] = [
  stat("median", "The median of a value over the repeats (the middle value, or the mean of the middle two); in a run that is not repeated, the value itself.", "median", "expect median(fo.rto) <= 30s"),
  stat("p95", "The 95th percentile of a value over the repeats, by nearest rank (always one of the repeats' values); in a run that is not repeated, the value itself.", "95th percentile", "expect p95(fo.rto) <= 45s"),
  stat("p99", "The 99th percentile of a value over the repeats, by nearest rank (always one of the repeats' values); in a run that is not repeated, the value itself.", "99th percentile", "expect p99(fo.rto) <= 60s"),
];
