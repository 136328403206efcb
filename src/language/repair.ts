import { createTokenInstance, EOF, type IToken, type TokenType } from "chevrotain";
import { AstBuilder } from "./builder.js";
import { diagnostic, excerpt, type Diagnostic } from "./diagnostics.js";
import { suggest } from "./did-you-mean.js";
import * as T from "./lexer.js";
import { probeParser } from "./parser.js";
import { LineMap, type Span } from "./span.js";

/**
 * One slip, one error. Chevrotain's recovery resynchronises on the next token it can use,
 * and from a mistake at one place reports several later ones. Before that, this tries the
 * small edits a person would make at the first error (retype a misspelt keyword, insert the
 * missing token, replace or remove the one that is wrong, remove a stray closing bracket),
 * re-reads the file after each with a parser that stops at its first error, and keeps the
 * edit that reads furthest. The edit becomes the diagnostic (with its fix), the edited
 * tokens go to the real parse, and the next error is repaired the same way. What the
 * parser expects is also found by reading: the tokens that, inserted at the error, are read
 * without an error there. Nothing here knows the grammar's rules, only its tokens.
 */

/** Repairs per file: past a few, the file is being written, not slipped on. */
const MAX_REPAIRS = 6;
/** An edit counts only if reading then gets this many tokens further than the error. */
const MIN_PROGRESS = 4;
/** Stray closing brackets are looked for among this many before the error. */
const STRAY_WINDOW = 8;

const CLOSERS: ReadonlyMap<TokenType, TokenType> = new Map([[T.RBrace, T.LBrace], [T.RParen, T.LParen], [T.RBracket, T.LBracket]]);
const OPENERS: ReadonlySet<TokenType> = new Set([T.LBrace, T.LParen, T.LBracket]);
const OPERATORS: ReadonlySet<TokenType> = new Set([
  T.EqEq, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater, T.Plus, T.Minus, T.Star, T.Slash, T.Dot, T.K.and, T.K.or, T.K.of, T.K.not,
]);
/** What may be inserted or put in place of a token: punctuation and keywords; a name or a literal would be made up. */
const EDIT_TYPES: readonly TokenType[] = [
  T.LBrace, T.RBrace, T.LParen, T.RParen, T.LBracket, T.RBracket, T.Comma, T.Colon, T.Semicolon, T.Equals,
  // Not the keywords that are or start a value (`true`, `await …`): inserting one makes up an operand.
  ...T.KEYWORDS.filter((w) => !["true", "false", "not", "await", "sample", "baseline"].includes(w)).map((w) => T.K[w]),
  T.EqEq, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater, T.Plus, T.Minus, T.Star, T.Slash, T.Dot,
];
/** What the expected list may name: the edit types and the literals. */
const EXPECTABLE: readonly TokenType[] = [...EDIT_TYPES, T.Identifier, T.StringLiteral, T.NumberLiteral];
const IMAGES: ReadonlyMap<TokenType, string> = new Map([
  [T.LBrace, "{"], [T.RBrace, "}"], [T.LParen, "("], [T.RParen, ")"], [T.LBracket, "["], [T.RBracket, "]"], [T.Comma, ","],
  [T.Colon, ":"], [T.Semicolon, ";"], [T.Equals, "="], [T.EqEq, "=="], [T.NotEq, "!="], [T.LessEq, "<="], [T.GreaterEq, ">="],
  [T.Less, "<"], [T.Greater, ">"], [T.Plus, "+"], [T.Minus, "-"], [T.Star, "*"], [T.Slash, "/"], [T.Dot, "."],
  [T.Identifier, "x"], [T.StringLiteral, '""'], [T.NumberLiteral, "1"],
  ...T.KEYWORDS.map((w) => [T.K[w], w] as const),
]);
const KEYWORD_LIST: readonly string[] = T.KEYWORDS;

type Edit = {
  readonly kind: "typo" | "compare" | "else" | "let" | "keyword-name" | "insert" | "replace" | "delete" | "stray";
  readonly tokens: IToken[];
  /** Index of the edited token in the original stream. */
  readonly at: number;
  /** Tokens added (positive) or removed (negative) at `at`. */
  readonly delta: number;
  readonly type?: TokenType;
};
const PRIORITY: Record<Edit["kind"], number> = { typo: 0, compare: 1, else: 2, let: 3, "keyword-name": 4, insert: 5, replace: 6, delete: 7, stray: 8 };

/**
 * Between edits that read as far: one that makes up a keyword (`1 = 0` read as `1 expect 0`)
 * or an empty group (`f())` read as `f()()`) is a worse guess than one that removes a token.
 */
const madeUp = (e: Edit, tokens: readonly IToken[]): number =>
  (e.kind === "insert" || e.kind === "replace") && e.type !== undefined &&
  (T.KEYWORDS.includes(IMAGES.get(e.type) as T.Keyword) || (OPENERS.has(e.type) && CLOSERS.has(tokens[e.at + (e.kind === "replace" ? 1 : 0)]?.tokenType as TokenType)))
    ? 1
    : 0;

export interface Repaired {
  readonly tokens: IToken[];
  readonly diagnostics: Diagnostic[];
}

export function repair(tokens: IToken[], text: string, file: string): Repaired {
  // Every probe that fails throws Chevrotain's exception: its stack trace is most of the cost.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return repairAll(tokens, text, file);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const OPERAND_END: ReadonlySet<TokenType> = new Set([T.RParen, T.RBracket, T.Identifier, T.NumberLiteral, T.StringLiteral]);
const OPERAND_START: ReadonlySet<TokenType> = new Set([T.Identifier, T.NumberLiteral, T.StringLiteral]);

/**
 * A misspelt keyword between two parts of one statement reads, without an error, as a
 * statement of its own (`await healthy(app) wihin 2m` is three: the await, `wihin`, `2m`).
 * A name straight after an operand on the same line, and close to a keyword, is taken for
 * that keyword when the file then reads cleanly.
 */
export function misspeltKeywords(tokens: IToken[], text: string, file: string): Repaired | undefined {
  let current = tokens;
  const out: Diagnostic[] = [];
  const b = new AstBuilder(text, file);
  const probe = new Prober(text, file);
  for (let i = 1; i + 1 < tokens.length; i++) {
    const w = tokens[i]!;
    if (w.tokenType !== T.Identifier) continue;
    const before = tokens[i - 1]!;
    const after = tokens[i + 1]!;
    if (w.tokenType !== T.Identifier || newlineBetween(text, w, after)) continue;
    // After an operand on its line (`… wihin 2m`), or first on its line before one (`wiat 1s`).
    const juxtaposed = newlineBetween(text, before, w) ? OPERAND_START.has(after.tokenType) : OPERAND_END.has(before.tokenType);
    if (!juxtaposed) continue;
    const s = suggest(w.image, KEYWORD_LIST);
    if (!s) continue;
    const type = T.K[s.best as T.Keyword];
    const next = splice(current, i, 1, retyped(w, type));
    if (probe.firstError(next) !== Infinity) continue;
    out.push(describe(b, current, i, { kind: "typo", tokens: next, at: i, delta: 0, type }, [], new Set(), text)!);
    current = next;
  }
  return out.length > 0 ? { tokens: current, diagnostics: out } : undefined;
}

function repairAll(tokens: IToken[], text: string, file: string): Repaired {
  const b = new AstBuilder(text, file);
  const probe = new Prober(text, file);
  const out: Diagnostic[] = [];
  /** Keywords already reported as used for a name: their other uses as that name are not reported again. */
  const keywordNames = new Set<string>();
  let current = tokens;
  let silent = 0;
  for (let n = 0; n - silent < MAX_REPAIRS && n < 3 * MAX_REPAIRS; n++) {
    const k = probe.firstError(current);
    if (k === Infinity) break;
    const from = itemStart(current, k);
    const accepted = EXPECTABLE.filter((type) => probe.firstError(splice(current, k, 0, synthetic(type, current, k)), from, k + 2) > k);
    // After an argument that is a name, `:` would make it the argument's name: not what was meant.
    const expected = accepted.includes(T.Comma) && current[k - 1]?.tokenType === T.Identifier ? accepted.filter((t) => t !== T.Colon) : accepted;
    const best = bestEdit(current, k, expected, probe, keywordNames, from);
    if (!best) break;
    const d = describe(b, current, k, best, expected, keywordNames, text);
    if (d) out.push(d);
    else silent++;
    current = best.kind === "keyword-name" ? asNames(best.tokens, current[k]!.image, k) : best.tokens;
  }
  return { tokens: current, diagnostics: out };
}

function bestEdit(tokens: IToken[], k: number, expected: readonly TokenType[], probe: Prober, keywordNames: ReadonlySet<string>, from: number): Edit | undefined {
  const edits: Edit[] = [];
  const t = tokens[k];
  const add = (kind: Edit["kind"], at: number, remove: number, insert: IToken[], type?: TokenType) =>
    edits.push({ kind, tokens: splice(tokens, at, remove, ...insert), at, delta: insert.length - remove, ...(type ? { type } : {}) });
  // A misspelt keyword, where the error is or earlier on its line (`seutp {` fails at the `{`,
  // `awiat healthy(app) within 2m` at `within`).
  for (let j = k; j >= Math.max(from, k - 12); j--) {
    const w = tokens[j];
    if (j < k - 1 && w && tokens[k] && newlineBetween(probe.text, w, tokens[k]!)) break;
    if (w?.tokenType !== T.Identifier) continue;
    const s = suggest(w.image, KEYWORD_LIST);
    if (s && s.best !== w.image) add("typo", j, 1, [retyped(w, T.K[s.best as T.Keyword])], T.K[s.best as T.Keyword]);
  }
  if (t && tokens[k - 1]?.tokenType === T.K.else && t.tokenType !== T.StringLiteral) {
    const line = lineEnd(tokens, k, probe.text);
    const message = createTokenInstance(T.StringLiteral, JSON.stringify(textOf(tokens, k, line)), t.startOffset, NaN, NaN, NaN, NaN, NaN);
    message.isInsertedInRecovery = true;
    add("else", k, line - k + 1, [message]);
  }
  // `name = …` starting a line is a `let` without its keyword; elsewhere `=` is a comparison's `==` (below).
  const startsLine = (i: number) => i === 0 || (tokens[i - 1] !== undefined && tokens[i] !== undefined && newlineBetween(probe.text, tokens[i - 1]!, tokens[i]!));
  const missingLet = t?.tokenType === T.Equals && tokens[k - 1]?.tokenType === T.Identifier && startsLine(k - 1);
  if (missingLet) add("let", k - 1, 0, [synthetic(T.K.let, tokens, k - 1)]);
  if (t && T.KEYWORDS.includes(t.image as T.Keyword) && (expected.includes(T.Identifier) || keywordNames.has(t.image))) {
    add("keyword-name", k, 1, [retyped(t, T.Identifier)]);
  }
  for (const type of expected) {
    if (!EDIT_TYPES.includes(type) || OPERATORS.has(type)) continue;
    add("insert", k, 0, [synthetic(type, tokens, k)], type);
    if (t) add("replace", k, 1, [synthetic(type, tokens, k)], type);
  }
  if (t?.tokenType === T.Equals && !missingLet) add("compare", k, 1, [synthetic(T.EqEq, tokens, k)], T.EqEq);
  if (t) add("delete", k, 1, []);
  for (let j = k - 1, seen = 0; j >= from && seen < STRAY_WINDOW; j--) {
    if (!CLOSERS.has(tokens[j]!.tokenType)) continue;
    seen++;
    add("stray", j, 1, []);
  }
  let best: { edit: Edit; reach: number; rank: number } | undefined;
  for (const edit of edits) {
    const raw = probe.firstError(edit.tokens, Math.min(from, edit.at), k + WINDOW + Math.max(0, edit.delta));
    const reach = raw === Infinity ? Infinity : raw - edit.delta;
    if (reach < k + MIN_PROGRESS) continue;
    const rank = madeUp(edit, tokens) * 100 + PRIORITY[edit.kind];
    if (!best || reach > best.reach || (reach === best.reach && rank < best.rank)) best = { edit, reach, rank };
  }
  return best?.edit;
}

/** The diagnostic for an edit, or none when the error it repairs was already reported. */
function describe(b: AstBuilder, tokens: IToken[], k: number, edit: Edit, expected: readonly TokenType[], keywordNames: Set<string>, text: string): Diagnostic | undefined {
  const t = tokens[k];
  const before = tokens[k - 1];
  // A string left open swallowed the rest of its line: XDC1002 says so, and this is that.
  if (before?.tokenType === T.UnterminatedString) return undefined;
  const here: Span = t ? b.tokenSpan(t) : endOf(b, before);
  const found = t ? `\`${excerpt(t.image)}\`` : "end of file";
  const list = expectedList(expected);
  switch (edit.kind) {
    case "typo": {
      const w = tokens[edit.at]!;
      const kw = IMAGES.get(edit.type!)!;
      const s = b.tokenSpan(w);
      return diagnostic("XDC1001", s, `unknown keyword \`${excerpt(w.image)}\``, {
        label: `did you mean \`${kw}\`?`,
        help: { message: `write \`${kw}\``, edit: { span: s, newText: kw, applicability: "maybe-incorrect" } },
      });
    }
    case "else": {
      const last = tokens[lineEnd(tokens, k, text)]!;
      const s = b.spanAt(t!.startOffset, last.startOffset + last.image.length);
      const quoted = JSON.stringify(text.slice(t!.startOffset, last.startOffset + last.image.length));
      return diagnostic("XDC1001", s, "the message after `else` is not a string", {
        label: "write the message between quotes",
        help: { message: `write \`${excerpt(quoted, 48)}\``, edit: { span: s, newText: quoted, applicability: "machine-applicable" } },
      });
    }
    case "let": {
      const name = tokens[k - 1]!;
      const s = b.tokenSpan(name);
      return diagnostic("XDC1001", here, "unexpected `=`", {
        label: "a name gets its value with `let`",
        help: { message: `write \`let ${name.image} = …\``, edit: { span: b.spanAt(s.start.offset, s.start.offset), newText: "let ", applicability: "maybe-incorrect" } },
      });
    }
    case "keyword-name": {
      if (keywordNames.has(t!.image)) return undefined;
      keywordNames.add(t!.image);
      return diagnostic("XDC1001", here, `\`${t!.image}\` is a keyword, not a name`, {
        label: "keywords are reserved",
        help: { message: `choose another name, such as \`${t!.image}_\`` },
      });
    }
    case "stray": {
      const c = tokens[edit.at]!;
      return diagnostic("XDC1001", b.tokenSpan(c), `unexpected \`${c.image}\``, {
        label: `this \`${c.image}\` closes nothing`,
        help: { message: "remove it", edit: { span: b.tokenSpan(c), newText: "", applicability: "maybe-incorrect" } },
      });
    }
    case "compare":
        return diagnostic("XDC1001", here, "`=` where a comparison belongs", {
          label: "`=` gives a name its value; `==` compares",
          help: { message: "write `==`", edit: { span: here, newText: "==", applicability: "maybe-incorrect" } },
        });
    case "replace":
      return diagnostic("XDC1001", here, `unexpected ${found}`, { label: list ?? "not expected here", help: { message: `write \`${IMAGES.get(edit.type!)}\`` } });
    case "delete":
      return diagnostic("XDC1001", here, `unexpected ${found}`, {
        label: list ?? "not expected here",
        help: { message: "remove it", edit: { span: here, newText: "", applicability: "maybe-incorrect" } },
      });
    case "insert": {
      const opens = CLOSERS.get(edit.type!);
      const opener = opens ? openerOf(tokens, k, opens) : undefined;
      return diagnostic("XDC1001", here, opener ? `\`${opener.image}\` is not closed` : `unexpected ${found}`, {
        label: list ?? `expected \`${IMAGES.get(edit.type!)}\``,
        ...(opener ? { labels: [{ span: b.tokenSpan(opener), message: `this \`${opener.image}\` is not closed` }] } : {}),
        help: { message: `insert \`${IMAGES.get(edit.type!)}\``, edit: { span: b.spanAt(here.start.offset, here.start.offset), newText: IMAGES.get(edit.type!)!, applicability: "maybe-incorrect" } },
      });
    }
  }
}

/** `expected `,` or `)``, from what was read at the error: operators that could continue an expression are left out. */
function expectedList(expected: readonly TokenType[]): string | undefined {
  const first = [T.Comma, T.Colon, T.Semicolon, T.RParen, T.RBracket, T.RBrace];
  const order = (t: TokenType) => (first.includes(t) ? first.indexOf(t) : first.length);
  const shown = expected.filter((t) => !OPERATORS.has(t) && t !== T.LParen && t !== T.LBracket).sort((a, b) => order(a) - order(b));
  const names = [...new Set(shown.map((t) => (t === T.Identifier ? "a name" : t === T.StringLiteral ? "a string" : t === T.NumberLiteral ? "a number" : `\`${IMAGES.get(t)}\``)))];
  if (names.length === 0 || names.length > 5) return undefined;
  return `expected ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`}`;
}

/** The bracket of type `open` that the closer expected at `k` would close. */
function openerOf(tokens: readonly IToken[], k: number, open: TokenType): IToken | undefined {
  const stack: IToken[] = [];
  for (let i = 0; i < k; i++) {
    const t = tokens[i]!;
    if (t.tokenType === T.LBrace || t.tokenType === T.LParen || t.tokenType === T.LBracket) stack.push(t);
    else if (CLOSERS.has(t.tokenType)) stack.pop();
  }
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.tokenType === open) return stack[i];
  return undefined;
}

/**
 * Reads token streams with the parser that stops at its first error. Only the top-level
 * item the error is in and a window after it are read: items are independent, and an edit
 * that reads the window through is as good as one that reads further.
 */
class Prober {
  private readonly lines: LineMap;
  constructor(
    readonly text: string,
    private readonly file: string,
  ) {
    this.lines = new LineMap(text);
  }

  /** The index of the first token read with an error, `tokens.length` at the end of the file, or Infinity when all reads well. */
  firstError(tokens: IToken[], from = 0, to = tokens.length): number {
    const window = from === 0 && to >= tokens.length ? tokens : tokens.slice(from, to);
    const b = new AstBuilder(this.text, this.file, this.lines);
    let errors;
    try {
      errors = probeParser().parseTokens(window, b).errors;
    } catch {
      return from - 1;
    }
    let at = Infinity;
    const e = errors[0];
    if (e) at = e.token.tokenType === EOF ? (to >= tokens.length ? tokens.length : Infinity) : window.indexOf(e.token);
    // The parser's own report of a missing `,` is an error too.
    const i = b.missingSeparator ? window.indexOf(b.missingSeparator) : -1;
    if (i >= 0 && i < at) at = i;
    if (at === Infinity) return Infinity;
    return from + (at < 0 ? window.length : at);
  }
}

const ITEM_STARTS: ReadonlySet<TokenType> = new Set([T.K.import, T.K.scenario, T.K.environment, T.K.fault, T.K.check, T.K.let]);

/** Where the top-level item holding token `k` starts: the last item keyword before it outside any bracket. */
function itemStart(tokens: readonly IToken[], k: number): number {
  let depth = 0;
  let start = 0;
  for (let i = 0; i < k && i < tokens.length; i++) {
    const t = tokens[i]!.tokenType;
    if (t === T.LBrace || t === T.LParen || t === T.LBracket) depth++;
    else if (CLOSERS.has(t)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ITEM_STARTS.has(t)) start = i;
  }
  return start;
}

/** Tokens after the error an edit is judged on. */
const WINDOW = 60;

/** Where a token is an operand and cannot start a statement: after these, or before `.` `,` `)` `]`. */
const OPERAND_AFTER: ReadonlySet<TokenType> = new Set([T.LParen, T.LBracket, T.Comma, T.Colon, T.Equals, ...OPERATORS]);
const OPERAND_BEFORE: ReadonlySet<TokenType> = new Set([T.Dot, T.Comma, T.RParen, T.RBracket]);

/**
 * After `let wait = …` was reported, the other uses of `wait` as a name are that one
 * mistake: read every later `wait` that stands where only an operand can as the name.
 */
function asNames(tokens: IToken[], word: string, k: number): IToken[] {
  return tokens.map((t, i) =>
    i > k && t.image === word && t.tokenType !== T.Identifier &&
    (OPERAND_AFTER.has(tokens[i - 1]!.tokenType) || OPERAND_BEFORE.has(tokens[i + 1]?.tokenType as TokenType))
      ? retyped(t, T.Identifier)
      : t);
}

/** The parser's report of a missing `,` between items (parser.ts `separator`), which reads on without a Chevrotain error. */
export const missingSeparator = (d: Diagnostic): boolean => d.code === "XDC1001" && d.label === "expected `,`";

const splice = (tokens: readonly IToken[], at: number, remove: number, ...insert: IToken[]): IToken[] => {
  const out = tokens.slice(0, at);
  out.push(...insert);
  for (let i = at + remove; i < tokens.length; i++) out.push(tokens[i]!);
  return out;
};

/** A token the repair made up: it has no place in the text, so spans fall back to the token before. */
function synthetic(type: TokenType, tokens: readonly IToken[], at: number): IToken {
  const next = tokens[at];
  const t = createTokenInstance(type, IMAGES.get(type) ?? "", next?.startOffset ?? NaN, NaN, NaN, NaN, NaN, NaN);
  t.isInsertedInRecovery = true;
  return t;
}

/**
 * The same place read as another token type: a misspelt keyword as the keyword (its image
 * too, which the parser's actions read), still spanning what was written.
 */
const retyped = (t: IToken, type: TokenType): IToken => ({
  ...t, tokenType: type, tokenTypeIdx: type.tokenTypeIdx!, endOffset: t.startOffset + t.image.length - 1, image: IMAGES.get(type) === "x" ? t.image : IMAGES.get(type) ?? t.image,
});

/** The index of the last token on the line of token `k`, before any closing bracket. */
function lineEnd(tokens: readonly IToken[], k: number, text: string): number {
  let i = k;
  for (;;) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (!next || CLOSERS.has(next.tokenType) || !Number.isInteger(next.startOffset) || text.slice(t.startOffset + t.image.length, next.startOffset).includes("\n")) return i;
    i++;
  }
}

const newlineBetween = (text: string, a: IToken, b: IToken) =>
  Number.isInteger(a.startOffset) && Number.isInteger(b.startOffset) && text.slice(a.startOffset, b.startOffset).includes("\n");

const textOf = (tokens: readonly IToken[], from: number, to: number) => tokens.slice(from, to + 1).map((t) => t.image).join(" ");

const endOf = (b: AstBuilder, t: IToken | undefined): Span => {
  const at = t && Number.isInteger(t.startOffset) ? t.startOffset + t.image.length : 0;
  return b.spanAt(at, at);
};
