import type { SourceFile } from "./ast.js";
import { attachDocs, AstBuilder } from "./builder.js";
import { byPosition, type Diagnostic, type Result } from "./diagnostics.js";
import { lex } from "./lexer.js";
import { parserInstance } from "./parser.js";

/**
 * Text → typed AST. Pure and total: whatever the input, it returns a SourceFile (possibly
 * with error nodes) and every problem it found, sorted by position.
 */
export function parse(text: string, file: string): Result<SourceFile> {
  const lexed = lex(text);
  const b = new AstBuilder(text, file);
  for (const e of lexed.errors) {
    const ch = String.fromCodePoint(text.codePointAt(e.offset) ?? 0x3f);
    b.report("XDC1003", b.spanAt(e.offset, e.offset + ch.length), `unexpected character \`${printable(ch)}\``, {
      label: "not part of the language",
      ...(ch in LOOKALIKES ? { help: { message: `write \`${LOOKALIKES[ch]}\`` } } : {}),
    });
  }
  const comments = lexed.comments.map((c) => b.comment(c));
  let items: SourceFile["items"] = [];
  let errors: ReturnType<typeof parserInstance.parseTokens>["errors"] = [];
  try {
    ({ items, errors } = parserInstance.parseTokens(lexed.tokens, b));
  } catch (e) {
    // Thousands of errors in a row can exhaust the stack inside Chevrotain's recovery.
    if (!(e instanceof RangeError)) throw e;
    errors = parserInstance.errors;
    const last = errors[errors.length - 1]?.token;
    const at = last && Number.isInteger(last.startOffset) ? last.startOffset : 0;
    b.report("XDC1001", b.spanAt(at, at), "too many syntax errors: stopped reading here", { notes: ["fix the errors above and check again"] });
  }
  // Recovery from one mistake often trips again on the same line; report the first only.
  const lastToken = lexed.tokens[lexed.tokens.length - 1];
  let lastLine = -1;
  for (const e of errors) {
    const offset = e.token.startOffset;
    if (Number.isInteger(offset)) {
      const line = b.spanAt(offset, offset).start.line;
      if (line === lastLine) continue;
      lastLine = line;
    }
    b.syntaxError(e, lastToken);
  }
  const value: SourceFile = {
    kind: "file",
    path: file,
    span: b.spanAt(0, text.length),
    items: attachDocs([...items], lexed.comments, text),
    comments,
  };
  return { value, diagnostics: dedupe([...b.diagnostics].sort(byPosition)) };
}

/** Characters people paste from word processors, with what they meant. */
const LOOKALIKES: Record<string, string> = {
  "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-", "\u00d7": "*",
  "'": '"',
};

const printable = (ch: string) => (/[\p{C}\s]/u.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : ch);

/** Recovery can report the same position twice; one problem, one diagnostic. */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}@${d.span.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
