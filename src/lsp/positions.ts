import type { Position as LspPosition, Range } from "vscode-languageserver";
import { LineMap, type Position, type Span } from "../language/span.js";

/**
 * Spans and LSP positions. Both count columns in UTF-16 code units (JavaScript string
 * indices), so a column converts by subtracting one; only lines and offsets need the text.
 * Lines break at `\n` (a `\r\n` pair ends its line at the `\r`), as the checker's LineMap counts.
 */
export const toLspPosition = (p: Position): LspPosition => ({ line: p.line - 1, character: p.column - 1 });

export const toRange = (s: Span): Range => ({ start: toLspPosition(s.start), end: toLspPosition(s.end) });

/** LSP positions of one text and its offsets, both ways. */
export class Lines {
  private readonly map: LineMap;
  constructor(readonly text: string) {
    this.map = new LineMap(text);
  }

  /**
   * The offset of an LSP position. A character past the line's end means the end of the line
   * and a line past the last means the end of the text, as the protocol asks.
   */
  offsetAt(p: LspPosition): number {
    const start = this.map.lineStart(p.line + 1);
    if (start === undefined) return this.text.length;
    const next = this.map.lineStart(p.line + 2);
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.min(start + Math.max(0, p.character), end);
  }

  /** The LSP position of an offset. */
  positionAt(offset: number): LspPosition {
    return toLspPosition(this.map.position(offset));
  }

  /** The range from one offset to another. */
  range(from: number, to: number): Range {
    return { start: this.positionAt(from), end: this.positionAt(to) };
  }
}
