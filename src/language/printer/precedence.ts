import type { BinaryOp, Expr } from "../ast.js";
import { assertNever } from "../diagnostics.js";
import { BINARY, NOT } from "../precedence.js";

/**
 * Binding strength of each expression form: the parser's binding powers for the operators
 * (language/precedence.ts), with `await` below them all and `-` and postfix forms above.
 * The printer adds parentheses exactly where a child binds more loosely than its place
 * requires.
 */
export const PREC = {
  await: 0,
  or: BINARY.or,
  and: BINARY.and,
  not: NOT,
  comparison: BINARY["=="],
  additive: BINARY["+"],
  multiplicative: BINARY["*"],
  negation: BINARY["*"] + 1,
  postfix: BINARY["*"] + 2,
} as const;

export function precedence(e: Expr): number {
  switch (e.kind) {
    case "await": case "sample": case "baseline":
      return PREC.await;
    case "binary":
      return BINARY[e.op];
    case "unary":
      return e.op === "not" ? PREC.not : PREC.negation;
    case "number": case "duration": case "rate": case "percent": case "bytes": case "string": case "bool":
    case "name": case "list": case "record": case "member": case "index": case "call": case "error":
      return PREC.postfix;
    default:
      return assertNever(e);
  }
}

/**
 * The weakest precedence each operand of `op` may have without parentheses. Chains are
 * left-associative, so the right operand must bind tighter; a comparison takes no
 * comparison on either side (`a < b < c` is not in the grammar).
 */
export function operandPrecedence(op: BinaryOp): { readonly left: number; readonly right: number } {
  const p = BINARY[op];
  if (p === PREC.comparison) return { left: PREC.additive, right: PREC.additive };
  // `and` takes `not` operands: `a and not b`.
  if (p === PREC.and) return { left: PREC.and, right: PREC.not };
  return { left: p, right: p + 1 };
}

/** The operand of a prefix operator: `not` takes a comparison, `-` a postfix expression or another `-`. */
export const unaryOperandPrecedence = (op: "-" | "not") => (op === "not" ? PREC.not : PREC.negation);

/**
 * The first character an expression prints as, when it matters: a statement that starts
 * with `(`, `[` or `-` would continue the previous one, and a `repeat` count that starts
 * with `{` would be read as the block.
 */
export function leadingChar(e: Expr, min: number): string {
  // A loop down the left edge, not recursion: a chain of thousands of `+` is that deep.
  for (let at = e, need = min; ; ) {
    if (precedence(at) < need) return "(";
    switch (at.kind) {
      case "binary":
        need = operandPrecedence(at.op).left;
        at = at.left;
        continue;
      case "unary":
        return at.op === "-" ? "-" : "n";
      case "call":
        need = PREC.postfix;
        at = at.callee;
        continue;
      case "member": case "index":
        need = PREC.postfix;
        at = at.object;
        continue;
      case "list":
        return "[";
      case "record":
        return "{";
      default:
        return "";
    }
  }
}
