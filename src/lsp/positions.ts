import type { Position as LspPosition, Range } from "vscode-languageserver";
import type { Position, Span } from "../language/span.js";

/**
 * Spans and LSP positions. Both count columns in UTF-16 code units (JavaScript string
 * indices), so a column converts by subtracting one; only lines and offsets need the text.
 * Lines break at `\n` (a `\r\n` pair ends its line at the `\r`), as the checker's LineMap counts.
 */
export const toLspPosition = (p: Position): LspPosition => ({ line: p.line - 1, character: p.column - 1 });

export const toRange = (s: Span): Range => ({ start: toLspPosition(s.start), end: toLspPosition(s.end) });

/** Line starts of one text, for turning LSP positions into offsets. */
export class Lines {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  /**
   * The offset of an LSP position. A character past the line's end means the end of the line
   * and a line past the last means the end of the text, as the protocol asks.
   */
  offsetAt(p: LspPosition): number {
    const start = this.starts[p.line];
    if (start === undefined) return this.text.length;
    const next = this.starts[p.line + 1];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.min(start + Math.max(0, p.character), end);
  }

  /** The LSP position of an offset. */
  positionAt(offset: number): LspPosition {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** The range from one offset to another. */
  range(from: number, to: number): Range {
    return { start: this.positionAt(from), end: this.positionAt(to) };
  }
}
