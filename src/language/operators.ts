import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { suggest } from "./did-you-mean.js";
import { encodeString } from "./literals.js";
import { checkExpr, conform, expectType } from "./expr.js";
import { bareNumber } from "./problems.js";
import { seriesOperand } from "./series.js";
import {
  arithmetic, hasUnit, OPERATOR_VERBS, OPERATORS, ORDERED, plural, show, T, UNIT_SUFFIX,
  type ArithmeticOp, type ScalarName, type Type,
} from "./types.js";
import { quantity, type QuantityUnit, type Value } from "./values.js";

/**
 * Binary operators: unit arithmetic by the table in types.ts, comparisons, `and`/`or`.
 * A chain (`1ms + 1ms + …`, thousands of terms) is a tree as deep as it is long on its left
 * side, so the left spine is walked with a loop, as the TypeScript compiler does for binary
 * expressions: recursion is left to the right operands, whose depth the parser bounds.
 */
export function binary(ctx: Context, where: Where, e: A.Binary): Type {
  const spine: A.Binary[] = [];
  let leftmost: A.Expr = e;
  while (leftmost.kind === "binary") {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  const deepest = spine[spine.length - 1]!;
  const logic = OPERATORS[deepest.op] === "logic";
  let t = operand(deepest, ctx, leftmost, checkExpr(ctx, where, leftmost, logic ? T.Bool : undefined));
  for (let i = spine.length - 1; i >= 0; i--) {
    const node = spine[i]!;
    t = combine(ctx, where, node, t);
    if (i > 0) t = operand(spine[i - 1]!, ctx, node, t);
  }
  return t;
}

/** The left operand of `parent` after its own check: `and`/`or` want a Bool (XDC3002 otherwise, then assumed Bool). */
function operand(parent: A.Binary, ctx: Context, left: A.Expr, t: Type): Type {
  return OPERATORS[parent.op] === "logic" ? conform(ctx, left, t, T.Bool) : t;
}

/** One operator, its left operand already checked as `lt`. */
function combine(ctx: Context, where: Where, e: A.Binary, lt: Type): Type {
  const cls = OPERATORS[e.op];
  if (cls === "logic") {
    expectType(ctx, where, e.right, T.Bool);
    const l = ctx.values.get(e.left);
    const r = ctx.values.get(e.right);
    const value: Value | undefined = l?.kind === "bool" && r?.kind === "bool"
      ? { kind: "bool", value: e.op === "and" ? l.value && r.value : l.value || r.value }
      : undefined;
    return ctx.typed(e, T.Bool, value);
  }
  const rt = checkExpr(ctx, where, e.right);
  if (seriesOperand(ctx, e, lt, rt)) return ctx.typed(e, cls === "arithmetic" ? T.error : T.Bool);
  if (cls === "arithmetic") return arithmeticOp(ctx, e, e.op as ArithmeticOp, lt, rt);
  compare(ctx, e, lt, rt, cls === "ordering");
  return ctx.typed(e, T.Bool);
}

const UNITS = Object.keys(UNIT_SUFFIX) as ScalarName[];

/**
 * For `30s + 5`: the unit the bare number was meant to have, the one that makes a row of the
 * table, preferring the other operand's own unit.
 */
function meantUnit(other: ScalarName, op: ArithmeticOp, numberOnLeft: boolean): ScalarName | undefined {
  const fits = (u: ScalarName) => (numberOnLeft ? arithmetic(u, op, other) : arithmetic(other, op, u)) !== undefined;
  return [other, ...UNITS].find((u) => UNIT_SUFFIX[u] !== undefined && fits(u));
}

function arithmeticOp(ctx: Context, e: A.Binary, op: ArithmeticOp, lt: Type, rt: Type): Type {
  if (lt.kind === "error" || rt.kind === "error") return ctx.typed(e, T.error);
  if (lt.kind === "scalar" && rt.kind === "scalar") {
    const result = arithmetic(lt.name, op, rt.name);
    if (result !== undefined) return ctx.typed(e, { kind: "scalar", name: result }, compute(ctx, e, op, result));
    for (const [num, other, side] of [[lt, rt, "left"], [rt, lt, "right"]] as const) {
      if (num.name !== "Number") continue;
      const unit = meantUnit(other.name, op, side === "left");
      if (unit === undefined) continue;
      ctx.report(bareNumber(side === "left" ? e.left : e.right, unit));
      // Reported once: what the whole would have been is a guess, so nothing else is said about it.
      return ctx.typed(e, T.error);
    }
  }
  const message = OPERATOR_VERBS[op](show(lt), show(rt));
  const code = hasUnit(lt) && hasUnit(rt) ? "XDC3003" : "XDC3002";
  ctx.report(diagnostic(code, e.right.span, message, {
    label: `this is ${show(rt)}`,
    labels: [{ span: e.left.span, message: `this is ${show(lt)}` }],
    ...(code === "XDC3003" ? { notes: ["units combine only as `xdc builtins` and the language reference list them (for example a duration divided by a number)"] } : {}),
  }));
  return ctx.typed(e, T.error);
}

/** The value of constant arithmetic, in the units values.ts keeps (ms, /s, %, bytes). */
function compute(ctx: Context, e: A.Binary, op: ArithmeticOp, result: ScalarName): Value | undefined {
  const l = ctx.values.get(e.left);
  const r = ctx.values.get(e.right);
  if (l?.kind === "string" && r?.kind === "string" && op === "+") return { kind: "string", value: l.value + r.value };
  if (l?.kind !== "quantity" || r?.kind !== "quantity" || result === "Time") return undefined;
  const perSecond = (v: typeof l) => (v.unit === "Duration" ? v.value / 1000 : v.value);
  // Rate × Duration is a count: the rate is per second, the duration in ms.
  const mixed = (l.unit === "Rate" && r.unit === "Duration") || (l.unit === "Duration" && r.unit === "Rate");
  const a = mixed ? perSecond(l) : l.value;
  const b = mixed ? perSecond(r) : r.value;
  const v = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : b === 0 ? NaN : a / b;
  return Number.isFinite(v) ? quantity(result as QuantityUnit, v) : undefined;
}

/** `role(app, on: dc1) == "actve"`: a word the choice never takes makes the comparison always the same. */
function neverEqual(ctx: Context, e: A.Binary, lt: Type, rt: Type): void {
  const [side, choice] = lt.kind === "choice" ? [e.right, lt] : rt.kind === "choice" ? [e.left, rt] : [];
  const v = side ? ctx.values.get(side) : undefined;
  if (!side || choice?.kind !== "choice" || v?.kind !== "string" || choice.values.includes(v.value)) return;
  const s = suggest(v.value, choice.values);
  ctx.report(diagnostic("XDC3004", side.span, `the other side is never ${encodeString(v.value)}: it is one of ${choice.values.map((x) => `"${x}"`).join(", ")}`, {
    label: "not one of its words",
    ...(s ? { help: { message: `did you mean \`"${s.best}"\`?`, edit: { span: side.span, newText: encodeString(s.best), applicability: "maybe-incorrect" as const } } } : {}),
  }));
}

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "<", "<=", ">", ">="]);

function compare(ctx: Context, e: A.Binary, lt: Type, rt: Type, ordering: boolean): void {
  if (lt.kind === "error" || rt.kind === "error") return;
  // `a < b < c` compares the condition `a < b` with `c`: say what was meant, as rustc does.
  if (e.left.kind === "binary" && COMPARISONS.has(e.left.op) && !(rt.kind === "scalar" && rt.name === "Bool")) {
    ctx.report(diagnostic("XDC3004", e.opSpan, "comparisons do not chain", {
      label: `this compares the condition on the left with ${show(rt)}`,
      labels: [{ span: e.left.span, message: "this is a condition" }],
      help: { message: `compare twice and join them with \`and\`: \`… ${e.left.op} X and X ${e.op} …\`, with X the middle operand` },
    }));
    return;
  }
  const same = (lt.kind === "scalar" && rt.kind === "scalar" && lt.name === rt.name) ||
    (lt.kind === "entity" && rt.kind === "entity" && lt.name === rt.name) ||
    (lt.kind === "scalar" && lt.name === "String" && rt.kind === "choice") ||
    (rt.kind === "scalar" && rt.name === "String" && lt.kind === "choice") ||
    (lt.kind === "list" && rt.kind === "list");
  if (same) {
    if (!ordering) neverEqual(ctx, e, lt, rt);
    if (ordering && !(lt.kind === "scalar" && ORDERED.has(lt.name))) {
      ctx.report(diagnostic("XDC3004", e.opSpan, `\`${e.op}\` cannot order ${plural(lt)}`, {
        label: "these values have no order",
        labels: [{ span: e.left.span, message: `this is ${show(lt)}` }],
        help: { message: "compare them with `==` or `!=`" },
      }));
    }
    return;
  }
  if (lt.kind === "scalar" && rt.kind === "scalar") {
    if (lt.name === "Number" && UNIT_SUFFIX[rt.name] !== undefined) return ctx.report(bareNumber(e.left, rt.name));
    if (rt.name === "Number" && UNIT_SUFFIX[lt.name] !== undefined) return ctx.report(bareNumber(e.right, lt.name));
  }
  const code = hasUnit(lt) && hasUnit(rt) ? "XDC3003" : "XDC3004";
  ctx.report(diagnostic(code, e.right.span, `cannot compare ${show(lt)} with ${show(rt)}`, {
    label: `this is ${show(rt)}`,
    labels: [{ span: e.left.span, message: `this is ${show(lt)}` }],
  }));
}
