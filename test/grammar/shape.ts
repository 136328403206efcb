import type { ISerializedGast, TokenType } from "chevrotain";
import type { Ebnf } from "./ebnf.js";

/**
 * The structure of a grammar rule with the notation taken out, so that a Chevrotain rule and
 * an EBNF production can be compared: sequences and alternations are flattened, an
 * alternative that matches nothing becomes an option, and terminals are token type names.
 */
export type Shape =
  | { readonly k: "seq" | "alt"; readonly xs: readonly Shape[] }
  | { readonly k: "opt" | "star" | "plus"; readonly x: Shape }
  | { readonly k: "token" | "rule"; readonly name: string };

const EMPTY: Shape = { k: "seq", xs: [] };

function seq(xs: readonly Shape[]): Shape {
  const flat = xs.flatMap((x) => (x.k === "seq" ? x.xs : [x]));
  return flat.length === 1 ? flat[0]! : { k: "seq", xs: flat };
}

function alt(xs: readonly Shape[]): Shape {
  const flat = xs.flatMap((x) => (x.k === "alt" ? x.xs : [x]));
  const empty = flat.filter(isEmpty);
  const rest = flat.filter((x) => !isEmpty(x));
  const one = rest.length === 1 ? rest[0]! : rest.length === 0 ? EMPTY : { k: "alt" as const, xs: rest };
  return empty.length > 0 ? opt(one) : one;
}

function opt(x: Shape): Shape {
  return isEmpty(x) || x.k === "opt" || x.k === "star" ? x : { k: "opt", x };
}

const isEmpty = (x: Shape) => x.k === "seq" && x.xs.length === 0;

/** One line, EBNF-like, for messages that show both sides of a difference. */
export function showShape(s: Shape): string {
  switch (s.k) {
    case "seq":
      return s.xs.length === 0 ? "()" : s.xs.map((x) => (x.k === "alt" ? `( ${showShape(x)} )` : showShape(x))).join(" ");
    case "alt":
      return s.xs.map(showShape).join(" | ");
    case "opt":
    case "star":
    case "plus": {
      const inner = s.x.k === "token" || s.x.k === "rule" ? showShape(s.x) : `( ${showShape(s.x)} )`;
      return `${inner}${s.k === "opt" ? "?" : s.k === "star" ? "*" : "+"}`;
    }
    case "token":
      return s.name;
    case "rule":
      return s.name;
  }
}

// ── from Chevrotain ─────────────────────────────────────────────────────────

/** Serialized GAST nodes carry more than chevrotain's type declares: names and separators. */
type Gast = ISerializedGast & { readonly name?: string; readonly separator?: { readonly name: string } };

export function fromGast(g: Gast): Shape {
  const body = (defs: readonly Gast[] | undefined) => seq((defs ?? []).map(fromGast));
  const withSeparator = (x: Gast) => {
    const item = body(x.definition);
    return seq([item, { k: "star", x: seq([{ k: "token", name: x.separator?.name ?? "?" }, item]) }]);
  };
  const defs = g.definition;
  switch (g.type) {
    case "Rule":
    case "Alternative":
      return body(defs);
    case "Alternation":
      return alt((defs ?? []).map(fromGast));
    case "Option":
      return opt(body(defs));
    case "Repetition":
      return { k: "star", x: body(defs) };
    case "RepetitionMandatory":
      return { k: "plus", x: body(defs) };
    case "RepetitionMandatoryWithSeparator":
      return withSeparator(g);
    case "RepetitionWithSeparator":
      return opt(withSeparator(g));
    case "NonTerminal":
      return { k: "rule", name: g.name ?? "?" };
    case "Terminal":
      return { k: "token", name: g.name ?? "?" };
    default:
      throw new Error(`unknown GAST node ${g.type}`);
  }
}

// ── from the EBNF ───────────────────────────────────────────────────────────

/** How the syntactic grammar's terminals map to the lexer's token types. */
export interface TokenTable {
  /** Literal text → token type name (`"{"` → LBrace, `"scenario"` → Scenario). */
  readonly literals: ReadonlyMap<string, string>;
  readonly tokenNames: ReadonlySet<string>;
  /** The word pattern: a quoted word that is not a keyword is a contextual keyword, lexed as this token. */
  readonly identifier: { readonly name: string; readonly pattern: RegExp };
}

/** Token texts (`{`, `scenario`, see scripts/token-text.ts) and the identifier token make the table. */
export function tokenTable(tokens: readonly TokenType[], texts: ReadonlyMap<string, string>, identifier: TokenType): TokenTable {
  const pattern = identifier.PATTERN;
  if (!(pattern instanceof RegExp)) throw new Error("the identifier token has no regular expression");
  return {
    literals: new Map([...texts].map(([name, text]) => [text, name])),
    tokenNames: new Set(tokens.map((t) => t.name)),
    identifier: { name: identifier.name, pattern: new RegExp(`^(?:${pattern.source})$`) },
  };
}

/**
 * A syntactic production as a Shape. Lower-case references are rules; capitalised ones are
 * tokens, or token classes (Keyword, Punctuator) whose alternatives are inlined.
 */
export function fromEbnf(e: Ebnf, table: TokenTable, lexical: (name: string) => Ebnf | undefined): Shape {
  const go = (x: Ebnf): Shape => fromEbnf(x, table, lexical);
  switch (e.kind) {
    case "seq":
      return seq(e.items.map(go));
    case "alt":
      return alt(e.options.map(go));
    case "opt":
      return opt(go(e.body));
    case "star":
      return { k: "star", x: go(e.body) };
    case "plus":
      return { k: "plus", x: go(e.body) };
    case "ref": {
      if (/^[a-z]/.test(e.name)) return { k: "rule", name: e.name };
      if (table.tokenNames.has(e.name)) return { k: "token", name: e.name };
      const cls = lexical(e.name);
      if (cls) return go(cls);
      throw new Error(`\`${e.name}\` is neither a token nor a production`);
    }
    case "lit": {
      const name = table.literals.get(e.text);
      if (name !== undefined) return { k: "token", name };
      if (table.identifier.pattern.test(e.text)) return { k: "token", name: table.identifier.name };
      throw new Error(`no token is written ${JSON.stringify(e.text)}`);
    }
    case "class":
      throw new Error("a character class cannot appear in the syntactic grammar");
  }
}
