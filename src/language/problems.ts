import type * as A from "./ast.js";
import type { Code } from "./codes.js";
import { diagnostic, type Diagnostic, type Label } from "./diagnostics.js";
import { suggest } from "./did-you-mean.js";
import { span, type Span } from "./span.js";
import { show, UNIT_SUFFIX, type ScalarName, type Type } from "./types.js";

/**
 * The problems the checker reports from more than one place, worded once. Messages state the
 * problem (lowercase, no final period, names in backticks); only `help` says what to do.
 */

export interface Hint {
  readonly best?: string;
  readonly notes: readonly string[];
  readonly help?: Diagnostic["help"];
}

/** `help: did you mean `dc2`?` with a maybe-incorrect edit, and a note naming equally close candidates. */
export function didYouMean(at: Span, name: string, candidates: Iterable<string>): Hint {
  const s = suggest(name, candidates);
  if (!s) return { notes: [] };
  return {
    best: s.best,
    help: { message: `did you mean \`${s.best}\`?`, edit: { span: at, newText: s.best, applicability: "maybe-incorrect" } },
    notes: s.alsoClose.length > 0 ? [`${s.alsoClose.map((c) => `\`${c}\``).join(", ")} ${s.alsoClose.length === 1 ? "is" : "are"} just as close`] : [],
  };
}

/** The text a bare number literal should have had: `5` → `5s`. */
export const withUnit = (raw: string, unit: ScalarName) => `${raw}${UNIT_SUFFIX[unit] ?? ""}`;

/**
 * The suffixes a bare number of a unit might have meant, most likely first, when there is
 * more than one reading. A rate is always per second and a percentage always `%`, so those
 * fixes are certain; a duration or a size could be in any of its scales, so the fix is a guess.
 * A duration of a thousand or more is most likely milliseconds (`rto <= 45000`), a smaller one seconds.
 */
const READINGS: Partial<Record<ScalarName, (value: number) => readonly string[]>> = {
  Duration: (n) => (n >= 1000 ? ["ms", "s"] : ["s", "ms"]),
  Bytes: () => ["B", "KB", "MB"],
};

/**
 * XDC3001: a number where a unit type belongs. A literal gets a fix: machine-applicable when
 * the unit has one reading, maybe-incorrect when it picks one of several scales.
 */
export function bareNumber(e: A.Expr, unit: ScalarName): Diagnostic {
  const expected = show({ kind: "scalar", name: unit });
  const suffix = UNIT_SUFFIX[unit] ?? "";
  if (e.kind === "number") {
    const readings = READINGS[unit]?.(e.value);
    if (readings === undefined) {
      return diagnostic("XDC3001", e.span, `expected ${expected}, found a number`, {
        label: "this number has no unit",
        help: { message: `write \`${withUnit(e.raw, unit)}\``, edit: { span: endOf(e.span), newText: suffix, applicability: "machine-applicable" } },
      });
    }
    const [best, ...others] = readings as [string, ...string[]];
    return diagnostic("XDC3001", e.span, `expected ${expected}, found a number`, {
      label: "this number has no unit",
      notes: [`the unit is a guess: ${others.map((o) => `\`${e.raw}${o}\``).join(" or ")} may be what was meant`],
      help: { message: `write \`${e.raw}${best}\``, edit: { span: endOf(e.span), newText: best, applicability: "maybe-incorrect" } },
    });
  }
  // A PromQL reading is bare until the scenario says what it measures; say how, not `* 1s`.
  const promUnit: Partial<Record<ScalarName, string>> = { Duration: "seconds", Rate: "per_second", Percent: "ratio", Bytes: "bytes" };
  if (e.kind === "call" && e.callee.kind === "name" && (e.callee.name === "promql" || e.callee.name === "promql_range") && promUnit[unit] !== undefined) {
    return diagnostic("XDC3001", e.span, `expected ${expected}, found a number`, {
      label: "a PromQL result is a plain number",
      help: { message: `say what it measures, for example \`unit: "${promUnit[unit]}"\`` },
    });
  }
  return diagnostic("XDC3001", e.span, `expected ${expected}, found a number`, {
    label: "this is a plain number",
    help: { message: `give it a unit, for example \`(…) * 1${suffix}\`` },
  });
}

/** XDC3002: the value has the wrong type. */
export const mismatch = (at: Span, expected: Type, found: Type, labels: readonly Label[] = []): Diagnostic =>
  diagnostic("XDC3002", at, `expected ${show(expected)}, found ${show(found)}`, { label: `this is ${show(found)}`, labels });

/** A second of something there may be only one of; a label points at the first. */
export function again(code: Code, at: Span, message: string, first: Span | undefined, help?: string): Diagnostic {
  return diagnostic(code, at, message, {
    label: "again here",
    ...(first ? { labels: [{ span: first, message: "the first one" }] } : {}),
    ...(help !== undefined ? { help: { message: help } } : {}),
  });
}

/** A zero-width span at the end of another, where text is inserted. */
export const endOf = (s: Span): Span => span(s.file, s.end, s.end);
