import { createToken, Lexer, type IToken, type TokenType } from "chevrotain";

/**
 * The tokens of .xdc. Keywords are reserved words (an identifier cannot be named `run`);
 * `dc` is contextual, so `fault kill_dc(dc: DC)` still works. A number and its unit are one
 * token (`30s`, `500/s`, `0.1%`, `64KB`): lower.ts classifies the suffix, so `10sec` becomes
 * one clear XDC1006 instead of a cascade of syntax errors.
 */

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/ });

/**
 * Keywords are not matched by patterns of their own: the lexer reads a name, and `lex` gives
 * it the keyword's type when its text is one (a table lookup instead of trying ~30 patterns
 * on every name, which was a fifth of parse time).
 */
const keyword = (word: string) => createToken({ name: word[0]!.toUpperCase() + word.slice(1), pattern: Lexer.NA });

export const KEYWORDS = [
  "import", "as", "scenario", "environment", "fault", "check", "let",
  "setup", "steady", "run", "verify", "teardown",
  "at", "after", "every", "for", "parallel", "await", "within", "wait", "repeat", "expect", "else",
  "true", "false", "and", "or", "not",
  "sample", "baseline", "throughout", "of",
] as const;
export type Keyword = (typeof KEYWORDS)[number];

export const K = Object.fromEntries(KEYWORDS.map((w) => [w, keyword(w)])) as Record<Keyword, TokenType>;

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v\u00a0\ufeff]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: "comments", line_breaks: true });
/** An unclosed `/*` runs to the end of the file; lower.ts reports XDC1004. */
export const UnterminatedComment = createToken({ name: "UnterminatedComment", pattern: /\/\*[\s\S]*/, group: "comments", line_breaks: true });

/**
 * `# text`: a comment in shell, Python and YAML, not in .xdc. Read as a comment so that its
 * words are not read as code; the builder reports it once (XDC1003) with the fix.
 */
export const HashComment = createToken({ name: "HashComment", pattern: /#[^\n\r]*/, group: "comments" });

/**
 * A string between quotes that are not `"`: pasted from a word processor (`“…”`, `‘…’`) or
 * written as in other languages (`'…'`). Read as the string it was meant to be, so that its
 * words are not read as code; the builder reports the quotes once (XDC1003) with the fix.
 */
export const LookalikeString = createToken({ name: "LookalikeString", pattern: /[\u201c\u201d][^\u201c\u201d"\n\r]*[\u201c\u201d]|[\u2018\u2019'][^\u2018\u2019'"\n\r]*[\u2018\u2019']/ });

export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/ });
/**
 * A string without its closing quote ends at the line's end; the builder reports XDC1002.
 */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*\\?/ });

/** Digits with optional `_` separators, fraction, exponent, and a unit suffix. */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?(?:%|\/[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*)?/,
});

const punct = (name: string, pattern: RegExp) => createToken({ name, pattern });
export const LBrace = punct("LBrace", /\{/);
export const RBrace = punct("RBrace", /\}/);
export const LParen = punct("LParen", /\(/);
export const RParen = punct("RParen", /\)/);
export const LBracket = punct("LBracket", /\[/);
export const RBracket = punct("RBracket", /\]/);
export const Comma = punct("Comma", /,/);
export const Colon = punct("Colon", /:/);
export const Semicolon = punct("Semicolon", /;/);
export const Dot = punct("Dot", /\./);
export const EqEq = punct("EqEq", /==/);
export const NotEq = punct("NotEq", /!=/);
export const LessEq = punct("LessEq", /<=/);
export const GreaterEq = punct("GreaterEq", />=/);
export const Less = punct("Less", /</);
export const Greater = punct("Greater", />/);
export const Equals = punct("Equals", /=/);
export const Plus = punct("Plus", /\+/);
export const Minus = punct("Minus", /-/);
export const Star = punct("Star", /\*/);
export const Slash = punct("Slash", /\//);

/**
 * Stands for a bracketed group nested deeper than the parser reads (parse.ts reports XDC1011
 * and puts this token in the group's place, so the rest of the file is read as usual).
 */
export const TooDeep = createToken({ name: "TooDeep", pattern: Lexer.NA });

export const allTokens: TokenType[] = [
  WhiteSpace, LineComment, BlockComment, UnterminatedComment, HashComment,
  LookalikeString, StringLiteral, UnterminatedString, NumberLiteral,
  ...KEYWORDS.map((w) => K[w]),
  Identifier,
  LBrace, RBrace, LParen, RParen, LBracket, RBracket, Comma, Colon, Semicolon, Dot,
  EqEq, NotEq, LessEq, GreaterEq, Less, Greater, Equals, Plus, Minus, Star, Slash, TooDeep,
];

/** Skips the token-definition checks at start-up; test/language/grammar-validation.test.ts runs them. */
export const lexerConfig = { positionTracking: "onlyOffset", ensureOptimizations: true } as const;
export const xdcLexer = new Lexer(allTokens, { ...lexerConfig, skipValidations: true });

export interface Lexed {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** Characters no token matches: offset and length. */
  readonly errors: readonly { offset: number; length: number }[];
}

const KEYWORD_TYPES = new Map<string, TokenType>(KEYWORDS.map((w) => [w, K[w]]));

export function lex(text: string): Lexed {
  const r = xdcLexer.tokenize(text);
  for (const t of r.tokens) {
    if (t.tokenType !== Identifier) continue;
    const kw = KEYWORD_TYPES.get(t.image);
    if (kw !== undefined) {
      t.tokenType = kw;
      t.tokenTypeIdx = kw.tokenTypeIdx!;
    }
  }
  return {
    tokens: r.tokens,
    comments: r.groups["comments"] ?? [],
    errors: r.errors.map((e) => ({ offset: e.offset, length: e.length })),
  };
}
