import type { SourceFile } from "../ast.js";
import { PrintContext } from "./context.js";
import { item } from "./items.js";
import { layout } from "./layout.js";
import { sequence } from "./lists.js";

/** Lists, records, arguments and parameters stay on one line up to this many columns. */
export const LINE_WIDTH = 100;

/**
 * An AST as canonical .xdc text. With the source text, every comment of the file is placed
 * and blank lines are kept; without it (a generated AST) there is nothing to keep.
 */
export function printFile(file: SourceFile, text?: string): string {
  const ctx = new PrintContext(file.comments, text);
  const { body } = sequence(ctx, file.items, (it) => item(ctx, it), { close: text?.length ?? Number.POSITIVE_INFINITY });
  const out = layout(body, LINE_WIDTH);
  return out === "" ? "" : `${out}\n`;
}
