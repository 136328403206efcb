import { format } from "../../../src/language/format.js";
import { lex } from "../../../src/language/lexer.js";
import type { Pipeline } from "./pipeline.js";

const comments = (text: string) => lex(text).comments.map((c) => c.image.replace(/\s+$/, ""));
const codes = (pipeline: Pipeline, text: string, path: string) => pipeline.check(text, path).map((d) => `${d.severity}[${d.code}]`).sort();

/**
 * What `xdc fmt` must keep for a file without syntax errors: formatting twice changes nothing
 * more, every comment survives in order, and checking the result finds the same problems.
 * Returns what went wrong, as text; a file with syntax errors is left alone by fmt.
 */
export function formatProblems(pipeline: Pipeline, text: string, path: string): string[] {
  const once = format(text, path);
  if (once.diagnostics.length > 0) return [];
  const problems: string[] = [];
  if (format(once.text, path).text !== once.text) problems.push("formatting the formatted text changes it again");
  if (comments(once.text).join("\n") !== comments(text).join("\n")) problems.push("formatting loses, adds or reorders comments");
  if (codes(pipeline, once.text, path).join(" ") !== codes(pipeline, text, path).join(" ")) problems.push("the formatted file checks differently");
  return problems;
}
