/**
 * The layout language the printer builds, after Wadler's "prettier printer" as prettier
 * implements it: text, groups that print on one line when they fit and break all their
 * lines when not, indentation, and comments that wait for the end of the line.
 */
export type Doc = string | readonly Doc[] | Group | Indent | Line | IfBreak | LineSuffix | BreakParent;

export interface Group {
  readonly kind: "group";
  readonly contents: Doc;
}
export interface Indent {
  readonly kind: "indent";
  readonly contents: Doc;
}
/** `soft` is nothing and `space` a space when the group is flat; both are a line break when it breaks. `hard` always breaks. */
export interface Line {
  readonly kind: "line";
  readonly style: "soft" | "space" | "hard";
}
export interface IfBreak {
  readonly kind: "ifBreak";
  readonly broken: Doc;
  readonly flat: Doc;
}
/** Printed just before the next line break: a `//` comment after a list item's comma. */
export interface LineSuffix {
  readonly kind: "lineSuffix";
  readonly contents: Doc;
}
/** Forces every enclosing group to break. */
export interface BreakParent {
  readonly kind: "breakParent";
}

export const group = (contents: Doc): Group => ({ kind: "group", contents });
export const indent = (contents: Doc): Indent => ({ kind: "indent", contents });
export const softline: Line = { kind: "line", style: "soft" };
export const line: Line = { kind: "line", style: "space" };
export const breakParent: BreakParent = { kind: "breakParent" };
export const hardline: Doc = [{ kind: "line", style: "hard" }, breakParent];
export const ifBreak = (broken: Doc, flat: Doc = ""): IfBreak => ({ kind: "ifBreak", broken, flat });
export const lineSuffix = (contents: Doc): LineSuffix => ({ kind: "lineSuffix", contents });

export const join = (separator: Doc, docs: readonly Doc[]): Doc[] => docs.flatMap((d, i) => (i === 0 ? [d] : [separator, d]));
