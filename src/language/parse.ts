import type { SourceFile } from "./ast.js";
import { attachDocs, AstBuilder } from "./builder.js";
import { byPosition, capErrors, type Diagnostic, type Result } from "./diagnostics.js";
import type { IRecognitionException, IToken } from "chevrotain";
import { lex, TooDeep, type Lexed } from "./lexer.js";
import { flattenDeepGroups, tooDeep } from "./nesting.js";
import { parserInstance } from "./parser.js";
import { missingSeparator, misspeltKeywords, repair } from "./repair.js";

/**
 * Text → typed AST. Pure and total: whatever the input, it returns a SourceFile (possibly
 * with error nodes) and every problem it found, sorted by position.
 */
export function parse(text: string, file: string): Result<SourceFile> {
  const binary = notText(text);
  if (binary !== undefined) {
    const b = new AstBuilder(text, file);
    b.report("XDC1012", b.spanAt(binary.offset, binary.offset + 1), "this file is not text", {
      label: binary.why,
      notes: [".xdc files are UTF-8 text; nothing else in this file was read"],
    });
    return { value: { kind: "file", path: file, span: b.spanAt(0, text.length), items: [], comments: [] }, diagnostics: b.diagnostics };
  }
  const lexed = lex(text);
  const flattening = new AstBuilder(text, file);
  const tokens = flattenDeepGroups(lexed.tokens, flattening);
  let read = readTokens(text, file, lexed, tokens, flattening.diagnostics);
  // Where the file does not read cleanly, small edits at each error are tried first (repair.ts),
  // so that one slip is one error; what they do not repair, the parser's recovery reports.
  if (read.errors.length > 0 || read.b.diagnostics.some(missingSeparator)) {
    const repaired = repair(tokens, text, file);
    if (repaired.tokens !== tokens) read = readTokens(text, file, lexed, repaired.tokens, [...flattening.diagnostics, ...repaired.diagnostics]);
  }
  else {
    const typos = misspeltKeywords(tokens, text, file);
    if (typos) read = readTokens(text, file, lexed, typos.tokens, [...flattening.diagnostics, ...typos.diagnostics]);
  }
  const { b, items, errors } = read;
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
    comments: read.comments,
  };
  return { value, diagnostics: capErrors(dedupe([...b.diagnostics].sort(byPosition))) };
}

/** One reading of the tokens, with the lexer's problems and `extra` ones reported first. */
function readTokens(text: string, file: string, lexed: Lexed, tokens: IToken[], extra: readonly Diagnostic[]) {
  const b = new AstBuilder(text, file);
  for (const e of lexed.errors) {
    const ch = String.fromCodePoint(text.codePointAt(e.offset) ?? 0x3f);
    b.report("XDC1003", b.spanAt(e.offset, e.offset + ch.length), `unexpected character \`${printable(ch)}\``, {
      label: "not part of the language",
      ...(ch in LOOKALIKES ? { help: { message: `write \`${LOOKALIKES[ch]}\`` } } : {}),
    });
  }
  b.diagnostics.push(...extra);
  const comments = lexed.comments.map((c) => b.comment(c));
  let items: SourceFile["items"] = [];
  let errors: IRecognitionException[] = [];
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
  return { b, items, errors, comments };
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
