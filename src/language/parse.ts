import type { SourceFile } from "./ast.js";
import { byPosition, type Result } from "./diagnostics.js";
import { lex } from "./lexer.js";
import { Lowering } from "./lower.js";
import { parseCst } from "./parser.js";

/**
 * Text → typed AST. Pure and total: whatever the input, it returns a SourceFile (possibly
 * with error nodes) and every problem it found, sorted by position.
 */
export function parse(text: string, file: string): Result<SourceFile> {
  const lexed = lex(text);
  const lowering = new Lowering(text, file);
  for (const e of lexed.errors) {
    const ch = String.fromCodePoint(text.codePointAt(e.offset) ?? 0x3f);
    const width = ch.length;
    lowering.report("XDC1003", lowering.spanAt(e.offset, e.offset + width), `unexpected character \`${printable(ch)}\``, {
      label: "not part of the language",
      ...(ch in LOOKALIKES ? { help: { message: `write \`${LOOKALIKES[ch]}\`` } } : {}),
    });
  }
  const { cst, errors } = parseCst(lexed.tokens);
  const lastToken = lexed.tokens[lexed.tokens.length - 1];
  // Recovery from one mistake often trips again on the same line; report the first only.
  let lastLine = -1;
  for (const e of errors) {
    const line = e.token.startLine;
    if (line !== undefined && Number.isInteger(line) && line === lastLine) continue;
    if (line !== undefined && Number.isInteger(line)) lastLine = line;
    lowering.syntaxError(e, lastToken);
  }
  const value = lowering.lowerFile(cst, lexed.comments);
  return { value, diagnostics: dedupe([...lowering.diagnostics].sort(byPosition)) };
}

/** Characters people paste from word processors, with what they meant. */
const LOOKALIKES: Record<string, string> = {
  "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-", "\u00d7": "*",
  "'": '"',
};

const printable = (ch: string) => (/[\p{C}\s]/u.test(ch) ? `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}` : ch);

/** Recovery can report the same position twice; one problem, one diagnostic. */
function dedupe<T extends { code: string; span: { start: { offset: number } } }>(ds: T[]): T[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const key = `${d.code}@${d.span.start.offset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
