/**
 * How wide text is on a terminal. Spans count UTF-16 code units; a terminal counts cells:
 * a tab is several, a CJK ideograph or an emoji two, a combining accent none. The human
 * diagnostic format needs cells to put carets under the right characters, and the
 * formatter needs them to decide what fits in a line.
 */

/** Columns a tab advances to, as rustc shows it: the source line is printed with tabs expanded. */
export const TAB_WIDTH = 4;

/** East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth.txt, W and F), as [first, last]. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x231a, 0x231b], [0x2329, 0x232a], [0x23e9, 0x23ec], [0x23f0, 0x23f0],
  [0x23f3, 0x23f3], [0x25fd, 0x25fe], [0x2614, 0x2615], [0x2648, 0x2653], [0x267f, 0x267f],
  [0x2693, 0x2693], [0x26a1, 0x26a1], [0x26aa, 0x26ab], [0x26bd, 0x26be], [0x26c4, 0x26c5],
  [0x26ce, 0x26ce], [0x26d4, 0x26d4], [0x26ea, 0x26ea], [0x26f2, 0x26f3], [0x26f5, 0x26f5],
  [0x26fa, 0x26fa], [0x26fd, 0x26fd], [0x2705, 0x2705], [0x270a, 0x270b], [0x2728, 0x2728],
  [0x274c, 0x274c], [0x274e, 0x274e], [0x2753, 0x2755], [0x2757, 0x2757], [0x2795, 0x2797],
  [0x27b0, 0x27b0], [0x27bf, 0x27bf], [0x2b1b, 0x2b1c], [0x2b50, 0x2b50], [0x2b55, 0x2b55],
  [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe10, 0xfe19], [0xfe30, 0xfe6f],
  [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4], [0x17000, 0x18cd5], [0x1b000, 0x1b2fb],
  [0x1f004, 0x1f004], [0x1f0cf, 0x1f0cf], [0x1f18e, 0x1f18e], [0x1f191, 0x1f19a], [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f], [0x1f680, 0x1f6ff], [0x1f7e0, 0x1f7eb], [0x1f90c, 0x1f9ff], [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]$/u;

function isWide(code: number): boolean {
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = WIDE[mid]!;
    if (code < first) hi = mid - 1;
    else if (code > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Cells one code point takes (tabs are handled by the caller, since they depend on the column). */
export function codePointWidth(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code < 0x7f) return 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  return isWide(code) ? 2 : 1;
}

/** Cells a string takes from column 0, tabs expanded to the next multiple of TAB_WIDTH. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width = ch === "\t" ? width + TAB_WIDTH - (width % TAB_WIDTH) : width + codePointWidth(ch);
  return width;
}

/** A source line as a terminal shows it, with the cell where each UTF-16 index starts. */
export interface DisplayLine {
  /** The line with tabs expanded to spaces and control characters made visible. */
  readonly text: string;
  /** `cells[i]` is the cell where code unit `i` starts; `cells[length]` is the line's width. */
  readonly cells: readonly number[];
}

export function displayLine(line: string): DisplayLine {
  let text = "";
  const cells: number[] = [];
  let cell = 0;
  for (const ch of line) {
    for (let k = 0; k < ch.length; k++) cells.push(cell);
    if (ch === "\t") {
      const next = cell + TAB_WIDTH - (cell % TAB_WIDTH);
      text += " ".repeat(next - cell);
      cell = next;
      continue;
    }
    const code = ch.codePointAt(0)!;
    // A raw control character would move the terminal's cursor; show its Unicode picture instead.
    text += code < 0x20 ? String.fromCodePoint(0x2400 + code) : code === 0x7f ? "\u2421" : ch;
    cell += code < 0x20 || code === 0x7f ? 1 : codePointWidth(ch);
  }
  cells.push(cell);
  return { text, cells };
}

/** The cell of a 1-based UTF-16 column of the line; a column past the end lies that far after it. */
export function cellOf(line: DisplayLine, column: number): number {
  const index = column - 1;
  const last = line.cells.length - 1;
  if (index <= last) return line.cells[Math.max(0, index)]!;
  return line.cells[last]! + (index - last);
}
