import { createTokenInstance, type IToken, type TokenType } from "chevrotain";
import type { AstBuilder } from "./builder.js";
import * as T from "./lexer.js";

/**
 * How deep brackets, prefix operators and postfix chains may nest. Every walk over the AST
 * (checker, interpreter, printer, language server) recurses into nested groups, so a bound
 * here is what keeps 400 `(` from exhausting the stack anywhere; real scenarios stay under
 * ten. Chains of binary operators are not nesting: every walk loops down them.
 */
export const MAX_NESTING = 128;

const OPEN: ReadonlySet<TokenType> = new Set([T.LParen, T.LBracket, T.LBrace]);
const CLOSE: ReadonlySet<TokenType> = new Set([T.RParen, T.RBracket, T.RBrace]);

/**
 * Replaces each bracketed group that starts deeper than MAX_NESTING by one TooDeep token
 * (which the grammar reads as an expression), or by its braces alone (an empty block or
 * record), reported once as XDC1011 at its opening bracket. A group left open runs to the end.
 */
export function flattenDeepGroups(tokens: IToken[], b: AstBuilder): IToken[] {
  let depth = 0;
  let out: IToken[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (CLOSE.has(t.tokenType)) depth = Math.max(0, depth - 1);
    else if (OPEN.has(t.tokenType) && ++depth > MAX_NESTING) {
      const end = groupEnd(tokens, i);
      const last = tokens[end]!;
      tooDeep(b, b.tokenSpan(t), `brackets nested more than ${MAX_NESTING} deep`);
      out ??= tokens.slice(0, i);
      if (t.tokenType === T.LBrace) {
        // Braces stay, empty: a block or a record, wherever the grammar expects one.
        out.push(t);
        if (last !== t && last.tokenType === T.RBrace) out.push(last);
      } else {
        const stop = last.startOffset + last.image.length;
        out.push(createTokenInstance(T.TooDeep, b.text.slice(t.startOffset, stop), t.startOffset, stop - 1, NaN, NaN, NaN, NaN));
      }
      depth--;
      i = end;
      continue;
    }
    out?.push(t);
  }
  return out ?? tokens;
}

/** The index of the bracket that closes the group opened at `start`, or the last token. */
function groupEnd(tokens: readonly IToken[], start: number): number {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const type = tokens[i]!.tokenType;
    if (OPEN.has(type)) depth++;
    else if (CLOSE.has(type) && --depth === 0) return i;
  }
  return tokens.length - 1;
}

export function tooDeep(b: AstBuilder, at: Parameters<AstBuilder["report"]>[1], what: string): void {
  b.report("XDC1011", at, "nested too deeply", {
    label: `${what}: xdc reads no further in here`,
    help: { message: "give the inner part a name with `let`, or write it flatter" },
  });
}
