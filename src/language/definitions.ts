import type * as A from "./ast.js";
import { compact } from "./compact.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { expectType } from "./expr.js";
import { again, didYouMean } from "./problems.js";
import type { UserDefinition, UserParam } from "./program.js";
import type { Scope } from "./scope.js";
import { checkBody, declare } from "./stmt.js";
import { T, TYPE_NAMES, type Type } from "./types.js";

/** A definition's signature, read before any body so that definitions may call each other in any order. */
export function declareDefinition(ctx: Context, def: A.Definition, file: string): UserDefinition {
  const params: UserParam[] = [];
  for (const p of def.params) {
    if (p.name.name === "") continue;
    const first = params.find((x) => x.name === p.name.name);
    if (first) {
      ctx.report(again("XDC2003", p.name.span, `parameter \`${p.name.name}\` is declared twice`, first.span));
      continue;
    }
    params.push(compact<UserParam>({ name: p.name.name, type: typeOf(ctx, p.type), span: p.name.span, default: p.default }));
  }
  return compact<UserDefinition>({ kind: def.kind, name: def.name.name, node: def, file, params, doc: def.doc });
}

/** The type a parameter's annotation names (XDC2012 when it names none). */
export function typeOf(ctx: Context, ref: A.TypeRef): Type {
  if (ref.kind === "listType") return T.list(typeOf(ctx, ref.element));
  const t = TYPE_NAMES.get(ref.name);
  if (t) return t;
  if (ref.name !== "") {
    const hint = didYouMean(ref.span, ref.name, TYPE_NAMES.keys());
    ctx.report(diagnostic("XDC2012", ref.span, `unknown type \`${ref.name}\``, {
      label: "not a type xdc knows",
      notes: hint.help ? hint.notes : [`types: ${[...TYPE_NAMES.keys()].join(", ")}, and lists such as [DC]`],
      ...(hint.help ? { help: hint.help } : {}),
    }));
  }
  return T.error;
}

/** A definition's defaults and body, with its parameters in scope. */
export function checkDefinition(ctx: Context, moduleScope: Scope, def: UserDefinition): void {
  for (const p of def.params) {
    if (p.default) expectType(ctx, { scope: moduleScope, place: "module" }, p.default, p.type);
  }
  const where: Where = { scope: moduleScope.child(), place: def.kind, definition: def };
  ctx.scopes.push({ span: def.node.span, scope: where.scope });
  for (const p of def.node.params) {
    const param = def.params.find((x) => x.span === p.name.span);
    if (param) declare(ctx, where, p.name, param.type, undefined, "param");
  }
  checkBody(ctx, where, def.node.body);
}

/** XDC4004: definitions that call themselves, directly or through others, never end. */
export function reportRecursion(ctx: Context, defs: readonly UserDefinition[]): void {
  const reported = new Set<string>();
  for (const d of defs) {
    const path = cycleFrom(ctx, d);
    if (!path) continue;
    const key = [...new Set(path.map((e) => e.callee.name))].sort().join(" ");
    if (reported.has(key)) continue;
    reported.add(key);
    const chain = [d.name, ...path.map((e) => e.callee.name)].map((n) => `\`${n}\``).join(" → ");
    ctx.report(diagnostic("XDC4004", path[0]!.span, `\`${d.name}\` calls itself`, {
      label: path.length === 1 ? "a call to itself" : "this call leads back to it",
      notes: [`the calls go ${chain}, without end`],
    }));
  }
}

type Edge = { readonly callee: UserDefinition; readonly span: A.Expr["span"] };

function cycleFrom(ctx: Context, start: UserDefinition): Edge[] | undefined {
  const visited = new Set<UserDefinition>();
  const walk = (d: UserDefinition, path: Edge[]): Edge[] | undefined => {
    for (const e of ctx.callGraph.get(d) ?? []) {
      if (e.callee === start) return [...path, e];
      if (visited.has(e.callee)) continue;
      visited.add(e.callee);
      const found = walk(e.callee, [...path, e]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, []);
}
