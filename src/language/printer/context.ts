import type { Comment } from "../ast.js";
import { LineMap, type Span } from "../span.js";
import { hardline, indent, type Doc } from "./doc.js";

/**
 * What the printer knows besides the AST: the comments, handed out exactly once and in
 * source order, and the source text for the few positions the AST does not record (the
 * `{` of a scenario, the `,` after a list item). Printing without a text (a generated AST)
 * works too: there are then no comments to place.
 */
export class PrintContext {
  private next = 0;
  private readonly comments: readonly Comment[];
  private readonly commentEnds: ReadonlyMap<number, number>;
  private readonly lines: LineMap | undefined;

  constructor(
    comments: readonly Comment[],
    private readonly text: string | undefined,
  ) {
    this.comments = [...comments].sort((a, b) => a.span.start.offset - b.span.start.offset);
    this.commentEnds = new Map(this.comments.map((c) => [c.span.start.offset, c.span.end.offset]));
    this.lines = text === undefined ? undefined : new LineMap(text);
  }

  /** The comments not yet printed that start before `offset`; with `throughLine`, none after the first `//` comment. */
  takeBefore(offset: number, throughLine = false): Comment[] {
    return this.takeWhile((c) => c.span.start.offset < offset, throughLine);
  }

  /**
   * The comments not yet printed that start before `limit` on line `line` or earlier: those
   * that end that line. A block comment that ends on a later line carries the line on.
   */
  takeTrailing(line: number, limit: number, throughLine = false): Comment[] {
    let last = line;
    return this.takeWhile((c) => {
      const continues = c.span.start.offset < limit && c.span.start.line <= last;
      if (continues) last = Math.max(last, c.span.end.line);
      return continues;
    }, throughLine);
  }

  private takeWhile(test: (c: Comment) => boolean, throughLine: boolean): Comment[] {
    const taken: Comment[] = [];
    for (let c = this.comments[this.next]; c !== undefined && test(c); c = this.comments[this.next]) {
      taken.push(c);
      this.next++;
      if (throughLine && c.kind === "line") break;
    }
    return taken;
  }

  /** Comments printed inline before `offset`: a block comment and a space, a line comment and a line break. */
  flush(offset: number): Doc {
    return this.takeBefore(offset).map((c) => [commentText(c), c.kind === "line" ? hardline : " "]);
  }

  /**
   * `rest` preceded by comments taken before it. When a `//` comment ends the line in the
   * middle of a construct, what follows continues the construct, so it is indented a level.
   */
  lead(comments: readonly Comment[], rest: Doc): Doc {
    if (comments.length === 0) return rest;
    const doc = [comments.map((c) => [commentText(c), c.kind === "line" ? hardline : " "]), rest];
    return comments.some((c) => c.kind === "line") ? indent(doc) : doc;
  }

  /**
   * The offset of the first character at or after `offset` that is neither space, comment,
   * nor (before `limit`) one of `skip`.
   */
  skipTrivia(offset: number, skip = "", limit = Number.POSITIVE_INFINITY): number {
    const text = this.text;
    if (text === undefined) return offset;
    let at = offset;
    while (at < text.length) {
      const commentEnd = this.commentEnds.get(at);
      if (commentEnd !== undefined) at = commentEnd;
      else if (/\s/.test(text[at]!) || (at < limit && skip.includes(text[at]!))) at++;
      else break;
    }
    return at;
  }

  /** The character at an offset ("" without a text or past its end). */
  charAt(offset: number): string {
    return this.text?.[offset] ?? "";
  }

  /** The source text of a span, when there is a text. */
  sourceOf(s: Span): string | undefined {
    return this.text?.slice(s.start.offset, s.end.offset);
  }

  /** The 1-based line of an offset (1 without a text). */
  lineOf(offset: number): number {
    return this.lines?.position(offset).line ?? 1;
  }
}

/** Comments one after another on a line; a `//` comment ends the line, so what follows it goes on the next. */
export const commentRun = (comments: readonly Comment[]): Doc =>
  comments.map((c, i) => [i === 0 ? "" : comments[i - 1]!.kind === "line" ? hardline : " ", commentText(c)]);

/** A comment as printed: exactly as written, less the spaces after a `//` comment. */
export const commentText = (c: Comment): string => (c.kind === "line" ? c.text.trimEnd() : c.text);
