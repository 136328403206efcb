import type { SourceFile } from "../ast.js";
import { commentText } from "./context.js";

/**
 * What a file means, for comparing two parses: the AST without positions, and its comments
 * in order. Strings compare by value (the formatter may re-encode one), everything else by
 * what was written. `doc` is left out: it is derived from the comments, which compare apart.
 */
const POSITIONAL = new Set(["span", "opSpan", "phaseSpan", "keywordSpan", "inSpan", "path", "comments", "doc"]);

export function shape(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(shape);
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (POSITIONAL.has(key) || value === undefined) continue;
    if (key === "raw" && record["kind"] === "string") continue;
    out[key] = shape(value);
  }
  return out;
}

export const commentTexts = (file: SourceFile): string[] => file.comments.map(commentText);

/** Whether two parses say the same thing, comments included. */
export const sameMeaning = (a: SourceFile, b: SourceFile): boolean =>
  JSON.stringify(shape(a)) === JSON.stringify(shape(b)) && JSON.stringify(commentTexts(a)) === JSON.stringify(commentTexts(b));
