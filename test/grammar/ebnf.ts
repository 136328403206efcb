/**
 * A reader for the W3C-style EBNF of grammar/xdc.ebnf: enough of the notation to compare the
 * grammar for people with the parser and the lexer (productions, sequence, `|`, `?`, `*`,
 * `+`, groups, quoted literals, character classes with ranges and `#xN`, comments).
 */

export type Ebnf =
  | { readonly kind: "seq"; readonly items: readonly Ebnf[] }
  | { readonly kind: "alt"; readonly options: readonly Ebnf[] }
  | { readonly kind: "opt" | "star" | "plus"; readonly body: Ebnf }
  | { readonly kind: "ref"; readonly name: string }
  | { readonly kind: "lit"; readonly text: string }
  | { readonly kind: "class"; readonly negated: boolean; readonly ranges: readonly (readonly [number, number])[] };

export interface Production {
  readonly name: string;
  readonly line: number;
  readonly body: Ebnf;
}

type Tok =
  | { kind: "name"; text: string; line: number }
  | { kind: "define"; line: number }
  | { kind: "lit"; text: string; line: number }
  | { kind: "class"; text: string; line: number }
  | { kind: "punct"; text: "|" | "?" | "*" | "+" | "(" | ")"; line: number };

const LEXEMES: readonly [RegExp, (m: string, line: number) => Tok | undefined][] = [
  [/^\s+/, () => undefined],
  [/^\/\*[\s\S]*?\*\//, () => undefined],
  [/^::=/, (_, line) => ({ kind: "define", line })],
  [/^[A-Za-z_][A-Za-z0-9_]*/, (m, line) => ({ kind: "name", text: m, line })],
  [/^"[^"]*"|^'[^']*'/, (m, line) => ({ kind: "lit", text: m.slice(1, -1), line })],
  [/^\[[^\]]*\]/, (m, line) => ({ kind: "class", text: m.slice(1, -1), line })],
  [/^#x[0-9A-Fa-f]+/, (m, line) => ({ kind: "lit", text: String.fromCharCode(parseInt(m.slice(2), 16)), line })],
  [/^[|?*+()]/, (m, line) => ({ kind: "punct", text: m as "|", line })],
];

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let rest = text;
  let line = 1;
  while (rest.length > 0) {
    const hit = LEXEMES.map(([re, make]) => [re.exec(rest)?.[0], make] as const).find(([m]) => m !== undefined);
    if (!hit) throw new Error(`xdc.ebnf:${line}: cannot read ${JSON.stringify(rest.slice(0, 20))}`);
    const [m, make] = hit;
    const tok = make(m!, line);
    if (tok) out.push(tok);
    line += m!.split("\n").length - 1;
    rest = rest.slice(m!.length);
  }
  return out;
}

/** Reads every production; throws with a line number on text it cannot read. */
export function readEbnf(text: string): Production[] {
  const toks = tokenize(text);
  const productions: Production[] = [];
  let i = 0;
  const peek = () => toks[i];
  const startsProduction = (k: number) => toks[k]?.kind === "name" && toks[k + 1]?.kind === "define";
  const fail = (what: string): never => {
    throw new Error(`xdc.ebnf:${peek()?.line ?? "end"}: expected ${what}`);
  };

  const alternation = (): Ebnf => {
    const options = [sequence()];
    while (peek()?.kind === "punct" && (peek() as { text: string }).text === "|") {
      i++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  };
  const sequence = (): Ebnf => {
    const items: Ebnf[] = [];
    for (;;) {
      const t = peek();
      if (!t || startsProduction(i) || (t.kind === "punct" && (t.text === "|" || t.text === ")"))) break;
      items.push(postfix());
    }
    return items.length === 1 ? items[0]! : { kind: "seq", items };
  };
  const postfix = (): Ebnf => {
    let e = atom();
    for (let t = peek(); t?.kind === "punct" && (t.text === "?" || t.text === "*" || t.text === "+"); t = peek()) {
      i++;
      e = { kind: t.text === "?" ? "opt" : t.text === "*" ? "star" : "plus", body: e };
    }
    return e;
  };
  const atom = (): Ebnf => {
    const t = toks[i++];
    if (!t) return fail("an expression");
    switch (t.kind) {
      case "name":
        return { kind: "ref", name: t.text };
      case "lit":
        return { kind: "lit", text: t.text };
      case "class":
        return charClass(t.text, t.line);
      case "punct":
        if (t.text === "(") {
          const e = alternation();
          if (toks[i]?.kind !== "punct" || (toks[i] as { text: string }).text !== ")") fail("`)`");
          i++;
          return e;
        }
        return fail("an expression");
      case "define":
        return fail("an expression");
    }
  };

  while (i < toks.length) {
    if (!startsProduction(i)) fail("a production `name ::= ...`");
    const head = toks[i] as { text: string; line: number };
    i += 2;
    productions.push({ name: head.text, line: head.line, body: alternation() });
  }
  return productions;
}

/** `[^"\#xA]` → ranges; `\` is an ordinary character, as in W3C EBNF. */
function charClass(text: string, line: number): Ebnf {
  const negated = text.startsWith("^");
  const ranges: [number, number][] = [];
  let rest = negated ? text.slice(1) : text;
  const char = (): number => {
    const hex = /^#x([0-9A-Fa-f]+)/.exec(rest);
    const code = hex ? parseInt(hex[1]!, 16) : rest.charCodeAt(0);
    rest = rest.slice(hex ? hex[0].length : 1);
    return code;
  };
  while (rest.length > 0) {
    const lo = char();
    const isRange = rest.startsWith("-") && rest.length > 1;
    if (isRange) rest = rest.slice(1);
    ranges.push([lo, isRange ? char() : lo]);
  }
  if (ranges.length === 0) throw new Error(`xdc.ebnf:${line}: empty character class`);
  return { kind: "class", negated, ranges };
}

/** Names referenced by an expression, in order of appearance. */
export function references(e: Ebnf): string[] {
  switch (e.kind) {
    case "seq":
      return e.items.flatMap(references);
    case "alt":
      return e.options.flatMap(references);
    case "opt":
    case "star":
    case "plus":
      return references(e.body);
    case "ref":
      return [e.name];
    case "lit":
    case "class":
      return [];
  }
}

/** A JavaScript regular expression (without anchors) for a lexical production, with references inlined. */
export function toRegExpSource(e: Ebnf, lookup: (name: string) => Ebnf): string {
  const group = (s: string) => `(?:${s})`;
  switch (e.kind) {
    case "seq":
      return e.items.map((x) => toRegExpSource(x, lookup)).join("");
    case "alt":
      return group(e.options.map((x) => toRegExpSource(x, lookup)).join("|"));
    case "opt":
      return `${group(toRegExpSource(e.body, lookup))}?`;
    case "star":
      return `${group(toRegExpSource(e.body, lookup))}*`;
    case "plus":
      return `${group(toRegExpSource(e.body, lookup))}+`;
    case "ref":
      return group(toRegExpSource(lookup(e.name), lookup));
    case "lit":
      return [...e.text].map(escapeChar).join("");
    case "class": {
      const body = e.ranges.map(([lo, hi]) => (lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`)).join("");
      return `[${e.negated ? "^" : ""}${body}]`;
    }
  }
}

const escapeChar = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
const classChar = (code: number) => `\\u${code.toString(16).padStart(4, "0")}`;

/**
 * Every string a production without repetition can produce, or undefined when the language is
 * infinite or uses a character class.
 */
export function finiteLanguage(e: Ebnf, lookup: (name: string) => Ebnf): string[] | undefined {
  switch (e.kind) {
    case "lit":
      return [e.text];
    case "ref":
      return finiteLanguage(lookup(e.name), lookup);
    case "alt": {
      const parts = e.options.map((o) => finiteLanguage(o, lookup));
      return parts.every((p) => p !== undefined) ? parts.flat() as string[] : undefined;
    }
    case "opt": {
      const body = finiteLanguage(e.body, lookup);
      return body && ["", ...body];
    }
    case "seq": {
      let acc: string[] | undefined = [""];
      for (const item of e.items) {
        const next = finiteLanguage(item, lookup);
        acc = acc && next ? acc.flatMap((a) => next.map((b) => a + b)) : undefined;
      }
      return acc;
    }
    case "star":
    case "plus":
    case "class":
      return undefined;
  }
}
