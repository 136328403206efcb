/**
 * Source positions. Offsets are 0-based, lines and columns 1-based, all in UTF-16 code units
 * (JavaScript string indices), as Chevrotain and LSP count. `end` is exclusive.
 */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface Span {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

const isPosition = (p: Position) =>
  Number.isInteger(p.offset) && Number.isInteger(p.line) && Number.isInteger(p.column) &&
  p.offset >= 0 && p.line >= 1 && p.column >= 1;

/** Builds a span, and throws on a position that is not a real one, so the bug fails a test and not a user. */
export function span(file: string, start: Position, end: Position): Span {
  if (!isPosition(start) || !isPosition(end) || end.offset < start.offset) {
    throw new Error(`xdc bug: bad span ${JSON.stringify({ file, start, end })}`);
  }
  return { file, start, end };
}

/** Maps offsets of a text to line/column positions. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  /** The line of the last lookup: the parser asks in nearly ascending order, so it is usually right. */
  private hint = 0;

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const h = this.hint;
    const hStart = this.starts[h]!;
    const hNext = this.starts[h + 1];
    if (o >= hStart && (hNext === undefined || o < hNext)) return { offset: o, line: h + 1, column: o - hStart + 1 };
    if (hNext !== undefined && o >= hNext) {
      const after = this.starts[h + 2];
      if (after === undefined || o < after) {
        this.hint = h + 1;
        return { offset: o, line: h + 2, column: o - hNext + 1 };
      }
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { offset: o, line: lo + 1, column: o - this.starts[lo]! + 1 };
  }
  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return "";
    const next = this.starts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, "");
  }
  /** The offset where a 1-based line starts, or undefined past the last line. */
  lineStart(line: number): number | undefined {
    return this.starts[line - 1];
  }
  get lineCount(): number {
    return this.starts.length;
  }
}
