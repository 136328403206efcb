import { displayWidth } from "../columns.js";
import type { Doc, Group } from "./doc.js";

/**
 * Lays a Doc out in lines of at most `width` columns where groups allow it. A group breaks
 * when it does not fit in the rest of the line, or when it contains a forced break (a hard
 * line, a comment that runs to the end of the line, text with a line break in it).
 */

type Mode = "flat" | "break";
interface Command {
  readonly indent: number;
  readonly mode: Mode;
  readonly doc: Doc;
}

export function layout(doc: Doc, width: number): string {
  const broken = new Set<Group>();
  markBreaks(doc, broken);
  const out: string[] = [];
  let column = 0;
  let suffixes: Command[] = [];
  const stack: Command[] = [{ indent: 0, mode: "break", doc }];
  while (stack.length > 0) {
    const command = stack.pop()!;
    const { indent, mode, doc: d } = command;
    if (typeof d === "string") {
      out.push(d);
      const lastBreak = d.lastIndexOf("\n");
      column = lastBreak < 0 ? column + displayWidth(d) : displayWidth(d.slice(lastBreak + 1));
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) stack.push({ indent, mode, doc: d[i]! });
      continue;
    }
    const node = d as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case "group": {
        const flat: Command = { indent, mode: "flat", doc: node.contents };
        const fitsFlat = !broken.has(node) && (mode === "flat" || fits(flat, stack, width - column, broken));
        stack.push(fitsFlat ? flat : { indent, mode: "break", doc: node.contents });
        break;
      }
      case "indent":
        stack.push({ indent: indent + 2, mode, doc: node.contents });
        break;
      case "ifBreak":
        stack.push({ indent, mode, doc: mode === "break" ? node.broken : node.flat });
        break;
      case "lineSuffix":
        suffixes.push({ indent, mode, doc: node.contents });
        break;
      case "breakParent":
        break;
      case "line":
        if (mode === "flat" && node.style !== "hard") {
          if (node.style === "space") {
            out.push(" ");
            column += 1;
          }
          break;
        }
        if (suffixes.length > 0) {
          // Comments waiting for the end of the line go first, then this line break again.
          stack.push(command, ...suffixes.reverse());
          suffixes = [];
          break;
        }
        trimTrailingSpace(out);
        out.push("\n" + " ".repeat(indent));
        column = indent;
        break;
    }
  }
  for (const s of suffixes) out.push(layout(s.doc, width));
  trimTrailingSpace(out);
  return out.join("");
}

/** Whether `next` fits flat in `room` columns, followed by what the stack prints up to its next line break. */
function fits(next: Command, rest: readonly Command[], room: number, broken: ReadonlySet<Group>): boolean {
  const pending: Command[] = [next];
  let restIndex = rest.length;
  let left = room;
  while (left >= 0) {
    const command = pending.pop() ?? (restIndex > 0 ? rest[--restIndex] : undefined);
    if (command === undefined) return true;
    const { mode, doc: d } = command;
    if (typeof d === "string") {
      const lineBreak = d.indexOf("\n");
      left -= displayWidth(lineBreak < 0 ? d : d.slice(0, lineBreak));
      if (lineBreak >= 0) return left >= 0;
      continue;
    }
    if (Array.isArray(d)) {
      for (let i = d.length - 1; i >= 0; i--) pending.push({ indent: 0, mode, doc: d[i]! });
      continue;
    }
    const node = d as Exclude<Doc, string | readonly Doc[]>;
    switch (node.kind) {
      case "group":
        pending.push({ indent: 0, mode: broken.has(node) ? "break" : mode, doc: node.contents });
        break;
      case "indent":
        pending.push({ indent: 0, mode, doc: node.contents });
        break;
      case "ifBreak":
        pending.push({ indent: 0, mode, doc: mode === "break" ? node.broken : node.flat });
        break;
      case "line":
        if (mode === "break" || node.style === "hard") return true;
        if (node.style === "space") left -= 1;
        break;
      case "lineSuffix":
      case "breakParent":
        break;
    }
  }
  return false;
}

/** Records the groups that must break; returns whether `d` forces its enclosing groups to break. */
function markBreaks(d: Doc, broken: Set<Group>): boolean {
  if (typeof d === "string") return d.includes("\n");
  if (Array.isArray(d)) {
    let forces = false;
    for (const child of d) forces = markBreaks(child, broken) || forces;
    return forces;
  }
  const node = d as Exclude<Doc, string | readonly Doc[]>;
  switch (node.kind) {
    case "group": {
      const forces = markBreaks(node.contents, broken);
      if (forces) broken.add(node);
      return forces;
    }
    case "indent":
    case "lineSuffix":
      return markBreaks(node.contents, broken);
    case "ifBreak":
      return [markBreaks(node.broken, broken), markBreaks(node.flat, broken)].includes(true);
    case "line":
      return node.style === "hard";
    case "breakParent":
      return true;
  }
}

function trimTrailingSpace(out: string[]): void {
  while (out.length > 0) {
    const trimmed = out[out.length - 1]!.replace(/[ \t]+$/, "");
    if (trimmed !== "") {
      out[out.length - 1] = trimmed;
      return;
    }
    out.pop();
  }
}
