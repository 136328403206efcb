import type { Builtin } from "../builtins/builtin.js";
import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { diagnostic } from "./diagnostics.js";

/**
 * Checks over repeats in the checker: `median(x)`, `p95(x)` and `p99(x)` are judged across the
 * repeats of a scenario, after the last one, so each may stand only as one side of an `expect`
 * comparison (XDC3021): anywhere else its value would be one repeat's, read as if it were all
 * of them. See docs/language.md, "Checks over repeats".
 */

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

const isOverRepeats = (ctx: Context, e: A.Expr): boolean => {
  const target = e.kind === "call" ? ctx.calls.get(e) : undefined;
  return target?.kind === "builtin" && target.builtin.category === "repeats";
};

/** Before an `expect` condition is checked: the calls it compares directly are where a statistic over repeats may stand. */
export function allowOverRepeats(ctx: Context, condition: A.Expr): void {
  if (condition.kind !== "binary" || !COMPARISONS.has(condition.op)) return;
  for (const side of [condition.left, condition.right]) if (side.kind === "call") ctx.overRepeats.add(side);
}

/** After it is checked: a statistic on both sides would compare two aggregates, which says neither's limit. */
export function oneSideOverRepeats(ctx: Context, condition: A.Expr): void {
  if (condition.kind !== "binary" || !isOverRepeats(ctx, condition.left) || !isOverRepeats(ctx, condition.right)) return;
  ctx.report(misplaced(condition.right.span, "on both sides of a comparison", "compare one statistic over the repeats with a limit: `expect p95(fo.rto) <= 2s`"));
}

/** A call to a statistic over repeats anywhere but one side of an `expect` comparison. */
export function checkOverRepeatsPlace(ctx: Context, call: A.Call, b: Builtin): void {
  if (b.category !== "repeats" || ctx.overRepeats.has(call)) return;
  ctx.report(misplaced(call.span, "outside an `expect` comparison", `write it as one side of a comparison: \`expect ${b.name}(…) <= LIMIT\``));
}

const misplaced = (span: A.Expr["span"], where: string, help: string) =>
  diagnostic("XDC3021", span, `a statistic over repeats ${where}`, {
    label: "judged across the repeats, after the last one",
    notes: ["`median`, `p95` and `p99` are taken over the repeats of the scenario (`xdc exec --repeat N`, or its `repeat:` setting), so their value exists only once every repeat has run"],
    help: { message: help },
  });
