import type { Definition, DcDecl, Item, Param, ScenarioMember, Setting, TypeRef } from "../ast.js";
import { assertNever } from "../diagnostics.js";
import type { PrintContext } from "./context.js";
import type { Doc } from "./doc.js";
import { expr, ident } from "./expr.js";
import { braced, delimited } from "./lists.js";
import { block, stmt } from "./stmt.js";

/** Top-level items and what they contain: scenarios, environments, definitions, imports. */
export function item(ctx: PrintContext, it: Item): Doc {
  switch (it.kind) {
    case "import":
      return ["import ", expr(ctx, it.path), it.alias !== undefined ? [" as ", ident(ctx, it.alias)] : ""];
    case "scenario":
      return ["scenario ", expr(ctx, it.name), it.params !== undefined ? [" ", paramList(ctx, it.name.span.end.offset, it.params)] : "", " ", braced(ctx, it.members, (m) => member(ctx, m), {
        open: ctx.skipTrivia(it.params !== undefined ? ctx.skipTrivia(paramsEnd(ctx, it.name.span.end.offset, it.params)) + 1 : it.name.span.end.offset),
        close: it.span.end.offset - 1,
      })];
    case "environment":
      return ["environment ", ident(ctx, it.name), " ", braced(ctx, it.members, (m) => (m.kind === "dc" ? dc(ctx, m) : setting(ctx, m)), {
        open: ctx.skipTrivia(it.name.span.end.offset),
        close: it.span.end.offset - 1,
      })];
    case "fault":
    case "check":
      return [it.kind, " ", ident(ctx, it.name), params(ctx, it), " ", block(ctx, it.body)];
    case "let":
      return stmt(ctx, it, false);
    default:
      return assertNever(it);
  }
}

function member(ctx: PrintContext, m: ScenarioMember): Doc {
  switch (m.kind) {
    case "setting":
      return setting(ctx, m);
    case "let":
      return stmt(ctx, m, false);
    case "block":
      return [m.phase, " ", block(ctx, m.body)];
    default:
      return assertNever(m);
  }
}

const setting = (ctx: PrintContext, s: Setting): Doc => [ident(ctx, s.key), ": ", expr(ctx, s.value)];

const dc = (ctx: PrintContext, d: DcDecl): Doc => [
  "dc ",
  ident(ctx, d.name),
  " ",
  braced(ctx, d.settings, (s) => setting(ctx, s), { open: ctx.skipTrivia(d.name.span.end.offset), close: d.span.end.offset - 1 }),
];

const params = (ctx: PrintContext, d: Definition): Doc => paramList(ctx, d.name.span.end.offset, d.params);

/** The offset of the `)` closing a parameter list that starts after `after`. */
function paramsEnd(ctx: PrintContext, after: number, ps: readonly Param[]): number {
  const open = ctx.skipTrivia(after);
  const last = ps[ps.length - 1];
  return last !== undefined ? ctx.skipTrivia(last.span.end.offset, ",") : ctx.skipTrivia(open + 1);
}

/** `(a: DC, b: DC = dc2)` of a definition or a scenario, its `(` the first token after `after`. */
function paramList(ctx: PrintContext, after: number, ps: readonly Param[]): Doc {
  const open = ctx.skipTrivia(after);
  return [ctx.flush(open), delimited(ctx, "(", ps, (p) => param(ctx, p), ")", paramsEnd(ctx, after, ps))];
}

const param = (ctx: PrintContext, p: Param): Doc => [
  // A parameter starts its own line when the list breaks: a comment before it goes above.
  ctx.flush(p.name.span.start.offset),
  ident(ctx, p.name),
  ": ",
  typeRef(ctx, p.type),
  p.default !== undefined ? [" = ", expr(ctx, p.default)] : "",
];

function typeRef(ctx: PrintContext, t: TypeRef): Doc {
  const comments = ctx.flush(t.span.start.offset);
  if (t.kind === "typeName") return [comments, t.name];
  return [comments, "[", typeRef(ctx, t.element), ctx.flush(t.span.end.offset - 1), "]"];
}
