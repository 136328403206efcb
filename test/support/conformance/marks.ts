import type { Severity } from "../../../src/language/diagnostics.js";

/**
 * Expectations written on the line they are about, as in Crafting Interpreters' tests:
 *
 *     wait 5            // error[XDC3001]
 *     let load = ...    // warning[XDC2010]
 *     let = 3           // error[XDC1001]@9
 *     wait 5            // error[XDC3001] help "5s"
 *
 * `@N` pins the column where the diagnostic starts, for cases about where an error points;
 * `help "TEXT"` requires the diagnostic's help to contain TEXT, for cases about the fix.
 * A line may carry several marks (`// error[XDC1001] error[XDC1003]`). Marks are read from the
 * text after the first `//` of a line, so they also work inside an unterminated string.
 */
export interface Mark {
  readonly line: number;
  readonly column?: number;
  /** Text the help must contain (expected marks); the help itself (actual diagnostics). */
  readonly help?: string;
  readonly severity: Severity;
  readonly code: string;
}

const MARK = /\b(error|warning|info)\[(XDC\d{4})\](?:@(\d+))?(?:\s+help\s+"([^"]*)")?/g;

export const expectedMarks = (source: string): Mark[] =>
  source.split("\n").flatMap((text, i) => {
    const comment = text.indexOf("//");
    if (comment < 0) return [];
    return [...text.slice(comment).matchAll(MARK)].map((m) => ({
      line: i + 1,
      severity: m[1] as Severity,
      code: m[2]!,
      ...(m[3] !== undefined ? { column: Number(m[3]) } : {}),
      ...(m[4] !== undefined ? { help: m[4] } : {}),
    }));
  });

const show = (m: Mark) =>
  `${m.line}${m.column !== undefined ? `:${m.column}` : ""}:${m.severity}[${m.code}]${m.help !== undefined ? ` help "${m.help}"` : ""}`;
const fits = (expected: Mark, actual: Mark) =>
  expected.line === actual.line && expected.severity === actual.severity && expected.code === actual.code &&
  (expected.column === undefined || expected.column === actual.column) &&
  (expected.help === undefined || (actual.help ?? "").includes(expected.help));
/** How specific a mark is: pinned marks must get their diagnostic before looser ones take it. */
const pins = (m: Mark) => (m.column !== undefined ? 1 : 0) + (m.help !== undefined ? 1 : 0);

/** What was expected and not found, and what was found and not expected, as `line[:col]:severity[CODE]`. */
export function compareMarks(expected: readonly Mark[], actual: readonly Mark[]): { missing: string[]; extra: string[] } {
  const remaining = [...actual];
  const missing: string[] = [];
  for (const m of [...expected].sort((a, b) => pins(b) - pins(a))) {
    const i = remaining.findIndex((a) => fits(m, a));
    if (i >= 0) remaining.splice(i, 1);
    else missing.push(show(m));
  }
  return { missing, extra: remaining.map((a) => show({ line: a.line, severity: a.severity, code: a.code })) };
}
