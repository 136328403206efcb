import type { TextEdit } from "vscode-languageserver";
import { format } from "../language/format.js";
import type { Lines } from "./positions.js";

/**
 * `xdc fmt` as one edit over the whole document, or none when it is already formatted or
 * has syntax errors (the formatter leaves those files as they are, and so does the editor).
 */
export function formatDocument(text: string, path: string, lines: Lines): TextEdit[] {
  const out = format(text, path);
  if (out.diagnostics.length > 0 || out.text === text) return [];
  return [{ range: lines.range(0, text.length), newText: out.text }];
}
