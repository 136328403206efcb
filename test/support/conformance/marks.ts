import type { Severity } from "../../../src/language/diagnostics.js";

/**
 * Expectations written on the line they are about, as in Crafting Interpreters' tests:
 *
 *     wait 5            // error[XDC3001]
 *     let load = ...    // warning[XDC2010]
 *     let = 3           // error[XDC1001]@9
 *
 * `@N` pins the column where the diagnostic starts, for cases about where an error points.
 * A line may carry several marks (`// error[XDC1001] error[XDC1003]`). Marks are read from the
 * text after the first `//` of a line, so they also work inside an unterminated string.
 */
export interface Mark {
  readonly line: number;
  readonly column?: number;
  readonly severity: Severity;
  readonly code: string;
}

const MARK = /\b(error|warning|info)\[(XDC\d{4})\](?:@(\d+))?/g;

export const expectedMarks = (source: string): Mark[] =>
  source.split("\n").flatMap((text, i) => {
    const comment = text.indexOf("//");
    if (comment < 0) return [];
    return [...text.slice(comment).matchAll(MARK)].map((m) => ({
      line: i + 1,
      severity: m[1] as Severity,
      code: m[2]!,
      ...(m[3] !== undefined ? { column: Number(m[3]) } : {}),
    }));
  });

const show = (m: Mark) => `${m.line}${m.column !== undefined ? `:${m.column}` : ""}:${m.severity}[${m.code}]`;
const fits = (expected: Mark, actual: Mark) =>
  expected.line === actual.line && expected.severity === actual.severity && expected.code === actual.code &&
  (expected.column === undefined || expected.column === actual.column);

/** What was expected and not found, and what was found and not expected, as `line[:col]:severity[CODE]`. */
export function compareMarks(expected: readonly Mark[], actual: readonly Mark[]): { missing: string[]; extra: string[] } {
  const remaining = [...actual];
  const missing: string[] = [];
  // Marks with a column first, so that a mark without one cannot take the diagnostic a pinned mark needs.
  for (const m of [...expected].sort((a, b) => (a.column === undefined ? 1 : 0) - (b.column === undefined ? 1 : 0))) {
    const i = remaining.findIndex((a) => fits(m, a));
    if (i >= 0) remaining.splice(i, 1);
    else missing.push(show(m));
  }
  return { missing, extra: remaining.map((a) => show({ line: a.line, severity: a.severity, code: a.code })) };
}
