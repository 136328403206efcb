import type * as A from "./ast.js";
import { checkCall } from "./call.js";
import type { Context, Where } from "./context.js";
import { assertNever, diagnostic } from "./diagnostics.js";
import { again, bareNumber, didYouMean, endOf, mismatch } from "./problems.js";
import { bindingType, reportUnknownName } from "./names.js";
import { PLACES } from "./placement.js";
import type { Binding } from "./program.js";
import { checkRule } from "./rules.js";
import { checkFailoverWithin } from "./toolkit-timing.js";
import { binary } from "./operators.js";
import {
  assignable, ENTITY_FIELDS, show, T, unitWanted, type FieldType, type Type,
} from "./types.js";
import { formatQuantity, quantity, type Value } from "./values.js";
import { checkBaseline, checkSample } from "./series.js";

/**
 * The type of an expression, recorded in the context with its value when known. `expected`
 * only sharpens messages (a datacenter was wanted, a list of durations was wanted); the
 * comparison against it is `expectType`'s job.
 */
export function checkExpr(ctx: Context, where: Where, e: A.Expr, expected?: Type): Type {
  switch (e.kind) {
    case "number":
      return ctx.typed(e, T.Number, quantity("Number", e.value));
    case "duration":
      return ctx.typed(e, T.Duration, quantity("Duration", e.ms));
    case "rate":
      return ctx.typed(e, T.Rate, quantity("Rate", e.perSecond));
    case "percent":
      return ctx.typed(e, T.Percent, quantity("Percent", e.value));
    case "bytes":
      return ctx.typed(e, T.Bytes, quantity("Bytes", e.bytes));
    case "string":
      return ctx.typed(e, T.String, { kind: "string", value: e.value });
    case "bool":
      return ctx.typed(e, T.Bool, { kind: "bool", value: e.value });
    case "name":
      return name(ctx, where, e, expected);
    case "list":
      return list(ctx, where, e, expected);
    case "record":
      return record(ctx, where, e, expected);
    case "member":
      return member(ctx, where, e);
    case "index":
      return index(ctx, where, e);
    case "call":
      return checkCall(ctx, where, e);
    case "unary":
      return unary(ctx, where, e);
    case "binary":
      return binary(ctx, where, e);
    case "await":
      return awaitExpr(ctx, where, e);
    case "sample":
      return checkSample(ctx, where, e);
    case "baseline":
      return checkBaseline(ctx, where, e);
    case "error":
      return ctx.typed(e, T.error);
    default:
      return assertNever(e);
  }
}

/**
 * Checks an expression where a value of type `expected` belongs. A bare number where a unit
 * belongs is XDC3001 with a fix; anything else that does not fit is XDC3002. Returns the
 * type the rest of the program should assume: the expected one after a mismatch, so one
 * mistake gives one diagnostic.
 */
export function expectType(ctx: Context, where: Where, e: A.Expr, expected: Type): Type {
  return conform(ctx, e, checkExpr(ctx, where, e, expected), expected);
}

/** `expectType` after the check: `e`, of type `t`, where `expected` belongs. */
export function conform(ctx: Context, e: A.Expr, t: Type, expected: Type): Type {
  if (assignable(t, expected)) return t;
  const unit = unitWanted(expected);
  if (t.kind === "scalar" && t.name === "Number" && unit !== undefined) ctx.report(bareNumber(e, unit));
  else ctx.report(mismatch(e.span, expected, t));
  return expected;
}

/** A duration that cannot be negative (`wait`, `at`, `within`, `for`), or must be positive (`every`): XDC3013. */
export function expectDuration(ctx: Context, where: Where, e: A.Expr, keyword: string, positive = false): void {
  const t = expectType(ctx, where, e, T.Duration);
  checkRule(ctx, { kind: "range", min: 0, minExclusive: positive }, keyword, e, t);
}

function name(ctx: Context, where: Where, e: A.Name, expected: Type | undefined): Type {
  const b = where.scope.lookup(e.name);
  if (!b) {
    reportUnknownName(ctx, where, e, expected);
    return ctx.typed(e, T.error);
  }
  ctx.symbols.set(e, b);
  ctx.used.add(b);
  const { type, value } = bindingType(b);
  // In `expect … throughout`, a series stands for each of its samples in turn, except where a series is wanted (`max(cpu)`).
  if (type.kind === "series" && where.pointwise && expected?.kind !== "series") {
    where.pointwise.add(b);
    return ctx.typed(e, type.element);
  }
  return ctx.typed(e, type, value);
}

function elementExpected(expected: Type | undefined): Type | undefined {
  if (expected?.kind === "list") return expected.element;
  if (expected?.kind === "oneOf") return expected.options.map(elementExpected).find((t) => t !== undefined);
  return undefined;
}

function list(ctx: Context, where: Where, e: A.ListExpr, expected: Type | undefined): Type {
  const wanted = elementExpected(expected);
  let element: Type | undefined;
  for (const item of e.items) {
    if (wanted) {
      expectType(ctx, where, item, wanted);
      element = wanted;
      continue;
    }
    const t = checkExpr(ctx, where, item);
    if (element === undefined || element.kind === "error") element = t;
    else if (!assignable(t, element) && !assignable(element, t)) {
      ctx.report(mismatch(item.span, element, t, [{ span: e.items[0]!.span, message: `the list starts with ${show(element)}` }]));
    }
  }
  const items = e.items.map((i) => ctx.values.get(i));
  const value: Value | undefined = items.every((v) => v !== undefined) ? { kind: "list", items: items as Value[] } : undefined;
  return ctx.typed(e, T.list(element ?? T.error), value);
}

/** The closed record type a record literal must be, when one is expected: its fields are typed as the literal is checked. */
function recordExpected(expected: Type | undefined): Extract<Type, { kind: "record" }> | undefined {
  if (expected?.kind === "record") return expected.open ? undefined : expected;
  if (expected?.kind === "oneOf") return expected.options.map(recordExpected).find((t) => t !== undefined);
  return undefined;
}

/**
 * A record literal. Where a closed record is expected, each field is checked against its
 * field's type (a bare number where a duration belongs is XDC3001, as for an argument), its
 * range and its words; a field an exact record does not have is XDC2005 with a did-you-mean.
 */
function record(ctx: Context, where: Where, e: A.RecordExpr, expected: Type | undefined): Type {
  const shape = recordExpected(expected);
  const fields: FieldType[] = [];
  const values: { name: string; value: Value }[] = [];
  const seen = new Map<string, A.RecordField>();
  for (const f of e.fields) {
    const want = shape?.fields.find((x) => x.name === f.name.name);
    if (shape?.exact === true && !want) {
      checkExpr(ctx, where, f.value);
      unknownField(ctx, f, shape, e);
      continue;
    }
    const t = want ? expectType(ctx, where, f.value, want.type) : checkExpr(ctx, where, f.value);
    if (want?.range) checkRule(ctx, { kind: "range", ...want.range }, f.name.name, f.value, t);
    if (want?.type.kind === "choice") checkRule(ctx, { kind: "choice", values: want.type.values }, f.name.name, f.value, t);
    const first = seen.get(f.name.name);
    if (first) {
      ctx.report(again("XDC2003", f.name.span, `field \`${f.name.name}\` is given twice`, first.name.span));
      continue;
    }
    seen.set(f.name.name, f);
    fields.push({ name: f.name.name, type: t });
    const v = ctx.values.get(f.value);
    if (v !== undefined) values.push({ name: f.name.name, value: v });
  }
  const value: Value | undefined = values.length === fields.length ? { kind: "record", fields: values } : undefined;
  return ctx.typed(e, T.record(fields), value);
}

function unknownField(ctx: Context, f: A.RecordField, shape: Extract<Type, { kind: "record" }>, e: A.RecordExpr): void {
  const given = new Set(e.fields.map((x) => x.name.name));
  const open = shape.fields.filter((x) => !given.has(x.name));
  // Spelling is not the only way to miss: `heartbeatExchangeInterval` means `heartbeat`.
  const squash = (n: string) => n.toLowerCase().replaceAll("_", "");
  const alias = open.find((x) => x.aliases?.some((a) => squash(a) === squash(f.name.name)));
  const hint = alias
    ? { help: { message: `did you mean \`${alias.name}\`?`, edit: { span: f.name.span, newText: alias.name, applicability: "maybe-incorrect" as const } }, notes: [] }
    : didYouMean(f.name.span, f.name.name, open.map((x) => x.name));
  const what = shape.name !== undefined ? `\`${shape.name}\`` : "this record";
  ctx.report(diagnostic("XDC2005", f.name.span, `${what} has no field \`${f.name.name}\``, {
    label: "unknown field",
    notes: hint.help ? hint.notes : [`its fields: ${shape.fields.map((x) => `\`${x.name}\``).join(", ")}`],
    ...(hint.help ? { help: hint.help } : {}),
  }));
}

function member(ctx: Context, where: Where, e: A.Member): Type {
  const field = e.name.name;
  if (e.object.kind === "name") {
    const b = where.scope.lookup(e.object.name);
    if (b?.kind === "module") return moduleMember(ctx, e, e.object, b);
  }
  const t = checkExpr(ctx, where, e.object);
  if (t.kind === "error" || field === "") return ctx.typed(e, T.error);
  if (t.kind === "entity" && t.name === "Application") return endpoint(ctx, e, t);
  const fields = t.kind === "record" ? t.fields : t.kind === "entity" ? ENTITY_FIELDS[t.name] : undefined;
  const found = fields?.find((f) => f.name === field);
  if (found) {
    const v = ctx.values.get(e.object);
    const fv = v?.kind === "record" ? v.fields.find((f) => f.name === field)?.value : undefined;
    return ctx.typed(e, found.type, fv);
  }
  if (t.kind === "record" && t.open) return ctx.typed(e, T.error);
  const hint = didYouMean(e.name.span, field, (fields ?? []).map((f) => f.name));
  const eventHelp = t.kind === "event" ? { message: "await the event first: `let x = await … within 60s`, then use `x." + field + "`" } : undefined;
  ctx.report(diagnostic("XDC2005", e.name.span, `${show(t)} has no field \`${field}\``, {
    label: "unknown field",
    notes: fields && fields.length > 0 && !hint.help ? [`its fields: ${fields.map((f) => `\`${f.name}\``).join(", ")}`, ...hint.notes] : [...hint.notes],
    ...(hint.help ? { help: hint.help } : eventHelp ? { help: eventHelp } : {}),
  }));
  return ctx.typed(e, T.error);
}

/** `alias.name` after `import "…" as alias`: a definition, environment or top-level `let` of that module. */
function moduleMember(ctx: Context, e: A.Member, object: A.Name, module: Extract<Binding, { kind: "module" }>): Type {
  ctx.symbols.set(object, module);
  ctx.used.add(module);
  ctx.typed(object, { kind: "namespace", name: module.name });
  const b = module.module.exports.get(e.name.name);
  if (!b) {
    if (e.name.name !== "") {
      const hint = didYouMean(e.name.span, e.name.name, module.module.exports.keys());
      ctx.report(diagnostic("XDC2001", e.name.span, `module \`${module.name}\` has no \`${e.name.name}\``, {
        label: "not defined in that module",
        notes: hint.notes,
        ...(hint.help ? { help: hint.help } : {}),
      }));
    }
    return ctx.typed(e, T.error);
  }
  ctx.symbols.set(e, b);
  ctx.used.add(b);
  const { type, value } = bindingType(b);
  return ctx.typed(e, type, value);
}

/** `app.Ingest`: an endpoint the scenario declared for the application (XDC2006 otherwise). */
function endpoint(ctx: Context, e: A.Member, t: Extract<Type, { kind: "entity" }>): Type {
  const app = t.app;
  const field = e.name.name;
  if (!app) return ctx.typed(e, T.Endpoint);
  if (app.sources?.includes(field)) return ctx.typed(e, T.endpoint("source", app));
  if (app.sinks?.includes(field)) return ctx.typed(e, T.endpoint("sink", app));
  if (app.sources === undefined || app.sinks === undefined) return ctx.typed(e, T.Endpoint);
  const declared = [...app.sources, ...app.sinks];
  const hint = didYouMean(e.name.span, field, declared);
  const listed = (xs: readonly string[]) => (xs.length === 0 ? "none" : xs.map((x) => `\`${x}\``).join(", "));
  ctx.report(diagnostic("XDC2006", e.name.span, `unknown endpoint \`${field}\``, {
    label: `not declared for ${app.name !== undefined ? `\`${app.name}\`` : "this application"}`,
    labels: [{ span: app.span, message: `declares sources ${listed(app.sources)} and sinks ${listed(app.sinks)}` }],
    notes: hint.notes,
    help: hint.help ?? { message: "declare it in `sources:` or `sinks:` of `application(…)`" },
  }));
  return ctx.typed(e, T.error);
}

function index(ctx: Context, where: Where, e: A.Index): Type {
  const t = checkExpr(ctx, where, e.object);
  if (t.kind === "list") {
    expectType(ctx, where, e.index, T.Number);
    const v = ctx.values.get(e.object);
    const i = ctx.values.get(e.index);
    const item = v?.kind === "list" && i?.kind === "quantity" ? v.items[i.value] : undefined;
    if (i?.kind === "quantity") indexRange(ctx, where, e, v?.kind === "list" ? v.items.length : hostCount(ctx, where, e.object), i.value);
    return ctx.typed(e, t.element, item);
  }
  checkExpr(ctx, where, e.index);
  if (t.kind === "error") return ctx.typed(e, T.error);
  ctx.report(diagnostic("XDC3002", e.object.span, `cannot index ${show(t)}`, { label: "only lists have items by position" }));
  return ctx.typed(e, T.error);
}

/** How many hosts `hosts(dc)` gives in the scenario's environment, when known before the run. */
export function hostCount(ctx: Context, where: Where, e: A.Expr): { count: number; dc: string } | undefined {
  if (e.kind !== "call" || where.environment === undefined || where.environment.unresolved) return undefined;
  const target = ctx.calls.get(e);
  if (target?.kind !== "builtin" || target.builtin.name !== "hosts") return undefined;
  const arg = ctx.callArgs.get(e)?.get("dc");
  const dc = arg ? ctx.values.get(arg) : undefined;
  if (dc?.kind !== "ref" || dc.what !== "dc") return undefined;
  const count = where.environment.dcs.find((d) => d.name === dc.name)?.hostCount;
  return count === undefined ? undefined : { count, dc: dc.name };
}

/** XDC3013: a known position outside a list of known length, or beyond the hosts of a datacenter. */
function indexRange(ctx: Context, where: Where, e: A.Index, length: number | { count: number; dc: string } | undefined, i: number): void {
  if (length === undefined) return;
  const n = typeof length === "number" ? length : length.count;
  if (Number.isInteger(i) && i >= 0 && i < n) return;
  const [what, noun] = typeof length === "number" ? ["the list", "item"] : [`\`${length.dc}\` in \`${where.environment?.name ?? "?"}\``, "host"];
  const has = n === 0 ? `has no ${noun}s` : `has ${n} ${noun}${n === 1 ? "" : "s"}, numbered from 0`;
  const declare = typeof length !== "number" && n === 0 && where.environment?.name !== "sim";
  ctx.report(diagnostic("XDC3013", e.index.span, `index ${formatQuantity("Number", i)} is out of range: ${what} ${has}`, {
    label: "out of range",
    ...(declare ? { notes: [`declare them with \`hosts: [host("…"), …]\` in \`dc ${(length as { dc: string }).dc}\``] } : {}),
    ...(n > 0 ? { help: { message: `use an index from 0 to ${n - 1}` } } : {}),
  }));
}

const NEGATABLE = new Set(["Number", "Duration", "Rate", "Percent", "Bytes"]);

function unary(ctx: Context, where: Where, e: A.Unary): Type {
  if (e.op === "not") {
    const t = expectType(ctx, where, e.operand, T.Bool);
    const v = ctx.values.get(e.operand);
    return ctx.typed(e, t, v?.kind === "bool" ? { kind: "bool", value: !v.value } : undefined);
  }
  const t = checkExpr(ctx, where, e.operand);
  if (t.kind === "error") return ctx.typed(e, t);
  if (t.kind !== "scalar" || !NEGATABLE.has(t.name)) {
    ctx.report(diagnostic("XDC3002", e.operand.span, `cannot negate ${show(t)}`, { label: `this is ${show(t)}` }));
    return ctx.typed(e, T.error);
  }
  const v = ctx.values.get(e.operand);
  return ctx.typed(e, t, v?.kind === "quantity" ? quantity(v.unit, -v.value) : undefined);
}

function awaitExpr(ctx: Context, where: Where, e: A.Await): Type {
  if (!PLACES[where.place].awaits) {
    ctx.report(diagnostic("XDC4006", e.span, `\`await\` ${PLACES[where.place].name}`, {
      label: "nothing runs here",
      notes: ["`await` waits while the scenario runs: use it in `setup`, `run`, `verify`, … or in a definition"],
    }));
  }
  const t = checkExpr(ctx, where, e.target);
  if (e.within) expectDuration(ctx, where, e.within, "within");
  else {
    ctx.report(diagnostic("XDC4001", e.span, "`await` has no time bound", {
      label: "this could wait forever",
      help: { message: "add `within 60s`", edit: { span: endOf(e.target.span), newText: " within 60s", applicability: "has-placeholders" } },
    }));
  }
  if (t.kind === "error") return ctx.typed(e, T.error);
  checkFailoverWithin(ctx, where, e);
  if (t.kind === "scalar" && t.name === "Bool") return ctx.typed(e, T.Time);
  if (t.kind === "event") return ctx.typed(e, t.payload);
  ctx.report(diagnostic("XDC3010", e.target.span, `cannot await ${show(t)}`, {
    label: `this is ${show(t)}`,
    help: t.kind === "scalar" && t.name === "Duration"
      ? { message: "to pause for a while, write `wait` and the duration" }
      : { message: "await a condition (such as `healthy(app, on: dc1)`) or an event (such as `failover(app, to: dc2)`)" },
  }));
  return ctx.typed(e, T.error);
}
