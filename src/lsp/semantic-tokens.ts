import type { IToken, TokenType } from "chevrotain";
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import type * as A from "../language/ast.js";
import { K, KEYWORDS, lex, NumberLiteral, StringLiteral, UnterminatedString, Identifier } from "../language/lexer.js";
import { descendants } from "../language/locate.js";
import type { Binding } from "../language/program.js";
import type { Analysis } from "./analysis.js";

export const TOKEN_TYPES = ["keyword", "string", "number", "comment", "operator", "function", "parameter", "variable", "property", "namespace", "enumMember", "type"] as const;
export const TOKEN_MODIFIERS = ["declaration", "readonly", "defaultLibrary"] as const;
type TokenKind = (typeof TOKEN_TYPES)[number];
type Modifier = (typeof TOKEN_MODIFIERS)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

interface Classified {
  readonly type: TokenKind;
  readonly modifiers: readonly Modifier[];
}

const KEYWORD_TYPES = new Set<TokenType>(KEYWORDS.map((k) => K[k]));
const LITERALS = new Map<TokenType, TokenKind>([[StringLiteral, "string"], [UnterminatedString, "string"], [NumberLiteral, "number"]]);
const OPERATORS = new Set(["==", "!=", "<=", ">=", "<", ">", "=", "+", "-", "*", "/"]);

/** How a name is coloured, by what it means. */
function ofBinding(b: Binding): Classified {
  switch (b.kind) {
    case "builtin":
      return { type: "function", modifiers: ["defaultLibrary"] };
    case "definition":
      return { type: "function", modifiers: [] };
    case "value":
      return b.origin === "param" ? { type: "parameter", modifiers: [] } : { type: "variable", modifiers: ["readonly"] };
    case "dc":
      return { type: "enumMember", modifiers: [] };
    case "environment":
    case "module":
      return { type: "namespace", modifiers: [] };
  }
}

/** The fields this file reads from nodes of several kinds. */
interface Loose {
  readonly kind?: string;
  readonly key?: A.Ident;
  readonly name?: A.Ident;
  readonly value?: unknown;
}

/** What each identifier of this file means, by offset: the checker's symbols and declarations, and the syntax's keys. */
function identifiers(a: Analysis): Map<number, Classified> {
  const out = new Map<number, Classified>();
  const mine = (s: { file: string }) => s.file === a.path;
  for (const [node, b] of a.program.symbols) {
    const span = node.kind === "member" ? node.name.span : node.span;
    if (mine(span)) out.set(span.start.offset, ofBinding(b));
  }
  for (const [ident, b] of a.program.declarations) {
    if (mine(ident.span)) out.set(ident.span.start.offset, { ...ofBinding(b), modifiers: [...ofBinding(b).modifiers, "declaration"] });
  }
  for (const n of descendants(a.program.file)) {
    const node = n as Loose;
    const at = (ident: A.Ident | undefined, c: Classified) => {
      if (ident && !out.has(ident.span.start.offset)) out.set(ident.span.start.offset, c);
    };
    if (node.kind === "setting") at(node.key, { type: "property", modifiers: [] });
    else if (node.kind === "dc") out.set(n.span.start.offset, { type: "keyword", modifiers: [] }); // the contextual `dc`
    else if (node.kind === "typeName") out.set(n.span.start.offset, { type: "type", modifiers: [] });
    else if (node.kind === "member") at(node.name, { type: "property", modifiers: [] });
    // A named argument's or a record field's name.
    else if (node.kind === undefined && node.value !== undefined) at(node.name, { type: "parameter", modifiers: [] });
  }
  return out;
}

function classify(t: IToken, names: Map<number, Classified>): Classified | undefined {
  if (KEYWORD_TYPES.has(t.tokenType)) return { type: "keyword", modifiers: [] };
  const literal = LITERALS.get(t.tokenType);
  if (literal) return { type: literal, modifiers: [] };
  if (t.tokenType === Identifier) return names.get(t.startOffset);
  return OPERATORS.has(t.image) ? { type: "operator", modifiers: [] } : undefined;
}

/**
 * Semantic tokens of the whole document, encoded as LSP asks (relative lines and starts).
 * A block comment over several lines becomes one token per line, since clients need not
 * support tokens that span lines.
 */
export function semanticTokens(a: Analysis): SemanticTokens {
  const lexed = lex(a.text);
  const names = identifiers(a);
  const spans: { offset: number; length: number; c: Classified }[] = [];
  for (const t of lexed.tokens) {
    const c = classify(t, names);
    if (c) spans.push({ offset: t.startOffset, length: t.image.length, c });
  }
  for (const t of lexed.comments) {
    let start = t.startOffset;
    for (const line of t.image.split("\n")) {
      const length = line.endsWith("\r") ? line.length - 1 : line.length;
      if (length > 0) spans.push({ offset: start, length, c: { type: "comment", modifiers: [] } });
      start += line.length + 1;
    }
  }
  spans.sort((x, y) => x.offset - y.offset);
  const data: number[] = [];
  let line = 0;
  let character = 0;
  for (const s of spans) {
    const p = a.lines.positionAt(s.offset);
    data.push(p.line - line, p.line === line ? p.character - character : p.character, s.length, TOKEN_TYPES.indexOf(s.c.type),
      s.c.modifiers.reduce((bits, m) => bits | (1 << TOKEN_MODIFIERS.indexOf(m)), 0));
    line = p.line;
    character = p.character;
  }
  return { data };
}
