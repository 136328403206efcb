import { cellOf, displayLine, type DisplayLine } from "../columns.js";
import type { LineMap, Span } from "../span.js";

/**
 * The source part of the human format: the lines the spans touch, each followed by rows of
 * marks (`^^^` under the primary span, `---` under labels) and the labels' words, laid out
 * the way rustc does. Positions are in terminal cells, so carets stay under the right
 * characters after tabs, wide characters and surrogate pairs.
 */

export type Style = "plain" | "primary" | "secondary";
export interface Part {
  readonly text: string;
  readonly style: Style;
}

export type Row =
  | { readonly kind: "source"; readonly line: number; readonly text: string }
  | { readonly kind: "marks"; readonly parts: readonly Part[] }
  /** Lines left out between two shown ones. */
  | { readonly kind: "gap" };

export interface Annotation {
  readonly span: Span;
  readonly primary: boolean;
  readonly message?: string;
}

interface Mark {
  readonly start: number;
  /** Exclusive; at least one cell after start, so an empty span still gets one caret. */
  readonly end: number;
  readonly style: Style;
  readonly message?: string;
}

export function snippet(lines: LineMap, annotations: readonly Annotation[]): Row[] {
  const byLine = new Map<number, Annotation[]>();
  for (const a of annotations) {
    if (a.span.start.line > lines.lineCount) continue;
    byLine.set(a.span.start.line, [...(byLine.get(a.span.start.line) ?? []), a]);
  }
  const rows: Row[] = [];
  let previous: number | undefined;
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    // One skipped line costs as much room as the `...` that would stand for it, so show it.
    if (previous !== undefined && line - previous === 2) rows.push(sourceRow(lines, previous + 1));
    else if (previous !== undefined && line - previous > 2) rows.push({ kind: "gap" });
    const shown = displayLine(lines.lineText(line));
    rows.push({ kind: "source", line, text: shown.text });
    const marks = byLine.get(line)!.map((a) => markOf(shown, a));
    for (const parts of markRows(marks)) rows.push({ kind: "marks", parts });
    previous = line;
  }
  return rows;
}

const sourceRow = (lines: LineMap, line: number): Row => ({ kind: "source", line, text: displayLine(lines.lineText(line)).text });

function markOf(line: DisplayLine, a: Annotation): Mark {
  const { start, end } = a.span;
  const width = line.cells[line.cells.length - 1]!;
  // A span that ends at the very start of the next line covers its line and the line break: one line.
  const toNextLineStart = end.line === start.line + 1 && end.column === 1;
  const multiline = end.line > start.line && !toNextLineStart;
  const first = cellOf(line, start.column);
  const last = end.line === start.line ? cellOf(line, end.column) : width;
  const message = multiline ? (a.message !== undefined ? `${a.message} (ends on line ${end.line})` : `ends on line ${end.line}`) : a.message;
  return {
    start: first,
    end: Math.max(first + 1, last),
    style: a.primary ? "primary" : "secondary",
    ...(message !== undefined && message !== "" ? { message } : {}),
  };
}

const CARET: Record<Style, string> = { primary: "^", secondary: "-", plain: " " };

/**
 * rustc's layout: the rightmost label sits on the marks row when nothing extends past it;
 * every other label hangs below on a `|` from the start of its marks, rightmost first, so
 * no label crosses another's line.
 */
function markRows(marks: readonly Mark[]): Part[][] {
  const underline = new Canvas();
  // Primary marks are drawn last so that they win where spans overlap.
  for (const m of [...marks].sort((a, b) => Number(a.style === "primary") - Number(b.style === "primary"))) {
    underline.put(m.start, CARET[m.style].repeat(m.end - m.start), m.style);
  }
  const labelled = marks.filter((m) => m.message !== undefined).sort((a, b) => a.start - b.start || a.end - b.end);
  const furthest = Math.max(...marks.map((m) => m.end));
  const last = labelled[labelled.length - 1];
  const inline = last !== undefined && last.end >= furthest ? last : undefined;
  if (inline) underline.put(inline.end + 1, inline.message!, inline.style);
  const hanging = labelled.filter((m) => m !== inline).reverse();
  const rows = [underline];
  if (hanging.length > 0) {
    const connector = new Canvas();
    for (const m of hanging) connector.put(m.start, "|", m.style);
    rows.push(connector);
    hanging.forEach((m, i) => {
      const row = new Canvas();
      for (const left of hanging.slice(i + 1)) row.put(left.start, "|", left.style);
      row.put(m.start, m.message!, m.style);
      rows.push(row);
    });
  }
  return rows.map((r) => r.parts());
}

/** A row of cells to draw marks and words into, read back as runs of one style. */
class Canvas {
  private readonly cells: { ch: string; style: Style }[] = [];

  put(column: number, text: string, style: Style): void {
    let at = column;
    for (const ch of text) {
      while (this.cells.length < at) this.cells.push({ ch: " ", style: "plain" });
      this.cells[at++] = { ch, style };
    }
  }

  parts(): Part[] {
    let end = this.cells.length;
    while (end > 0 && this.cells[end - 1]!.ch === " ") end--;
    const parts: { text: string; style: Style }[] = [];
    for (const cell of this.cells.slice(0, end)) {
      const style = cell.ch === " " ? "plain" : cell.style;
      const lastPart = parts[parts.length - 1];
      if (lastPart && lastPart.style === style) lastPart.text += cell.ch;
      else parts.push({ text: cell.ch, style });
    }
    return parts;
  }
}
