import type { Severity } from "../../../src/language/diagnostics.js";

/**
 * Expectations written on the line they are about, as in Crafting Interpreters' tests:
 *
 *     wait 5            // error[XDC3001]
 *     let load = ...    // warning[XDC2010]
 *
 * A line may carry several marks (`// error[XDC1001] error[XDC1003]`). Marks are read from the
 * text after the first `//` of a line, so they also work inside an unterminated string.
 */
export interface Mark {
  readonly line: number;
  readonly severity: Severity;
  readonly code: string;
}

const MARK = /\b(error|warning|info)\[(XDC\d{4})\]/g;

export const expectedMarks = (source: string): Mark[] =>
  source.split("\n").flatMap((text, i) => {
    const comment = text.indexOf("//");
    if (comment < 0) return [];
    return [...text.slice(comment).matchAll(MARK)].map((m) => ({ line: i + 1, severity: m[1] as Severity, code: m[2]! }));
  });

const key = (m: Mark) => `${m.line}:${m.severity}[${m.code}]`;

/** What was expected and not found, and what was found and not expected, as `line:severity[CODE]`. */
export function compareMarks(expected: readonly Mark[], actual: readonly Mark[]): { missing: string[]; extra: string[] } {
  const remaining = actual.map(key);
  const missing: string[] = [];
  for (const k of expected.map(key)) {
    const i = remaining.indexOf(k);
    if (i >= 0) remaining.splice(i, 1);
    else missing.push(k);
  }
  return { missing, extra: remaining };
}
