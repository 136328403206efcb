import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { typeOf } from "./definitions.js";
import { diagnostic } from "./diagnostics.js";
import { expectType } from "./expr.js";
import { parse } from "./parse.js";
import { declare } from "./stmt.js";
import { show, type Type } from "./types.js";
import { formatValue, type Value } from "./values.js";

/** A scenario parameter as a run uses it: its value, as written, and whether `--set` gave it. */
export interface ScenarioParam {
  readonly name: string;
  /** The value, formatted as the language writes it (`800/s`). */
  readonly value: string;
  readonly set: boolean;
}

/**
 * `scenario "sweep" (rate: Rate = 500/s) { … }`: each parameter is a name in the scenario,
 * of its declared type, whose value is known before the run: the default, or what
 * `--set rate=800/s` gave (parsed and checked as the language's own literal, so `800` is
 * refused as a rate, with a fix). Problems with a `--set` value are reported at the
 * parameter, naming the option, since the value has no place in a file.
 */
export function declareScenarioParams(ctx: Context, where: Where, sc: A.Scenario, set: ReadonlyMap<string, string>): ScenarioParam[] {
  const out: ScenarioParam[] = [];
  for (const p of sc.params ?? []) {
    if (p.name.name === "") continue;
    const type = typeOf(ctx, p.type);
    const given = set.get(p.name.name);
    let value: Value | undefined;
    if (p.default) value = known(ctx, where, p.default, type, p, "its default");
    else if (given === undefined) {
      ctx.report(diagnostic("XDC3005", p.span, `scenario parameter \`${p.name.name}\` has no default`, {
        label: "a scenario runs without `--set`, so each parameter needs a value of its own",
        help: { message: `give it one: \`${p.name.name}: ${show(type)} = …\`` },
      }));
    }
    const override = given !== undefined ? fromCommandLine(ctx, where, p, type, given) : undefined;
    const overridden = override !== undefined;
    value = override ?? value;
    declare(ctx, where, p.name, type, value, "param");
    if (value !== undefined) out.push({ name: p.name.name, value: formatValue(value), set: given !== undefined && overridden });
  }
  return out;
}

/** The value of an expression that must be known before the run (XDC3013 otherwise). */
function known(ctx: Context, where: Where, e: A.Expr, type: Type, p: A.Param, what: string): Value | undefined {
  const t = expectType(ctx, where, e, type);
  const v = ctx.values.get(e);
  if (v === undefined && t.kind !== "error") {
    ctx.report(diagnostic("XDC3013", e.span, `${what} of \`${p.name.name}\` must be known before the run`, { label: "known only when the scenario runs" }));
  }
  return v;
}

const PREFIX = "let _ = ";

/**
 * A `--set NAME=TEXT` value: TEXT parsed as an expression of the language and checked against
 * the parameter's type. Its diagnostics, which would point into no file, are reported again
 * at the parameter, each naming the option.
 */
function fromCommandLine(ctx: Context, where: Where, p: A.Param, type: Type, text: string): Value | undefined {
  const option = `--set ${p.name.name}=${text}`;
  const parsed = parse(PREFIX + text, option);
  const item = parsed.value.items[0];
  const e = parsed.value.items.length === 1 && item?.kind === "let" && !item.forDuration ? item.value : undefined;
  const before = ctx.diagnostics.length;
  const v = e && parsed.diagnostics.length === 0 ? known(ctx, where, e, type, p, `\`${option}\``) : undefined;
  const found = [...parsed.diagnostics, ...ctx.diagnostics.splice(before)];
  if (e === undefined && found.length === 0) found.push(diagnostic("XDC1001", p.name.span, "not a value"));
  for (const d of found) {
    const help = d.help?.message;
    ctx.report(diagnostic(d.code, p.name.span, `\`${option}\`: ${d.message}`, {
      label: `the parameter \`${p.name.name}\` is ${show(type)}`,
      notes: d.notes,
      ...(help !== undefined ? { help: { message: help } } : {}),
    }));
  }
  return found.length === 0 ? v : undefined;
}
