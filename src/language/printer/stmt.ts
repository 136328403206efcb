import type { Body, Expr, Stmt } from "../ast.js";
import { assertNever } from "../diagnostics.js";
import type { PrintContext } from "./context.js";
import { group, indent, line, type Doc } from "./doc.js";
import { expr, exprNotBrace, ident, keywordThen } from "./expr.js";
import { braced } from "./lists.js";
import { leadingChar, PREC } from "./precedence.js";

/**
 * Statements, one per line. Line breaks mean nothing to the parser, so a statement that
 * starts with `(`, `[` or `-` would continue the one before it; such a statement gets a
 * leading `;`, the only semicolon the printer writes.
 */
const CONTINUES_PREVIOUS = new Set(["(", "[", "-"]);

export function stmt(ctx: PrintContext, s: Stmt, afterAnother: boolean): Doc {
  switch (s.kind) {
    case "let":
      return ["let ", ident(ctx, s.name), " = ", expr(ctx, s.value), forDuration(ctx, s.forDuration, s.value.span.end.offset)];
    case "expr": {
      const guard = afterAnother && CONTINUES_PREVIOUS.has(leadingChar(s.expr, PREC.await)) ? ";" : "";
      return [guard, expr(ctx, s.expr), forDuration(ctx, s.forDuration, s.expr.span.end.offset)];
    }
    case "at":
      return ["at ", expr(ctx, s.time), body(ctx, s.body)];
    case "after":
      return ["after ", expr(ctx, s.event), body(ctx, s.body)];
    case "every":
      return ["every ", expr(ctx, s.interval), forDuration(ctx, s.duration, s.interval.span.end.offset), " ", block(ctx, s.body)];
    case "parallel":
      return ["parallel ", block(ctx, s.body)];
    case "awaitStmt":
      return [expr(ctx, s.await), s.as !== undefined ? [" as ", ident(ctx, s.as)] : ""];
    case "wait":
      return ["wait ", expr(ctx, s.duration)];
    case "repeat":
      // A missing count is the checker's to report (XDC4004); the formatter keeps it missing.
      return ["repeat ", s.count.kind === "error" ? "" : [exprNotBrace(ctx, s.count), " "], block(ctx, s.body)];
    case "forEach":
      return ["for ", ident(ctx, s.name), " ", ctx.lead(ctx.takeBefore(s.inSpan.start.offset), "in"), " ", exprNotBrace(ctx, s.list), " ", block(ctx, s.body)];
    case "expect":
      // A long message is what usually overflows: it moves to the next line, not the condition's lists.
      return [
        "expect ",
        expr(ctx, s.condition),
        s.throughout !== undefined ? [" ", ctx.lead(ctx.takeBefore(s.throughout.span.start.offset), ["throughout", s.throughout.phase !== undefined ? ` ${s.throughout.phase}` : ""])] : "",
        s.message !== undefined ? group(indent([line, ctx.lead(ctx.takeBefore(ctx.skipTrivia(s.throughout?.span.end.offset ?? s.condition.span.end.offset)), ["else ", expr(ctx, s.message)])])) : "",
      ];
    default:
      return assertNever(s);
  }
}

/**
 * ` for D` after the expression that ends at `after`. A comment written before `for` stays
 * before it, and one between `for` and the duration stays there: the `for` keyword is the
 * first token after `after`.
 */
function forDuration(ctx: PrintContext, d: Expr | undefined, after: number): Doc {
  return d === undefined ? "" : keywordThen(ctx, "for", after, () => expr(ctx, d));
}

/** A braced statement list. */
export function block(ctx: PrintContext, b: Body): Doc {
  return braced(ctx, b.stmts, (st, i) => stmt(ctx, st, i > 0), { open: b.span.start.offset, close: b.span.end.offset - 1 });
}

/** The body of `at` and `after`, kept as written: `: statement` or a block. */
function body(ctx: PrintContext, b: Body): Doc {
  if (b.braced) return [" ", block(ctx, b)];
  const only = b.stmts[0];
  // `at 5s: ;` lowers to an empty unbraced body; writing it back keeps the AST as it was.
  if (only === undefined) return ": ;";
  return [": ", ctx.lead(ctx.takeBefore(only.span.start.offset), stmt(ctx, only, false))];
}
