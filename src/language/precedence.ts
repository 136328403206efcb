import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import type { AstBuilder } from "./builder.js";
import { MAX_NESTING, tooDeep } from "./nesting.js";

/** An operand as the parser reads it: prefix operators, then the operand itself. */
export interface Operand {
  readonly prefixes: readonly IToken[];
  readonly expr: A.Expr;
}

/** Binding power of the binary operators; higher binds tighter. All are left-associative. */
export const BINARY: Readonly<Record<A.BinaryOp, number>> = {
  or: 1, and: 2,
  "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
  "+": 5, "-": 5, "*": 6, "/": 6, of: 6,
};
/** `not` sits between `and` and the comparisons: `not a == b` is `not (a == b)`. */
export const NOT = 3;

/**
 * Turns the flat `operand (op operand)*` list into a tree by precedence climbing.
 * `ops[i]` stands between `operands[i]` and `operands[i + 1]`.
 */
export function applyPrecedence(b: AstBuilder, operands: readonly Operand[], ops: readonly IToken[]): A.Expr {
  let i = 0;
  let depth = 0;
  const climb = (minPower: number, prefixStart: number): A.Expr => {
    // Only `not a == not b == …` nests here: each `not` opens a level, and a level is a
    // tree level every later walk recurses into.
    if (++depth > MAX_NESTING) return tooDeepRest();
    let left = prefixed(prefixStart);
    while (i < ops.length && BINARY[ops[i]!.image as A.BinaryOp] >= minPower) {
      const op = ops[i]!;
      const power = BINARY[op.image as A.BinaryOp];
      i++;
      const right = climb(power + 1, 0);
      left = {
        kind: "binary",
        span: b.spanAt(left.span.start.offset, Math.max(left.span.end.offset, right.span.end.offset)),
        op: op.image as A.BinaryOp,
        opSpan: b.tokenSpan(op, left.span),
        left,
        right,
      };
    }
    depth--;
    return left;
  };
  const tooDeepRest = (): A.Expr => {
    const start = operands[i]!.expr.span.start.offset;
    const s = b.spanAt(start, Math.max(start, operands[operands.length - 1]!.expr.span.end.offset));
    tooDeep(b, s, `more than ${MAX_NESTING} \`not\` operators nested`);
    i = ops.length;
    depth--;
    return { kind: "error", span: s };
  };
  const prefixed = (k: number): A.Expr => {
    const operand = operands[i]!;
    const prefix = operand.prefixes[k];
    if (!prefix) return operand.expr;
    const inner = prefix.image === "not" ? climb(NOT + 1, k + 1) : prefixed(k + 1);
    const start = Number.isInteger(prefix.startOffset) ? prefix.startOffset : inner.span.start.offset;
    return {
      kind: "unary",
      span: b.spanAt(start, Math.max(start, inner.span.end.offset)),
      op: prefix.image === "not" ? "not" : "-",
      operand: inner,
    };
  };
  return climb(0, 0);
}
