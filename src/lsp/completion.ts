import { CompletionItemKind, type CompletionItem } from "vscode-languageserver";
import type { IToken } from "chevrotain";
import { KEYWORDS, lex, StringLiteral, UnterminatedString } from "../language/lexer.js";
import { commentAt } from "../language/locate.js";
import type { Binding } from "../language/program.js";
import { ENTITY_FIELDS, syntax, type Type } from "../language/types.js";
import { scopeAt, type Analysis } from "./analysis.js";
import { callable, signatureOf } from "./callable.js";
import { callSiteAt } from "./call-site.js";
import { calleeOf } from "./signature.js";
import { UNITS } from "./units.js";
import { stdlibDefinitions, type StdlibEntry } from "../language/stdlib-index.js";

/** A number being typed, and the unit suffix written so far. */
const NUMBER_BEFORE = /(?:^|[^\w.])\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?([A-Za-z%/]*)$/;
/** `name.` and the member name written so far. */
const MEMBER_BEFORE = /([A-Za-z_]\w*)\.(\w*)$/;

/** Lower sorts first: what the call in front of the cursor asks for, then local names, then the rest. */
const RANK = { argument: "0", local: "1", definition: "2", builtin: "3", keyword: "4" } as const;

/**
 * Completion at the cursor: units after a number, members after `name.`, otherwise the named
 * arguments of the call around the cursor and every name in scope there, and keywords.
 */
export function completionsAt(a: Analysis, offset: number): CompletionItem[] {
  if (commentAt(a.program.file, offset)) return [];
  const tokens = lex(a.text).tokens;
  if (insideString(tokens, offset)) return [];
  const lineStart = a.text.lastIndexOf("\n", offset - 1) + 1;
  const before = a.text.slice(lineStart, offset);
  const number = NUMBER_BEFORE.exec(before);
  if (number) return units(a, offset, number[1]!.length);
  const member = MEMBER_BEFORE.exec(before);
  if (member) return members(a, offset, member[1]!);
  return [...namedArguments(a, offset, tokens), ...names(a, offset), ...KEYWORDS.map((k) => ({ label: k, kind: CompletionItemKind.Keyword, sortText: RANK.keyword + k }))];
}

const insideString = (tokens: readonly IToken[], offset: number) =>
  tokens.some((t) => (t.tokenType === StringLiteral || t.tokenType === UnterminatedString) && t.startOffset < offset && offset < t.startOffset + t.image.length + (t.tokenType === UnterminatedString ? 1 : 0));

function units(a: Analysis, offset: number, written: number): CompletionItem[] {
  const range = a.lines.range(offset - written, offset);
  return UNITS.map((u, i) => ({
    label: u.suffix,
    kind: CompletionItemKind.Unit,
    detail: u.type,
    sortText: String(i).padStart(2, "0"),
    filterText: u.suffix,
    textEdit: { range, newText: u.suffix },
  }));
}

function namedArguments(a: Analysis, offset: number, tokens: readonly IToken[]): CompletionItem[] {
  const site = callSiteAt(tokens, offset);
  if (!site || site.current !== undefined) return [];
  const c = calleeOf(a, offset, site);
  if (!c) return [];
  return c.params.filter((p, i) => i >= site.positional && !site.named.includes(p.name)).map((p) => ({
    label: `${p.name}:`,
    kind: CompletionItemKind.Field,
    detail: p.label,
    ...(p.doc !== undefined ? { documentation: p.doc } : {}),
    insertText: `${p.name}: `,
    filterText: p.name,
    sortText: RANK.argument + p.name,
  }));
}

function names(a: Analysis, offset: number): CompletionItem[] {
  const scope = scopeAt(a, offset);
  if (!scope) return [];
  const visible = [...scope.all()].filter((b) => !(b.kind === "value" && b.span.file === a.path && b.span.start.offset > offset));
  const names = new Set(visible.map((b) => b.name));
  return [...visible.map((b) => item(b, a)), ...[...stdlibDefinitions().values()].filter((e) => !names.has(e.definition.name)).map(stdlibItem)];
}

/** A fault or check of the standard library not imported yet: choosing it adds the import. */
function stdlibItem(e: StdlibEntry): CompletionItem {
  const d = e.definition;
  return {
    label: d.name,
    kind: CompletionItemKind.Function,
    detail: `${e.signature} (${e.module})`,
    ...(d.doc !== undefined ? { documentation: `${d.doc}\n\nFrom \`${e.module}\`: choosing it adds \`import "${e.module}"\`.` } : {}),
    sortText: RANK.definition + d.name,
    additionalTextEdits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `import "${e.module}"\n` }],
  };
}

function item(b: Binding, a: Analysis): CompletionItem {
  switch (b.kind) {
    case "builtin":
    case "definition": {
      const c = callable(b.kind === "builtin" ? { kind: "builtin", builtin: b.builtin } : { kind: "definition", definition: b.definition }, a.program.values);
      return {
        label: b.name,
        kind: CompletionItemKind.Function,
        detail: signatureOf(c).label,
        ...(c.doc !== undefined ? { documentation: c.doc } : {}),
        sortText: (b.kind === "builtin" ? RANK.builtin : RANK.definition) + b.name,
      };
    }
    case "value":
      return { label: b.name, kind: CompletionItemKind.Variable, detail: syntax(b.type), sortText: RANK.local + b.name };
    case "dc":
      return { label: b.name, kind: CompletionItemKind.EnumMember, detail: `dc of ${b.environment.name}`, sortText: RANK.local + b.name };
    case "environment":
      return { label: b.name, kind: CompletionItemKind.Module, detail: "environment", sortText: RANK.definition + b.name };
    case "module":
      return { label: b.name, kind: CompletionItemKind.Module, detail: b.module.path, sortText: RANK.definition + b.name };
  }
}

function members(a: Analysis, offset: number, name: string): CompletionItem[] {
  const b = scopeAt(a, offset)?.lookup(name);
  if (!b) return [];
  if (b.kind === "module") return [...b.module.exports.values()].map((x) => item(x, a));
  if (b.kind !== "value") return [];
  return fieldsOf(b.type).map((f) => ({ label: f.name, kind: CompletionItemKind.Field, detail: f.detail }));
}

function fieldsOf(t: Type): { name: string; detail: string }[] {
  if (t.kind === "record") return t.fields.map((f) => ({ name: f.name, detail: syntax(f.type) }));
  if (t.kind !== "entity") return [];
  if (t.name === "Application") {
    return [...(t.app?.sources ?? []).map((s) => ({ name: s, detail: "source endpoint" })), ...(t.app?.sinks ?? []).map((s) => ({ name: s, detail: "sink endpoint" }))];
  }
  return (ENTITY_FIELDS[t.name] ?? []).map((f) => ({ name: f.name, detail: syntax(f.type) }));
}
