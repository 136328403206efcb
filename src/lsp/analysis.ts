import type { Diagnostic } from "../language/diagnostics.js";
import { checkText, type CheckedProgram, type ModuleHost } from "../language/index.js";
import { pathAt, type Node } from "../language/locate.js";
import type { Scope } from "../language/scope.js";
import { Lines } from "./positions.js";

/** One version of one document, checked: what every editor feature reads. */
export interface Analysis {
  readonly uri: string;
  /** The checker's path of the document (a file path, or `std:…` for a standard-library module). */
  readonly path: string;
  readonly version: number;
  readonly text: string;
  readonly lines: Lines;
  readonly program: CheckedProgram;
  /** Every problem found, in this file and in the modules it imports. */
  readonly diagnostics: readonly Diagnostic[];
}

export function analyse(uri: string, path: string, version: number, text: string, host: ModuleHost): Analysis {
  const checked = checkText(text, path, host);
  return { uri, path, version, text, lines: new Lines(text), program: checked.value, diagnostics: checked.diagnostics };
}

/** The nodes of this document at an offset, outermost first. */
export const nodesAt = (a: Analysis, offset: number): Node[] => pathAt(a.program.file, offset);

/**
 * The names visible at an offset: the innermost scope of this file that contains it, or the
 * file's own. Names declared later in the same block are in it too; callers filter by position.
 */
export function scopeAt(a: Analysis, offset: number): Scope | undefined {
  let best: { start: number; end: number; scope: Scope } | undefined;
  for (const s of a.program.scopes ?? []) {
    if (s.span.file !== a.path || s.span.start.offset > offset || offset > s.span.end.offset) continue;
    const size = s.span.end.offset - s.span.start.offset;
    if (!best || size <= best.end - best.start) best = { start: s.span.start.offset, end: s.span.end.offset, scope: s.scope };
  }
  return best?.scope;
}
