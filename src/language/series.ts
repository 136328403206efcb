import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { checkExpr, expectDuration } from "./expr.js";
import { PLACES } from "./placement.js";
import { mismatch } from "./problems.js";
import { assignable, MEASURABLE, show, T, type Type } from "./types.js";

/**
 * Time series and baselines in the checker: `let x = sample EXPR every D`, `let b = baseline
 * EXPR`, and the rule that a series is not one value (XDC3015). See docs/language.md, "Time
 * series and baselines".
 */

/** `sample EXPR every D`: a series of EXPR's unit. Where it may stand is PLACES' `samples`. */
export function checkSample(ctx: Context, where: Where, e: A.Sample): Type {
  const rules = PLACES[where.place];
  if (!rules.samples) {
    ctx.report(diagnostic("XDC4006", keyword(e.span, "sample"), `\`sample\` ${rules.name}`, {
      label: "nothing would read it here",
      notes: ["a series is sampled while a scenario runs: declare it among the scenario's `let`s (the whole run) or in `setup`, `steady`, `run` or `verify` (that block)"],
    }));
  }
  const t = checkExpr(ctx, where, e.measure);
  expectDuration(ctx, where, e.every, "every", true);
  if (t.kind === "error") return ctx.typed(e, T.series(T.error));
  if (!assignable(t, MEASURABLE) || t.kind !== "scalar") {
    ctx.report(mismatch(e.measure.span, MEASURABLE, t));
    return ctx.typed(e, T.series(T.error));
  }
  return ctx.typed(e, T.series(t));
}

/** `baseline EXPR`: EXPR's own type; only in `steady`, the one block that runs twice. */
export function checkBaseline(ctx: Context, where: Where, e: A.Baseline): Type {
  if (where.place !== "steady") {
    ctx.report(diagnostic("XDC4006", keyword(e.span, "baseline"), `\`baseline\` ${PLACES[where.place].name}`, {
      label: "only `steady` runs twice",
      notes: ["a baseline is measured in `steady` before `run`, and kept when `steady` runs again after `verify`; elsewhere a plain `let` does the same"],
      help: { message: "move it into `steady`, or remove `baseline`" },
    }));
  }
  const t = checkExpr(ctx, where, e.measure);
  return ctx.typed(e, t, ctx.values.get(e.measure));
}

/**
 * XDC3015: a series where one value is needed (`cpu <= 80%`, `cpu * 2`). Returns whether one
 * of the operands was a series, so the caller says nothing more about it.
 */
export function seriesOperand(ctx: Context, e: A.Binary, lt: Type, rt: Type): boolean {
  const [side, t] = lt.kind === "series" ? [e.left, lt] : rt.kind === "series" ? [e.right, rt] : [undefined, undefined];
  if (side === undefined || t?.kind !== "series") return false;
  const name = side.kind === "name" ? side.name : "…";
  ctx.report(diagnostic("XDC3015", side.span, `${show(t)} is not one value`, {
    label: `this is ${show(t)}`,
    notes: ["a series holds every sample taken; say which value the check judges"],
    help: { message: `judge every sample with \`expect … throughout\`, or one figure of it: \`max(${name})\`, \`mean(${name})\`, \`percentile(${name}, 99%)\`` },
  }));
  return true;
}

const keyword = (s: A.Sample["span"], word: string): A.Sample["span"] =>
  ({ ...s, end: { ...s.start, offset: s.start.offset + word.length, column: s.start.column + word.length } });
