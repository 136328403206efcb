import type * as A from "./ast.js";
import { faultOf } from "./call.js";
import type { Context, Where } from "./context.js";
import { assertNever, diagnostic } from "./diagnostics.js";
import { checkExpr, expectDuration, expectType, hostCount } from "./expr.js";
import { checkMessage } from "./message.js";
import { allowOverRepeats, oneSideOverRepeats } from "./over-repeats.js";
import { PLACES } from "./placement.js";
import { again, endOf } from "./problems.js";
import { bindingSpan, type Binding } from "./program.js";
import type { Scope } from "./scope.js";
import { span } from "./span.js";
import { isScalar, show, T, type Type } from "./types.js";
import { formatQuantity, type Value } from "./values.js";

/** Checks a block's statements in a new scope, and returns that scope (later phases see `run`'s names). */
export function checkBody(ctx: Context, where: Where, body: A.Body): Scope {
  const scope = where.scope.child();
  ctx.scopes.push({ span: body.span, scope });
  const inner = { ...where, scope };
  for (const s of body.stmts) checkStmt(ctx, inner, s);
  return scope;
}

export function checkStmt(ctx: Context, where: Where, s: A.Stmt): void {
  switch (s.kind) {
    case "let":
      return checkLet(ctx, where, s);
    case "expr": {
      const t = checkExpr(ctx, where, s.expr);
      if (s.forDuration) checkFor(ctx, where, s.expr, t, s.forDuration);
      else applied(ctx, where, s.expr);
      return;
    }
    case "at":
      timeline(ctx, where, s, "at");
      expectDuration(ctx, where, s.time, "at");
      checkBody(ctx, where, s.body);
      return;
    case "after":
      timeline(ctx, where, s, "after");
      afterEvent(ctx, where, s.event);
      checkBody(ctx, where, s.body);
      return;
    case "every":
      timeline(ctx, where, s, "every");
      expectDuration(ctx, where, s.interval, "every", true);
      if (s.duration) expectDuration(ctx, where, s.duration, "for");
      else {
        ctx.report(diagnostic("XDC4004", s.interval.span, "`every` has no end", {
          label: "this repeats until the scenario times out",
          help: { message: "add how long it runs, for example `for 5m`", edit: { span: endOf(s.interval.span), newText: " for 5m", applicability: "has-placeholders" } },
        }));
      }
      checkBody(ctx, where, s.body);
      return;
    case "parallel":
      timeline(ctx, where, s, "parallel");
      checkBody(ctx, where, s.body);
      return;
    case "awaitStmt": {
      const t = checkExpr(ctx, where, s.await);
      if (s.as) declare(ctx, where, s.as, t, undefined, "await");
      return;
    }
    case "wait":
      expectDuration(ctx, where, s.duration, "wait");
      return;
    case "repeat":
      repeatCount(ctx, where, s);
      checkBody(ctx, where, s.body);
      return;
    case "forEach":
      return forEach(ctx, where, s);
    case "expect":
      if (s.throughout) throughout(ctx, where, s, s.throughout);
      else {
        allowOverRepeats(ctx, s.condition);
        expectType(ctx, where, s.condition, T.Bool);
        oneSideOverRepeats(ctx, s.condition);
      }
      if (s.message) checkMessage(ctx, where, s.message);
      return;
    default:
      return assertNever(s);
  }
}

export function checkLet(ctx: Context, where: Where, s: A.Let): void {
  const t = checkExpr(ctx, where, s.value);
  const b = declare(ctx, where, s.name, t, ctx.values.get(s.value), "let");
  if (s.forDuration) checkFor(ctx, where, s.value, t, s.forDuration);
  else applied(ctx, where, s.value, b);
}

/**
 * Declares a name in the current block: XDC2003 when the block already has it, XDC2013
 * (warning) when it hides an outer one. Outside module level, an unused one is XDC2010.
 */
export function declare(ctx: Context, where: Where, name: A.Ident, type: Type, value: Value | undefined, origin: "let" | "param" | "await"): Binding | undefined {
  if (name.name === "") return undefined;
  const b: Binding = { kind: "value", name: name.name, span: name.span, type, origin, ...(value !== undefined ? { value } : {}) };
  const same = where.scope.local(name.name);
  if (same) {
    ctx.report(again("XDC2003", name.span, `\`${name.name}\` is already defined here`, bindingSpan(same), "give it another name"));
    return undefined;
  }
  const outer = where.scope.outer(name.name);
  if (outer && !name.name.startsWith("_")) shadowed(ctx, name, outer);
  where.scope.declare(b);
  ctx.declarations.set(name, b);
  if (where.place !== "module" && origin !== "param") ctx.unusedCandidates.push(b);
  return b;
}

function shadowed(ctx: Context, name: A.Ident, outer: Binding): void {
  const at = outer.kind === "builtin" ? undefined : outer.span;
  const what = outer.kind === "builtin" ? `the builtin \`${outer.name}\`` : outer.kind === "dc" ? `the datacenter \`${outer.name}\`` : `an outer \`${outer.name}\``;
  ctx.report(diagnostic("XDC2013", name.span, `\`${name.name}\` shadows ${what}`, {
    severity: "warning",
    label: `hides ${what} from here on`,
    ...(at ? { labels: [{ span: at, message: "the outer one" }] } : {}),
    help: { message: "give it another name" },
  }));
}

/** `… for D`: only faults are undone after a duration (XDC3012). */
function checkFor(ctx: Context, where: Where, e: A.Expr, t: Type, duration: A.Expr): void {
  expectDuration(ctx, where, duration, "for", true);
  if (t.kind === "entity" && t.name === "Fault") return passing(ctx, e, duration);
  if (t.kind === "error") return;
  const workload = t.kind === "entity" && t.name === "Workload";
  const found = t.kind === "nothing" ? "but this returns nothing" : `found ${show(t)}`;
  ctx.report(diagnostic("XDC3012", e.span, `\`for\` needs a fault, ${found}`, {
    label: `this is ${show(t)}`,
    notes: ["`for D` undoes a fault after D"],
    help: workload ? { message: "a workload's length is its `for:` argument: `inject(…, for: 90s)`" } : { message: "remove `for …`" },
  }));
}

/**
 * XDC4008: `kill(…) for 1s`. A fault that does not last is over once applied (Streams restarts
 * a killed PE by itself), so `for` does not keep it going: it only restarts, after the
 * duration, whatever is still down. Whoever wrote it most likely meant a fault that lasts.
 */
function passing(ctx: Context, e: A.Expr, duration: A.Expr): void {
  const call = e.kind === "call" ? ctx.calls.get(e) : undefined;
  if (call?.kind !== "builtin" || call.builtin.fault?.lasting !== false) return;
  const name = call.builtin.name;
  const d = ctx.values.get(duration);
  const length = d?.kind === "quantity" ? formatQuantity("Duration", d.value) : "the duration";
  const tail = span(e.span.file, e.span.end, duration.span.end);
  ctx.report(diagnostic("XDC4008", tail, `\`${name}\` is over once applied: \`for\` has nothing to undo`, {
    severity: "warning",
    label: `does not keep it down for ${length}`,
    labels: [{ span: e.span, message: `applied once; after \`for\` xdc would only ${call.builtin.fault.undo}` }],
    notes: ["Streams restarts what was killed on its own, at once"],
    help: { message: `remove \`for\` to ${name} it once; to keep it down for ${length}, \`pause\` it instead`, edit: { span: tail, newText: "", applicability: "maybe-incorrect" } },
  }));
}

/** Records a lasting fault applied in `run` without `for`, for XDC4002 at the end of the block. */
function applied(ctx: Context, where: Where, e: A.Expr, b?: Binding): void {
  if (!where.ledger || e.kind !== "call" || faultOf(ctx.calls.get(e))?.lasting !== true) return;
  where.ledger.applied.push({ span: e.span, ...(b ? { binding: b } : {}) });
}

/** XDC4002: a fault applied in `run` that nothing undoes. */
export function reportLeftApplied(ctx: Context, ledger: Where["ledger"]): void {
  for (const a of ledger?.applied ?? []) {
    if (a.binding && ledger!.reverted.has(a.binding)) continue;
    ctx.report(diagnostic("XDC4002", a.span, "fault left applied", {
      label: "applied here, never undone",
      notes: ["xdc undoes it when the scenario ends, but the steps after it run against a system still broken"],
      help: a.binding
        ? { message: `undo it with \`revert(${a.binding.name})\`, or add \`for\` and a duration` }
        : { message: "add how long it lasts, for example `for 30s`", edit: { span: endOf(a.span), newText: " for 30s", applicability: "has-placeholders" } },
    }));
  }
}

function timeline(ctx: Context, where: Where, s: A.Stmt, keyword: string): void {
  const rules = PLACES[where.place];
  if (rules.timeline) return;
  const keywordSpan = { ...s.span, end: { ...s.span.start, offset: s.span.start.offset + keyword.length, column: s.span.start.column + keyword.length } };
  ctx.report(diagnostic("XDC4006", keywordSpan, `\`${keyword}\` ${rules.name}`, {
    label: "a timeline statement",
    notes: ["`at`, `after`, `every` and `parallel` build the timeline of `run` (or of a definition); the other blocks run their statements in order"],
  }));
}

/** `after E:` runs when an event happens, a condition turns true, or a fault or workload ends. */
function afterEvent(ctx: Context, where: Where, e: A.Expr): void {
  const t = checkExpr(ctx, where, e);
  const ok = t.kind === "error" || t.kind === "event" || (t.kind === "scalar" && t.name === "Bool") ||
    (t.kind === "entity" && (t.name === "Fault" || t.name === "Workload"));
  if (ok) return;
  ctx.report(diagnostic("XDC3010", e.span, `\`after\` cannot wait for ${show(t)}`, {
    label: `this is ${show(t)}`,
    notes: ["`after` takes an event, a condition, or a fault or workload (meaning: after it ends)"],
    ...(t.kind === "scalar" && t.name === "Duration" ? { help: { message: "to act at a moment of the timeline, write `at` and the offset" } } : {}),
  }));
}

/** `expect C throughout`: C is judged at each sample of the series it reads, which it must (XDC3016). */
function throughout(ctx: Context, where: Where, s: A.Expect, t: A.Throughout): void {
  const pointwise = new Set<Binding>();
  expectType(ctx, { ...where, pointwise }, s.condition, T.Bool);
  const t0 = ctx.types.get(s.condition);
  if (pointwise.size > 0 || t0 === undefined || !isScalar(t0, "Bool") || containsError(ctx, s.condition)) return;
  ctx.report(diagnostic("XDC3016", t.span, "`throughout` needs a series to follow", {
    label: "no series in the condition",
    labels: [{ span: s.condition.span, message: "reads no `sample`d series" }],
    notes: ["`throughout` judges the condition at every sample of the series it reads"],
    help: { message: "sample the value first: `let cpu = sample metric(…) every 1s`, then `expect cpu <= 80% throughout`; or remove `throughout`" },
  }));
}

/** Whether the checker gave up on part of the condition: a series may be hiding there. */
const containsError = (ctx: Context, e: A.Expr): boolean => {
  for (const [node, type] of ctx.types) if (type.kind === "error" && node.span.file === e.span.file && node.span.start.offset >= e.span.start.offset && node.span.end.offset <= e.span.end.offset) return true;
  return false;
};

/**
 * `for NAME in LIST { … }`: LIST is a list (XDC3002 otherwise), and NAME has its item type in
 * the body, in a scope of its own; the body is checked once, as it is the same each time.
 */
function forEach(ctx: Context, where: Where, s: A.ForEach): void {
  const t = checkExpr(ctx, where, s.list);
  const known = ctx.values.get(s.list);
  const length = known?.kind === "list" ? known.items.length : hostCount(ctx, where, s.list)?.count;
  if (length !== undefined) ctx.loopLengths.set(s.list, length);
  let item: Type = T.error;
  if (t.kind === "list") item = t.element;
  else if (t.kind !== "error") {
    ctx.report(diagnostic("XDC3002", s.list.span, `\`for … in\` needs a list, found ${show(t)}`, {
      label: `this is ${show(t)}`,
      notes: ["`for NAME in LIST` runs its block once for each item of the list"],
      help: t.kind === "scalar" && t.name === "Number" ? { message: "to run a block a number of times, write `repeat N { … }`" } : { message: "give a list, such as `hosts(dc1)` or `[dc1, dc2]`" },
    }));
  }
  const scope = where.scope.child();
  ctx.scopes.push({ span: s.span, scope });
  declare(ctx, { ...where, scope }, s.name, item, undefined, "let");
  checkBody(ctx, { ...where, scope }, s.body);
}

/** XDC4004: `repeat` needs a count, a Number. */
function repeatCount(ctx: Context, where: Where, s: A.Repeat): void {
  const missing = s.count.kind === "error" && s.count.span.start.offset === s.span.start.offset;
  if (missing) {
    ctx.report(diagnostic("XDC4004", s.count.span, "`repeat` has no count", {
      label: "this repeats without end",
      help: { message: "write how many times, for example `repeat 3 { … }`", edit: { span: endOf(s.count.span), newText: " 3", applicability: "has-placeholders" } },
    }));
    ctx.typed(s.count, T.error);
    return;
  }
  const t = checkExpr(ctx, where, s.count);
  if (t.kind === "scalar" && t.name === "Number") {
    const v = ctx.values.get(s.count);
    if (v?.kind === "quantity" && (v.value < 0 || !Number.isInteger(v.value))) {
      ctx.report(diagnostic("XDC3013", s.count.span, `\`repeat\` needs a whole number of times, found ${formatQuantity("Number", v.value)}`, { label: "out of range" }));
    }
    return;
  }
  if (t.kind === "error") return;
  ctx.report(diagnostic("XDC4004", s.count.span, `\`repeat\` needs a number of times, found ${show(t)}`, {
    label: `this is ${show(t)}`,
    ...(t.kind === "scalar" && t.name === "Duration" ? { help: { message: "to repeat for a while, write `every` with an interval and `for` a duration" } } : {}),
  }));
}
