import type * as A from "./ast.js";
import { diagnostic, type Diagnostic } from "./diagnostics.js";
import { decodeString } from "./literals.js";
import { parse } from "./parse.js";
import type { Position, Span } from "./span.js";

/**
 * String interpolation in messages (`log("rto was {fo.rto}")`, `expect … else "lost {l}"`):
 * text, and expressions in braces whose values are written in with their units. `{{` and
 * `}}` stand for a brace. Only messages are templates: a brace in any other string (an SPL
 * type `"enum{a, b}"`, a URL) is a brace.
 */
export type TemplatePart = { readonly kind: "text"; readonly text: string } | { readonly kind: "hole"; readonly expr: A.Expr };

export interface ParsedTemplate {
  readonly parts: readonly TemplatePart[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A string literal's parts, or undefined when it has no brace (the common case: no work). */
export function parseTemplate(lit: A.StringLit): ParsedTemplate | undefined {
  const raw = lit.raw;
  if (!raw.includes("{") && !raw.includes("}")) return undefined;
  // The body of the literal as written; a string never spans lines, so columns follow offsets.
  const closed = raw.length >= 2 && raw.endsWith('"');
  const body = raw.slice(1, closed ? -1 : undefined);
  const base = lit.span.start;
  const at = (i: number): Position => ({ offset: base.offset + 1 + i, line: base.line, column: base.column + 1 + i });
  const spanOf = (from: number, to: number): Span => ({ file: lit.span.file, start: at(from), end: at(to) });
  const parts: TemplatePart[] = [];
  const diagnostics: Diagnostic[] = [];
  let text = "";
  const flush = () => {
    if (text !== "") parts.push({ kind: "text", text: decodeString(`"${text}"`).value });
    text = "";
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "\\") {
      // An escape is text, `\u{1b}` with its braces too.
      const end = body.startsWith("u{", i + 1) ? body.indexOf("}", i) : i + 1;
      const stop = end < 0 ? body.length - 1 : end;
      text += body.slice(i, stop + 1);
      i = stop;
      continue;
    }
    if ((c === "{" || c === "}") && body[i + 1] === c) {
      text += c;
      i++;
      continue;
    }
    if (c === "}") {
      diagnostics.push(diagnostic("XDC1013", spanOf(i, i + 1), "`}` without its `{` in a message", {
        label: "a brace on its own",
        help: { message: "write `}}` for a brace in the text", edit: { span: spanOf(i, i + 1), newText: "}}", applicability: "machine-applicable" } },
      }));
      continue;
    }
    if (c !== "{") {
      text += c;
      continue;
    }
    const close = body.indexOf("}", i + 1);
    if (close < 0) {
      diagnostics.push(diagnostic("XDC1013", spanOf(i, i + 1), "`{` without its `}` in a message", {
        label: "starts a value that never ends",
        help: { message: "close it with `}`, or write `{{` for a brace in the text", edit: { span: spanOf(i, i + 1), newText: "{{", applicability: "maybe-incorrect" } },
      }));
      text += c;
      continue;
    }
    flush();
    const hole = hole_(body.slice(i + 1, close), spanOf(i + 1, close), lit.span.file);
    diagnostics.push(...hole.diagnostics);
    if (hole.expr) parts.push({ kind: "hole", expr: hole.expr });
    i = close;
  }
  flush();
  return { parts, diagnostics };
}

const PREFIX = "let _ = ";

/**
 * The expression in one pair of braces, parsed by the language's own parser, its spans moved
 * to where it stands in the file (so its diagnostics, hover and go-to-definition point there).
 */
function hole_(source: string, where: Span, file: string): { expr?: A.Expr; diagnostics: Diagnostic[] } {
  if (source.trim() === "") {
    return { diagnostics: [diagnostic("XDC1013", where, "empty `{}` in a message", { label: "no value here", help: { message: "write a name or an expression between the braces, or `{{}}` for braces in the text" } })] };
  }
  // Inside a string a quote is written `\"`: the expression is read as it means, not as it is escaped.
  const r = parse(PREFIX + (source.includes("\\") ? decodeString(`"${source}"`).value : source), file);
  const shift = (p: Position): Position => ({ offset: where.start.offset + p.offset - PREFIX.length, line: where.start.line, column: where.start.column + p.column - 1 - PREFIX.length });
  const move = <T>(node: T): T => relocate(node, shift) as T;
  const item = r.value.items[0];
  const expr = r.value.items.length === 1 && item?.kind === "let" && !item.forDuration ? item.value : undefined;
  const diagnostics = r.diagnostics.map(move);
  if (expr === undefined && diagnostics.length === 0) {
    diagnostics.push(diagnostic("XDC1013", where, "a message can hold only a value between braces", { label: "not an expression" }));
  }
  return { ...(expr ? { expr: move(expr) } : {}), diagnostics };
}

/** A copy of a node with every position moved: spans are plain data, found by their shape. */
function relocate(node: unknown, shift: (p: Position) => Position): unknown {
  if (Array.isArray(node)) return node.map((n) => relocate(n, shift));
  if (node === null || typeof node !== "object") return node;
  const o = node as Record<string, unknown>;
  if (typeof o["offset"] === "number" && typeof o["line"] === "number" && typeof o["column"] === "number") return shift(o as unknown as Position);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = relocate(v, shift);
  return out;
}
