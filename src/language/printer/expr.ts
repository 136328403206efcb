import type { Arg, Binary, Expr, Ident, RecordField, StringLit } from "../ast.js";
import { assertNever } from "../diagnostics.js";
import { decodeString, encodeString } from "../literals.js";
import type { PrintContext } from "./context.js";
import type { Doc } from "./doc.js";
import { delimited } from "./lists.js";
import { leadingChar, operandPrecedence, PREC, precedence, unaryOperandPrecedence } from "./precedence.js";

/**
 * Expressions: literals as written, spaces around binary operators, none before `(`,
 * `name: value` arguments, and parentheses only where precedence needs them. Each printer
 * first places the comments that come before its node, so comments inside expressions
 * keep their order among the tokens.
 */
export function expr(ctx: PrintContext, e: Expr, min: number = PREC.await): Doc {
  // Where parentheses are needed the source had them too, and the node's span starts
  // inside them: the comments before it go inside them. When the text starts with the
  // parenthesis of a node further down the left edge, that node takes them.
  const parens = precedence(e) < min;
  const comments = !parens && leadingChar(e, min) === "(" ? [] : ctx.takeBefore(e.span.start.offset);
  const body = ctx.lead(comments, exprBody(ctx, e));
  return parens ? ["(", body, ")"] : body;
}

/**
 * An expression that starts an item of a list (its own line when the list breaks): a
 * comment before it goes on the line above at the same indentation.
 */
export function itemExpr(ctx: PrintContext, e: Expr): Doc {
  return [ctx.flush(e.span.start.offset), expr(ctx, e)];
}

/** An expression that must not start with `{` (a `repeat` count, which a block would otherwise take). */
export function exprNotBrace(ctx: PrintContext, e: Expr): Doc {
  return leadingChar(e, PREC.await) === "{" ? ["(", expr(ctx, e), ")"] : expr(ctx, e);
}

export function ident(ctx: PrintContext, id: Ident): Doc {
  return ctx.lead(ctx.takeBefore(id.span.start.offset), id.name);
}

/** A string as written, unless what is written does not spell its value (then it is re-encoded). */
export function stringLiteral(raw: string | undefined, value: string): string {
  if (raw !== undefined && raw.length >= 2 && raw.endsWith('"')) {
    const decoded = decodeString(raw);
    if (decoded.badEscapes.length === 0 && decoded.value === value) return raw;
  }
  return encodeString(value);
}

function exprBody(ctx: PrintContext, e: Expr): Doc {
  switch (e.kind) {
    case "number": case "duration": case "rate": case "percent": case "bytes":
      return e.raw;
    case "string":
      return str(e);
    case "bool":
      return e.value ? "true" : "false";
    case "name":
      return e.name;
    case "list":
      return delimited(ctx, "[", e.items, (item) => itemExpr(ctx, item), "]", e.span.end.offset - 1);
    case "record":
      return delimited(ctx, "{", e.fields, (f) => field(ctx, f), "}", e.span.end.offset - 1);
    case "member":
      return [expr(ctx, e.object, PREC.postfix), ".", ident(ctx, e.name)];
    case "index":
      return [expr(ctx, e.object, PREC.postfix), "[", expr(ctx, e.index), ctx.flush(e.span.end.offset - 1), "]"];
    case "call":
      return [expr(ctx, e.callee, PREC.postfix), delimited(ctx, "(", e.args, (a) => arg(ctx, a), ")", e.span.end.offset - 1)];
    case "unary":
      return [e.op === "not" ? "not " : "-", expr(ctx, e.operand, unaryOperandPrecedence(e.op))];
    case "binary":
      return binaryChain(ctx, e);
    case "await":
      return ["await ", expr(ctx, e.target, PREC.or), e.within !== undefined ? keywordThen(ctx, "within", e.target.span.end.offset, () => expr(ctx, e.within!, PREC.or)) : ""];
    case "sample":
      return ["sample ", expr(ctx, e.measure, PREC.or), keywordThen(ctx, "every", e.measure.span.end.offset, () => expr(ctx, e.every, PREC.or))];
    case "baseline":
      return ["baseline ", expr(ctx, e.measure, PREC.or)];
    case "error":
      throw new Error("xdc bug: the formatter was given a file with syntax errors");
    default:
      return assertNever(e);
  }
}

/**
 * A binary expression and the chain down its left side, printed by a loop into one flat
 * list: `1ms + 1ms + …` with thousands of terms is a tree that deep. Where a left operand
 * binds more loosely than its place (`(a < b) < c`), its parentheses open at the front,
 * since it starts where the whole does, and close after it. The inner nodes start where the
 * outer one does, so the comments before them were already placed.
 */
function binaryChain(ctx: PrintContext, e: Binary): Doc {
  const spine: Binary[] = [e];
  let left: Expr = e.left;
  while (left.kind === "binary") {
    spine.push(left);
    left = left.left;
  }
  /** Whether spine[i], the left operand of spine[i - 1], needs parentheses. */
  const parens = spine.map((b, i) => i > 0 && precedence(b) < operandPrecedence(spine[i - 1]!.op).left);
  const out: Doc[] = parens.filter(Boolean).map(() => "(");
  // Comments before a parenthesized chain go inside its parentheses, as `expr` places them.
  const comments = out.length > 0 ? ctx.takeBefore(left.span.start.offset) : [];
  out.push(ctx.lead(comments, expr(ctx, left, operandPrecedence(spine[spine.length - 1]!.op).left)));
  for (let i = spine.length - 1; i >= 0; i--) {
    const b = spine[i]!;
    // A comment before the operator stays before it (`1 /* a */ + 2`), one after it after it.
    out.push(" ", ctx.lead(ctx.takeBefore(b.opSpan.start.offset), `${b.op} `), expr(ctx, b.right, operandPrecedence(b.op).right));
    if (parens[i]) out.push(")");
  }
  return out;
}

export const str = (s: StringLit): string => stringLiteral(s.raw, s.value);

/**
 * ` KEYWORD rest`, the keyword being the first token after `after`: a comment written before
 * the keyword stays before it, one after it stays after it (in `rest`).
 */
export function keywordThen(ctx: PrintContext, keyword: string, after: number, rest: () => Doc): Doc {
  // Comments are taken in source order: those before the keyword first, then the rest's own.
  // An operand's span ends before the parentheses around it: the keyword is past them.
  const before = ctx.takeBefore(ctx.skipTrivia(after, ")"));
  return [" ", ctx.lead(before, [keyword, " ", rest()])];
}

function arg(ctx: PrintContext, a: Arg): Doc {
  if (a.name === undefined) return itemExpr(ctx, a.value);
  return [ctx.flush(a.name.span.start.offset), ident(ctx, a.name), ": ", expr(ctx, a.value)];
}

function field(ctx: PrintContext, f: RecordField): Doc {
  const key = f.quoted ? stringLiteral(ctx.sourceOf(f.name.span), f.name.name) : f.name.name;
  return [ctx.flush(f.name.span.start.offset), key, ": ", expr(ctx, f.value)];
}
