import { diagnostic, errorCount, type Diagnostic } from "./diagnostics.js";
import { parse } from "./parse.js";
import { printFile } from "./printer/print.js";
import { sameMeaning } from "./printer/shape.js";

export interface Formatted {
  /** The canonical text, or the input unchanged when it has syntax errors. */
  readonly text: string;
  /** The syntax errors that stopped formatting (empty when it was formatted). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `xdc fmt`: the canonical layout of a file (docs/formatting.md), keeping every comment and
 * at most one blank line wherever the source had some. Pure and idempotent. A file with
 * syntax errors is returned unchanged with its diagnostics: guessing at broken code would
 * move text the author has not finished writing. Line breaks follow the file's first one
 * (LF or CRLF), and a byte order mark stays.
 */
export function format(text: string, file = "<input>"): Formatted {
  const parsed = parse(text, file);
  if (errorCount(parsed.diagnostics) > 0) return { text, diagnostics: parsed.diagnostics };
  const eol = /\r?\n/.exec(text)?.[0] ?? "\n";
  const bom = text.startsWith("\ufeff") ? "\ufeff" : "";
  const out = bom + printFile(parsed.value, text).replace(/\r?\n/g, eol);
  // A formatter that changed what a scenario means would be worse than none: check, and
  // treat a difference as the bug it is rather than write it to the user's file.
  const reparsed = parse(out, file);
  // Parentheses the layout needs (`(a < b) < c`, thousands of times) can nest past what the
  // parser reads: then the file stays as it is, and says why.
  const tooDeep = reparsed.diagnostics.find((d) => d.code === "XDC1011");
  if (tooDeep) {
    const at = parsed.value.span;
    return { text, diagnostics: [diagnostic("XDC1011", { ...at, end: at.start }, "nested too deeply", {
      label: "formatted, this file would nest parentheses too deeply to read back",
      notes: [tooDeep.label ?? ""].filter(Boolean),
    })] };
  }
  if (errorCount(reparsed.diagnostics) > 0 || !sameMeaning(parsed.value, reparsed.value)) {
    throw new Error(`xdc bug: formatting ${file} would change what it means; the file was left as it is`);
  }
  return { text: out, diagnostics: [] };
}
