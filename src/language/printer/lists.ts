import type { Comment } from "../ast.js";
import type { Span } from "../span.js";
import type { PrintContext } from "./context.js";
import { commentRun, commentText } from "./context.js";
import { breakParent, group, hardline, ifBreak, indent, join, line, lineSuffix, softline, type Doc } from "./doc.js";

/**
 * The two ways the printer lays out many things. `delimited`: arguments, list items,
 * record fields and parameters, on one line when they fit, else one per line with a
 * trailing comma. `sequence`/`braced`: statements, members and items, one per line, with a
 * blank line kept where the source had one or more, and every comment in its place.
 */

interface Spanned {
  readonly span: Span;
}

/**
 * An item's comma with the comments around it: block comments stay where they were, before
 * or after the comma; from the first `//` comment on, the rest waits for the end of the
 * line, each `//` comment ending a line of its own.
 */
function withComma(before: readonly Comment[], comma: Doc, after: readonly Comment[]): Doc {
  const all = [...before, ...after];
  const firstLine = all.findIndex((c) => c.kind === "line");
  const inlineCount = firstLine < 0 ? all.length : firstLine;
  const inline = (cs: readonly Comment[]) => cs.map((c) => ` ${commentText(c)}`);
  const rest = all.slice(inlineCount);
  return [
    inline(before.slice(0, inlineCount)),
    comma,
    inline(after.slice(0, Math.max(0, inlineCount - before.length))),
    rest.length > 0 ? [lineSuffix([" ", commentRun(rest)]), breakParent] : "",
  ];
}

export function delimited<T extends Spanned>(
  ctx: PrintContext,
  open: string,
  items: readonly T[],
  print: (item: T) => Doc,
  close: string,
  closeOffset: number,
): Doc {
  if (items.length === 0) {
    const inner = ctx.takeBefore(closeOffset);
    if (inner.length === 0) return open + close;
    const comments = join(line, inner.map((c) => (c.kind === "line" ? [commentText(c), breakParent] : commentText(c))));
    return group([open, indent([softline, comments]), softline, close]);
  }
  const parts: Doc[] = [];
  items.forEach((item, i) => {
    const last = i === items.length - 1;
    const next = last ? closeOffset : items[i + 1]!.span.start.offset;
    const doc = print(item);
    // A parenthesised item's span ends inside its parentheses.
    const separator = ctx.skipTrivia(item.span.end.offset, ")", closeOffset);
    const comma = ctx.charAt(separator) === ",";
    // Comments on the item's last line stay with it; with a comma, so do any before the
    // comma and those on the comma's line. A `//` comment ends the item's line: comments
    // after it belong to the next item, or dangle before the closing bracket.
    const before = ctx.takeTrailing(item.span.end.line, Math.min(separator, next), true);
    const ended = () => before.some((c) => c.kind === "line");
    if (comma && !ended()) before.push(...ctx.takeBefore(separator, true));
    const after = comma && !ended() ? ctx.takeTrailing(ctx.lineOf(separator), next, true) : [];
    parts.push(doc, withComma(before, last ? ifBreak(",") : ",", after));
    if (!last) parts.push(line);
  });
  const dangling = ctx.takeBefore(closeOffset);
  if (dangling.length > 0) parts.push(hardline, join(hardline, dangling.map(commentText)));
  return group([open, indent([softline, ...parts]), softline, close]);
}

export interface Bounds {
  /** Offset of the `{` before the elements: a comment on its line stays after it. */
  readonly open?: number;
  /** Offset of the `}` after them, or the end of the file. */
  readonly close: number;
}

export interface Sequence {
  /** Comments on the line of the `{`, after it. */
  readonly afterOpen: readonly Comment[];
  /** The elements and comments, separated by line breaks. */
  readonly body: readonly Doc[];
}

export function sequence<T extends Spanned>(ctx: PrintContext, elements: readonly T[], print: (e: T, i: number) => Doc, bounds: Bounds): Sequence {
  const firstStart = elements[0]?.span.start.offset ?? bounds.close;
  const afterOpen = bounds.open === undefined ? [] : ctx.takeTrailing(ctx.lineOf(bounds.open), firstStart);
  const body: Doc[] = [];
  let previous: { endLine: number; joinable: boolean } | undefined;
  const separate = (startLine: number) => {
    if (previous === undefined) return;
    if (previous.joinable && startLine === previous.endLine) {
      body.push(" ");
      return;
    }
    body.push(hardline);
    if (startLine - previous.endLine >= 2) body.push(hardline);
  };
  const comment = (c: Comment) => {
    separate(c.span.start.line);
    body.push(commentText(c));
    // A block comment followed on its line by a statement stays in front of it.
    previous = { endLine: c.span.end.line, joinable: c.kind === "block" };
  };
  elements.forEach((e, i) => {
    for (const c of ctx.takeBefore(e.span.start.offset)) comment(c);
    separate(e.span.start.line);
    body.push(print(e, i));
    const trailing = ctx.takeTrailing(e.span.end.line, elements[i + 1]?.span.start.offset ?? bounds.close);
    if (trailing.length > 0) body.push(" ", commentRun(trailing));
    previous = { endLine: trailing[trailing.length - 1]?.span.end.line ?? e.span.end.line, joinable: false };
  });
  for (const c of ctx.takeBefore(bounds.close)) comment(c);
  return { afterOpen, body };
}

/** `{`, the elements indented one per line, `}`; `{}` when there is nothing inside. */
export function braced<T extends Spanned>(ctx: PrintContext, elements: readonly T[], print: (e: T, i: number) => Doc, bounds: Required<Bounds>): Doc {
  const before = ctx.flush(bounds.open);
  const { afterOpen, body } = sequence(ctx, elements, print, bounds);
  const head = afterOpen.length > 0 ? [" ", commentRun(afterOpen)] : "";
  if (body.length > 0) return [before, "{", head, indent([hardline, ...body]), hardline, "}"];
  if (afterOpen.length === 0) return [before, "{}"];
  if (afterOpen.every((c) => c.kind === "block" && !c.text.includes("\n"))) return [before, "{", head, " }"];
  return [before, "{", head, hardline, "}"];
}
