import { Lexer, type TokenType } from "chevrotain";
import { allTokens, K, KEYWORDS } from "../src/language/lexer.js";

/**
 * The text a token always matches, when its pattern is plain text (punctuation: `/\{/` → `{`),
 * else undefined. The EBNF writes such tokens as that text, and so do the syntax diagrams.
 */
export function literalText(pattern: TokenType["PATTERN"]): string | undefined {
  if (!(pattern instanceof RegExp)) return undefined;
  if (!/^(?:[^\\^$.*+?()[\]{}|]|\\[^A-Za-z0-9])+$/.test(pattern.source)) return undefined;
  return pattern.source.replace(/\\(.)/g, "$1");
}

/**
 * Token type name → the text it stands for: punctuation by its pattern, keywords by the
 * lexer's keyword table (the lexer reads a name, then gives a keyword its own type).
 */
export function tokenTexts(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const t of allTokens) {
    if (t.PATTERN === Lexer.NA) continue;
    const text = literalText(t.PATTERN);
    if (text !== undefined) texts.set(t.name, text);
  }
  for (const word of KEYWORDS) texts.set(K[word].name, word);
  return texts;
}

/** Tokens the lexer reads by a pattern of their own (not keywords, which have none). */
export const patternTokens = (): TokenType[] => allTokens.filter((t) => t.PATTERN !== Lexer.NA && literalText(t.PATTERN) === undefined);
