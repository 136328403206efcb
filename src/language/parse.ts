import type { SourceFile } from "./ast.js";
import { attachDocs, AstBuilder } from "./builder.js";
import { byPosition, capErrors, type Diagnostic, type Result } from "./diagnostics.js";
import { lex, TooDeep } from "./lexer.js";
import { flattenDeepGroups, tooDeep } from "./nesting.js";
import { parserInstance } from "./parser.js";

/**
 * Text → typed AST. Pure and total: whatever the input, it returns a SourceFile (possibly
 * with error nodes) and every problem it found, sorted by position.
 */
export function parse(text: string, file: string): Result<SourceFile> {
  const b = new AstBuilder(text, file);
  const binary = notText(text);
  if (binary !== undefined) {
    b.report("XDC1012", b.spanAt(binary.offset, binary.offset + 1), "this file is not text", {
      label: binary.why,
      notes: [".xdc files are UTF-8 text; nothing else in this file was read"],
    });
    return { value: { kind: "file", path: file, span: b.spanAt(0, text.length), items: [], comments: [] }, diagnostics: b.diagnostics };
  }
  const lexed = lex(text);
  for (const e of lexed.errors) {
    const ch = String.fromCodePoint(text.codePointAt(e.offset) ?? 0x3f);
    b.report("XDC1003", b.spanAt(e.offset, e.offset + ch.length), `unexpected character \`${printable(ch)}\``, {
      label: "not part of the language",
      ...(ch in LOOKALIKES ? { help: { message: `write \`${LOOKALIKES[ch]}\`` } } : {}),
    });
  }
  const comments = lexed.comments.map((c) => b.comment(c));
  const tokens = flattenDeepGroups(lexed.tokens, b);
  let items: SourceFile["items"] = [];
  let errors: ReturnType<typeof parserInstance.parseTokens>["errors"] = [];
  try {
    ({ items, errors } = parserInstance.parseTokens(tokens, b));
  } catch (e) {
    // Nesting the bracket limit does not see (`at 1s: at 1s: …` a thousand times) can still
    // exhaust the stack: report where the parser was, as the nesting it is.
    if (!(e instanceof RangeError)) throw e;
    errors = [];
    const at = parserInstance.reachedOffset();
    tooDeep(b, b.spanAt(at, at), "statements nested too deeply to read");
  }
  // Recovery from one mistake often trips again on the same line; report the first only.
  const lastToken = tokens[tokens.length - 1];
  let lastLine = -1;
  for (const e of errors) {
    // A group nested too deeply was reported as XDC1011 already.
    if (e.token.tokenType === TooDeep) continue;
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
  return { value, diagnostics: capErrors(dedupe([...b.diagnostics].sort(byPosition))) };
}

/**
 * Where the text shows it is not text: a NUL, or a U+FFFD that decoding put in place of
 * bytes that are not UTF-8. (Random bytes are one diagnostic this way, not hundreds.)
 */
function notText(text: string): { offset: number; why: string } | undefined {
  const nul = text.indexOf("\0");
  if (nul >= 0) return { offset: nul, why: "a NUL byte" };
  const bad = text.indexOf("\ufffd");
  if (bad >= 0) return { offset: bad, why: "bytes that are not UTF-8 (shown as U+FFFD)" };
  return undefined;
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
