import type { ParamRule } from "../builtins/builtin.js";
import { SCHEMA_TYPES } from "../builtins/data.js";
import { parseAttributeType } from "../data/schema.js";
import type * as A from "./ast.js";
import type { Context } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { suggest } from "./did-you-mean.js";
import { encodeString } from "./literals.js";
import type { Span } from "./span.js";
import type { Type } from "./types.js";
import { formatQuantity, type Value } from "./values.js";

/** The checks on an argument beyond its type: a parameter's rule, or the words a choice allows. */
export type Rule = ParamRule | { readonly kind: "choice"; readonly values: readonly string[] };

export function checkRule(ctx: Context, rule: Rule, param: string, e: A.Expr, t: Type): void {
  switch (rule.kind) {
    case "direction":
      return direction(ctx, rule.direction, e, t);
    case "range":
      return range(ctx, rule, param, e);
    case "choice":
      return choice(ctx, rule.values, param, e);
    case "schema":
      return schema(ctx, e);
    case "text":
      return text(ctx, param, e);
    case "known":
      return known(ctx, param, e, t);
    case "file":
      return; // call.ts: checked with the call's other arguments (file-rules.ts)
    case "tuple":
      return tupleCondition(ctx, param, e);
  }
}

/** The names a tuple condition reads its tuples by: the output at the sink, and the input with the same key. */
export const TUPLE_NAMES = ["out", "in"] as const;

/** XDC3013: a tuple condition is judged as tuples arrive, long before its statement runs: only `out`, `in` and known values. */
function tupleCondition(ctx: Context, param: string, e: A.Expr): void {
  const visit = (x: A.Expr): void => {
    if (ctx.values.get(x) !== undefined) return;
    switch (x.kind) {
      case "name":
        if ((TUPLE_NAMES as readonly string[]).includes(x.name)) return;
        return report(x, `\`${x.name}\` is known only when the scenario runs`);
      case "member":
        return visit(x.object);
      case "index":
        visit(x.object);
        return visit(x.index);
      case "unary":
        return visit(x.operand);
      case "binary":
        visit(x.left);
        return visit(x.right);
      case "error":
        return;
      default:
        // Literals are known; a list or record of tuple fields has nothing to compare with.
        if (x.kind === "call" || x.kind === "await" || x.kind === "sample" || x.kind === "baseline" || x.kind === "list" || x.kind === "record") return report(x, `a ${x.kind} cannot be part of a condition on tuples`);
    }
  };
  const report = (x: A.Expr, label: string) =>
    ctx.report(diagnostic("XDC3013", x.span, `\`${param}\` reads only \`out\`, \`in\` and values known before the run`, {
      label,
      notes: ["the condition is judged on each tuple as it arrives, from the start of the scenario"],
      help: { message: "write the value itself here, or a `let` of the file's top level" },
    }));
  visit(e);
}

/** XDC3013: an empty string where text is needed; a string known only at run time is taken on trust. */
function text(ctx: Context, param: string, e: A.Expr): void {
  const v = ctx.values.get(e);
  if (v?.kind !== "string" || v.value.trim() !== "") return;
  ctx.report(diagnostic("XDC3013", e.span, `\`${param}\` must not be empty`, { label: "empty" }));
}

/** XDC3013: the call's type is computed from this argument, so it must be known before the run. */
function known(ctx: Context, param: string, e: A.Expr, t: Type): void {
  if (ctx.values.get(e) !== undefined || t.kind === "error") return;
  ctx.report(diagnostic("XDC3013", e.span, `\`${param}\` must be known before the run: the result's type depends on it`, {
    label: "known only when the scenario runs",
    help: { message: "write the value itself here, not a name bound to it" },
  }));
}

/** XDC3008: tuples go into sources (EndpointSource) and come out of sinks (EndpointSink). */
function direction(ctx: Context, wanted: "source" | "sink", e: A.Expr, t: Type): void {
  if (t.kind !== "entity" || t.name !== "Endpoint" || t.direction === undefined || t.direction === wanted) return;
  const message = wanted === "source" ? "cannot send tuples into a sink endpoint" : "cannot read tuples from a source endpoint";
  const alternatives = (wanted === "source" ? t.app?.sources : t.app?.sinks) ?? [];
  const first = alternatives[0];
  const help = first !== undefined && e.kind === "member"
    ? { message: `use a ${wanted} such as \`${first}\``, edit: { span: e.name.span, newText: first, applicability: "maybe-incorrect" as const } }
    : { message: `declare a ${wanted} endpoint in \`${wanted}s:\` of \`application(…)\`` };
  ctx.report(diagnostic("XDC3008", e.span, message, {
    label: `this is a ${t.direction}`,
    ...(t.app ? { labels: [{ span: t.app.span, message: `declared among the ${t.direction}s here` }] } : {}),
    notes: ["`inject` sends into sources; `collect` and the checks read from sinks"],
    help,
  }));
}

function range(ctx: Context, rule: Extract<ParamRule, { kind: "range" }>, param: string, e: A.Expr): void {
  const v = ctx.values.get(e);
  if (v?.kind !== "quantity") return;
  const show = (n: number) => formatQuantity(v.unit, n);
  let bound: string | undefined;
  if (rule.whole === true && !Number.isInteger(v.value)) {
    bound = "a whole number";
  } else if (rule.min !== undefined && (v.value < rule.min || (rule.minExclusive === true && v.value === rule.min))) {
    bound = rule.minExclusive === true ? `more than ${show(rule.min)}` : `at least ${show(rule.min)}`;
  } else if (rule.max !== undefined && v.value > rule.max) {
    bound = `at most ${show(rule.max)}`;
  }
  if (bound === undefined) return;
  ctx.report(diagnostic("XDC3013", e.span, `\`${param}\` must be ${bound}, found ${show(v.value)}`, { label: "out of range" }));
}

function choice(ctx: Context, values: readonly string[], param: string, e: A.Expr): void {
  const v = ctx.values.get(e);
  if (v?.kind !== "string" || values.includes(v.value)) return;
  const s = suggest(v.value, values);
  const allowed = values.map((x) => `"${x}"`).join(", ");
  ctx.report(diagnostic("XDC3013", e.span, `\`${param}\` must be one of ${allowed}, found ${encodeString(v.value)}`, {
    label: "not one of the allowed words",
    ...(s ? { help: { message: `did you mean \`"${s.best}"\`?`, edit: { span: e.span, newText: encodeString(s.best), applicability: "maybe-incorrect" } } } : {}),
  }));
}

/**
 * XDC3014: a schema maps attribute names to SPL type names written as strings (scalars, or
 * `"enum{a, b}"`), or to nested records of the same kind.
 */
function schema(ctx: Context, e: A.Expr, prefix = ""): void {
  if (e.kind === "record") {
    for (const f of e.fields) {
      if (f.value.kind === "record") schema(ctx, f.value, `${prefix}${f.name.name}.`);
      else attributeType(ctx, prefix + f.name.name, f.value.span, ctx.values.get(f.value), f.value);
    }
    return;
  }
  const v = ctx.values.get(e);
  if (v?.kind === "record") recordValue(ctx, e.span, v, prefix);
}

function recordValue(ctx: Context, at: Span, v: Extract<Value, { kind: "record" }>, prefix: string): void {
  for (const f of v.fields) {
    if (f.value.kind === "record") recordValue(ctx, at, f.value, `${prefix}${f.name}.`);
    else attributeType(ctx, prefix + f.name, at, f.value, undefined);
  }
}

function attributeType(ctx: Context, attribute: string, at: Span, v: Value | undefined, literal: A.Expr | undefined): void {
  const known = Object.keys(SCHEMA_TYPES);
  const notes = [`attribute types: ${known.join(", ")}, "enum{a, b, …}", or a nested record of attributes`];
  if (v?.kind === "string") {
    const parsed = parseAttributeType(v.value);
    if (!("problem" in parsed)) return;
    if (v.value.trim().startsWith("enum")) {
      ctx.report(diagnostic("XDC3014", at, `${parsed.problem} in the type of \`${attribute}\``, { label: "not an enumeration xdc can generate", notes }));
      return;
    }
    const s = suggest(v.value, known);
    ctx.report(diagnostic("XDC3014", at, `unknown attribute type ${encodeString(v.value)} for \`${attribute}\``, {
      label: "not an SPL type xdc can generate",
      notes,
      ...(s && literal?.kind === "string" ? { help: { message: `did you mean \`"${s.best}"\`?`, edit: { span: at, newText: encodeString(s.best), applicability: "maybe-incorrect" } } } : {}),
    }));
    return;
  }
  // A string not known before the run is taken on trust; anything else is not a type name.
  const t = literal ? ctx.types.get(literal) : undefined;
  if (t?.kind === "error" || (t?.kind === "scalar" && t.name === "String") || (v === undefined && literal === undefined)) return;
  ctx.report(diagnostic("XDC3014", at, `the type of attribute \`${attribute}\` is not a type name`, {
    label: "expected a string such as \"int64\", or a record",
    notes,
  }));
}
