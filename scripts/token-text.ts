import type { TokenType } from "chevrotain";

/**
 * The text a token always matches, when its pattern is plain text (keywords, punctuation:
 * `/\{/` → `{`), else undefined. The EBNF writes such tokens as that text, and so do the
 * syntax diagrams.
 */
export function literalText(pattern: TokenType["PATTERN"]): string | undefined {
  if (!(pattern instanceof RegExp)) return undefined;
  if (!/^(?:[^\\^$.*+?()[\]{}|]|\\[^A-Za-z0-9])+$/.test(pattern.source)) return undefined;
  return pattern.source.replace(/\\(.)/g, "$1");
}
