import type * as A from "./ast.js";
import type { Span } from "./span.js";

/**
 * Finding the syntax at a position, for the language server: every AST node is plain
 * readonly data with a `span`, so one generic descent serves every node kind, and a new
 * node kind needs no change here.
 */

/** Anything in the AST that has a span: items, statements, expressions, arguments, names. */
export type Node = { readonly span: Span } & object;

/** Keys that hold spans of a node's parts, or the comments list, rather than child nodes. */
const NOT_CHILDREN = new Set(["span", "opSpan", "phaseSpan", "keywordSpan", "inSpan", "comments"]);

const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && "span" in v && !Array.isArray(v);

/** The node's direct children, in source order. */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    if (Array.isArray(value)) {
      for (const v of value) if (isNode(v)) out.push(v);
    } else if (isNode(value)) out.push(value);
  }
  return out.sort((a, b) => a.span.start.offset - b.span.start.offset);
}

/** Whether the offset lies within the span; its end counts, so a name is found with the cursor just after it. */
export const contains = (s: Span, offset: number) => s.start.offset <= offset && offset <= s.end.offset;

/**
 * The nodes that contain the offset, from the file down to the innermost. Where two touch
 * (`a,b` with the cursor after `a`), the one the offset is strictly inside wins, then the
 * one that ends there.
 */
export function pathAt(file: A.SourceFile, offset: number): Node[] {
  const path: Node[] = [file];
  for (;;) {
    const here = children(path[path.length - 1]!).filter((c) => contains(c.span, offset));
    const next = here.find((c) => offset < c.span.end.offset) ?? here[0];
    if (!next) return path;
    path.push(next);
  }
}

/** Every node under the root, the root first, depth first in source order. */
export function* descendants(root: Node): Generator<Node> {
  // An explicit stack, not nested generators: a chain of thousands of `+` is a tree that deep.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const cs = children(node);
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]!);
  }
}

/** The comment containing the offset, if any (no completion or hover inside a comment). */
export const commentAt = (file: A.SourceFile, offset: number): A.Comment | undefined =>
  file.comments.find((c) => c.span.start.offset < offset && offset <= c.span.end.offset && (c.kind === "line" || offset < c.span.end.offset));
