import { isRequired, returnType, type ArgInfo, type Builtin, type ParamRule } from "../builtins/builtin.js";
import { BUILTINS } from "../builtins/index.js";
import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { checkExpr, expectType } from "./expr.js";
import { bindingType, reportUnknownFunction } from "./names.js";
import { PLACES } from "./placement.js";
import { again, didYouMean, endOf } from "./problems.js";
import type { Binding, CallTarget } from "./program.js";
import { checkFile } from "./file-rules.js";
import { checkRule, TUPLE_NAMES } from "./rules.js";
import { checkMessage } from "./message.js";
import { checkDistinct, checkPrimaries } from "./distinct.js";
import { recordSubmit } from "./toolkit-timing.js";
import { show, T, type Type } from "./types.js";
import { checkOverRepeatsPlace } from "./over-repeats.js";

/** A parameter as call checking sees it, whether of a builtin or of a user definition. */
interface SigParam {
  readonly name: string;
  readonly type: Type;
  readonly required: boolean;
  readonly rule?: ParamRule;
  readonly template?: true;
}

const builtinParams = (b: Builtin): readonly SigParam[] =>
  b.params.map((p) => ({ name: p.name, type: p.type, required: isRequired(p), ...(p.rule ? { rule: p.rule } : {}), ...(p.template ? { template: p.template } : {}) }));

/** Computed once per builtin: a call is checked for every statement of every scenario. */
const BUILTIN_SIGNATURES: ReadonlyMap<Builtin, readonly SigParam[]> = new Map(BUILTINS.map((b) => [b, builtinParams(b)]));

function signature(target: CallTarget): readonly SigParam[] {
  if (target.kind === "builtin") return BUILTIN_SIGNATURES.get(target.builtin) ?? builtinParams(target.builtin);
  return target.definition.params.map((p) => ({ name: p.name, type: p.type, required: p.default === undefined }));
}

const targetName = (t: CallTarget) => (t.kind === "builtin" ? t.builtin.name : t.definition.name);

/** Whether calling the target applies a fault, and whether that fault stays until undone. */
export function faultOf(t: CallTarget | undefined): { lasting: boolean } | undefined {
  if (t?.kind === "builtin") return t.builtin.fault;
  if (t?.kind === "definition" && t.definition.kind === "fault") return { lasting: true };
  return undefined;
}

/** A call: resolves what is called, matches the arguments to the parameters, checks each. */
export function checkCall(ctx: Context, where: Where, call: A.Call): Type {
  const target = resolveCallee(ctx, where, call.callee);
  if (!target) {
    for (const a of call.args) checkExpr(ctx, where, a.value);
    return ctx.typed(call, T.error);
  }
  ctx.calls.set(call, target);
  const params = signature(target);
  const matched = matchArgs(ctx, call, targetName(target), params);
  const info = new Map<string, ArgInfo>();
  const exprs = new Map<string, A.Expr>();
  ctx.callArgs.set(call, exprs);
  for (const a of call.args) {
    const p = matched.get(a);
    if (!p) {
      checkExpr(ctx, where, a.value);
      continue;
    }
    exprs.set(p.name, a.value);
    if (p.template && a.value.kind === "string") {
      checkMessage(ctx, where, a.value);
      info.set(p.name, { type: T.String, span: a.value.span });
      continue;
    }
    const t = expectType(ctx, p.rule?.kind === "tuple" ? tupleWhere(where, a.value) : where, a.value, p.type);
    if (p.rule && p.rule.kind !== "file") checkRule(ctx, p.rule, p.name, a.value, t);
    if (p.type.kind === "choice") checkRule(ctx, { kind: "choice", values: p.type.values }, p.name, a.value, t);
    const value = ctx.values.get(a.value);
    info.set(p.name, { type: t, span: a.value.span, ...(value !== undefined ? { value } : {}) });
  }
  // A file's rows are checked against the other arguments (`schema`), so after all of them.
  for (const p of params) if (p.rule?.kind === "file" && exprs.has(p.name) && ctx.types.get(exprs.get(p.name)!)?.kind !== "error") checkFile(ctx, p.rule.role, exprs.get(p.name)!, info);
  place(ctx, where, call, target);
  track(ctx, where, call, target);
  if (target.kind === "definition") return ctx.typed(call, target.definition.kind === "fault" ? T.Fault : T.nothing);
  return ctx.typed(call, returnType(target.builtin, info, call.span), target.builtin.known?.(info));
}

/** Where a condition on tuples is checked: `out` and `in` are its tuples, records of any attributes. */
function tupleWhere(where: Where, e: A.Expr): Where {
  const scope = where.scope.child();
  for (const name of TUPLE_NAMES) scope.declare({ kind: "value", name, span: e.span, type: T.anyRecord, origin: "param" });
  return { ...where, scope };
}

function resolveCallee(ctx: Context, where: Where, callee: A.Expr): CallTarget | undefined {
  let b: Binding | undefined;
  if (callee.kind === "name") {
    b = where.scope.lookup(callee.name);
    if (!b) {
      reportUnknownFunction(ctx, where, callee);
      ctx.typed(callee, T.error);
      return undefined;
    }
    ctx.symbols.set(callee, b);
    ctx.used.add(b);
    ctx.typed(callee, bindingType(b).type);
  } else {
    checkExpr(ctx, where, callee);
    b = callee.kind === "member" ? ctx.symbols.get(callee) : undefined;
  }
  if (b?.kind === "builtin") return { kind: "builtin", builtin: b.builtin };
  if (b?.kind === "definition") return { kind: "definition", definition: b.definition };
  const t = ctx.types.get(callee) ?? T.error;
  if (t.kind !== "error") {
    ctx.report(diagnostic("XDC3009", callee.span, `cannot call ${show(t)}`, {
      label: `this is ${show(t)}, not a function`,
    }));
  }
  return undefined;
}

/**
 * Pairs arguments with parameters: positional ones in order, then named ones by name.
 * Reports what cannot be paired (XDC3011, XDC3006, XDC2011, XDC3007) and what is missing (XDC3005).
 */
function matchArgs(ctx: Context, call: A.Call, fn: string, params: readonly SigParam[]): Map<A.Arg, SigParam> {
  const out = new Map<A.Arg, SigParam>();
  const given = new Map<string, A.Arg>();
  let position = 0;
  let named = false;
  for (const a of call.args) {
    if (a.name) {
      named = true;
      const p = params.find((x) => x.name === a.name!.name);
      if (!p) {
        if (a.name.name === "") continue;
        const hint = didYouMean(a.name.span, a.name.name, params.filter((x) => !given.has(x.name)).map((x) => x.name));
        ctx.report(diagnostic("XDC2011", a.name.span, `\`${fn}\` has no parameter \`${a.name.name}\``, {
          label: "unknown argument name",
          notes: hint.help ? hint.notes : [`its parameters: ${params.map((x) => `\`${x.name}\``).join(", ") || "none"}`],
          ...(hint.help ? { help: hint.help } : {}),
        }));
        continue;
      }
      const first = given.get(p.name);
      if (first) {
        ctx.report(again("XDC3007", a.span, `argument \`${p.name}\` is given twice`, first.span));
        continue;
      }
      given.set(p.name, a);
      out.set(a, p);
      continue;
    }
    if (named) {
      const next = params.find((x) => !given.has(x.name));
      ctx.report(diagnostic("XDC3011", a.span, "positional argument after a named one", {
        label: "this argument has no name",
        notes: ["arguments are matched by position first, then by name"],
        help: next
          ? { message: `name it: \`${next.name}: …\``, edit: { span: { ...a.span, end: a.span.start }, newText: `${next.name}: `, applicability: "maybe-incorrect" } }
          : { message: "name it, or move it before the named arguments" },
      }));
      continue;
    }
    const p = params[position++];
    if (!p) {
      ctx.report(diagnostic("XDC3006", a.span, `\`${fn}\` takes ${count(params.length)}, found more`, {
        label: "one argument too many",
        help: { message: "remove the extra arguments" },
      }));
      continue;
    }
    given.set(p.name, a);
    out.set(a, p);
  }
  // After a syntax error inside the call, a "missing" argument is one the parser dropped.
  const missing = ctx.brokenWithin(call.span) ? [] : params.filter((p) => p.required && !given.has(p.name));
  for (const p of missing) {
    const last = call.args[call.args.length - 1];
    const edit = last
      ? { span: endOf(last.span), newText: `, ${p.name}: …`, applicability: "has-placeholders" as const }
      : undefined;
    ctx.report(diagnostic("XDC3005", call.span, `missing argument \`${p.name}\` in the call to \`${fn}\``, {
      label: `\`${p.name}\` (${show(p.type)}) has no default`,
      help: { message: `add \`${p.name}: …\``, ...(edit ? { edit } : {}) },
    }));
  }
  return out;
}

const count = (n: number) => (n === 0 ? "no arguments" : n === 1 ? "1 argument" : `${n} arguments`);

/** XDC4006 for faults applied and checks called where they do not belong. */
function place(ctx: Context, where: Where, call: A.Call, target: CallTarget): void {
  const rules = PLACES[where.place];
  const name = targetName(target);
  if (faultOf(target) && !rules.faults) {
    ctx.report(diagnostic("XDC4006", call.span, `fault \`${name}\` applied ${rules.name}`, {
      label: "faults are applied in `run`",
      notes: ["`setup`, `steady`, `verify` and `teardown` prepare and judge; faults belong on the `run` timeline or in a fault definition"],
    }));
  }
  if (target.kind === "definition" && target.definition.kind === "check" && !rules.checks) {
    ctx.report(diagnostic("XDC4006", call.span, `check \`${name}\` called ${rules.name}`, {
      label: "checks belong in `verify` and `steady`",
    }));
  }
}

/** What later rules need: `revert(f)` for XDC4002, calls between definitions for recursion. */
function track(ctx: Context, where: Where, call: A.Call, target: CallTarget): void {
  if (target.kind === "builtin") checkDistinct(ctx, where, target.builtin, ctx.callArgs.get(call) ?? new Map());
  if (target.kind === "builtin") checkOverRepeatsPlace(ctx, call, target.builtin);
  if (target.kind === "builtin" && target.builtin.name === "submit") {
    checkPrimaries(ctx, where, call);
    recordSubmit(ctx, where, call);
  }
  if (target.kind === "builtin" && target.builtin.name === "revert" && where.ledger) {
    const arg = call.args[0]?.value;
    const b = arg?.kind === "name" ? ctx.symbols.get(arg) : undefined;
    if (b) where.ledger.reverted.add(b);
  }
  if (target.kind === "definition" && where.definition) {
    const edges = ctx.callGraph.get(where.definition) ?? [];
    edges.push({ callee: target.definition, span: call.span });
    ctx.callGraph.set(where.definition, edges);
  }
}
