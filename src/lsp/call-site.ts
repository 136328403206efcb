import type { IToken } from "chevrotain";
import { Colon, Comma, Dot, Identifier, LBrace, LBracket, LParen, RBrace, RBracket, RParen } from "../language/lexer.js";

/**
 * The call whose parentheses hold the cursor, read from tokens rather than the AST: while an
 * argument list is being typed it rarely parses, but it always lexes.
 */
export interface CallSite {
  /** `["partition"]`, or `["faults", "flap"]` for `faults.flap(`. */
  readonly callee: readonly string[];
  /** Which argument the cursor is in, counting from 0. */
  readonly index: number;
  /** Names of the named arguments written so far (before and after the cursor). */
  readonly named: readonly string[];
  /** How many arguments other than the cursor's are written without a name: they fill the first parameters. */
  readonly positional: number;
  /** The name of the argument the cursor is in, when it is written `name: …`. */
  readonly current?: string;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPEN = new Set([LParen, LBracket, LBrace]);
const CLOSE = new Set([RParen, RBracket, RBrace]);

/** The innermost call around the offset, or undefined outside any argument list. */
export function callSiteAt(tokens: readonly IToken[], offset: number): CallSite | undefined {
  let i = tokens.findIndex((t) => t.startOffset >= offset);
  if (i < 0) i = tokens.length;
  let depth = 0;
  let open = -1;
  for (let j = i - 1; j >= 0; j--) {
    const type = tokens[j]!.tokenType;
    if (CLOSE.has(type)) depth++;
    else if (OPEN.has(type)) {
      if (depth === 0) {
        if (type !== LParen) return undefined;
        open = j;
        break;
      }
      depth--;
    }
  }
  if (open < 1 || tokens[open - 1]!.tokenType !== Identifier) return undefined;
  const callee = [tokens[open - 1]!.image];
  if (open >= 3 && tokens[open - 2]!.tokenType === Dot && tokens[open - 3]!.tokenType === Identifier) callee.unshift(tokens[open - 3]!.image);

  // The arguments at depth 0, each as its tokens, up to the closing parenthesis (or the end).
  const args: IToken[][] = [[]];
  let index = 0;
  depth = 0;
  for (let j = open + 1; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (depth === 0 && CLOSE.has(t.tokenType)) break;
    if (depth === 0 && t.tokenType === Comma) {
      if (t.startOffset < offset) index++;
      args.push([]);
      continue;
    }
    if (OPEN.has(t.tokenType)) depth++;
    else if (CLOSE.has(t.tokenType)) depth--;
    args[args.length - 1]!.push(t);
  }
  // A keyword may name an argument too: `inject(…, for: 30s)`.
  const nameOf = (arg: readonly IToken[]) => (arg[0] && WORD.test(arg[0].image) && arg[1]?.tokenType === Colon ? arg[0].image : undefined);
  const named = args.flatMap((a) => nameOf(a) ?? []);
  const positional = args.filter((a, i) => i !== index && a.length > 0 && nameOf(a) === undefined).length;
  const mine = args[index] ?? [];
  const current = nameOf(mine) !== undefined && mine[1]!.startOffset < offset ? nameOf(mine) : undefined;
  return { callee, index, named, positional, ...(current !== undefined ? { current } : {}) };
}
