import type { Code } from "./codes.js";
import type { Span } from "./span.js";

export type Severity = "error" | "warning" | "info";

/** rustc's applicability: only machine-applicable edits may be applied without asking. */
export type Applicability = "machine-applicable" | "maybe-incorrect" | "has-placeholders";

export interface Edit {
  readonly span: Span;
  readonly newText: string;
  readonly applicability: Applicability;
}

export interface Label {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: Code;
  readonly severity: Severity;
  /** The problem, one line, lowercase, no final period, names in backticks. */
  readonly message: string;
  /** The smallest span that shows it. */
  readonly span: Span;
  /** Words under the primary span's carets. */
  readonly label?: string;
  /** Other spans, a few words each. */
  readonly labels: readonly Label[];
  /** Background, no span. */
  readonly notes: readonly string[];
  readonly help?: { readonly message: string; readonly edit?: Edit };
}

/** What every pure pipeline stage returns: a value, and what it found wrong on the way. */
export interface Result<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
}

export function diagnostic(
  code: Code,
  span: Span,
  message: string,
  extra: Partial<Omit<Diagnostic, "code" | "span" | "message">> = {},
): Diagnostic {
  return { code, span, message, severity: extra.severity ?? "error", labels: extra.labels ?? [], notes: extra.notes ?? [],
    ...(extra.label !== undefined ? { label: extra.label } : {}),
    ...(extra.help !== undefined ? { help: extra.help } : {}) };
}

export const byPosition = (a: Diagnostic, b: Diagnostic) =>
  a.span.file.localeCompare(b.span.file) || a.span.start.offset - b.span.start.offset || a.code.localeCompare(b.code);

/** Errors shown per file; the rest are counted in a note on the last one shown. */
export const MAX_ERRORS_PER_FILE = 20;

/**
 * At most MAX_ERRORS_PER_FILE errors for each file, in the order given (sort first); the
 * last one kept says how many more there were. Past that many, later errors are mostly
 * echoes of earlier ones, and a flood hides the first, which is the one to fix.
 */
export function capErrors(ds: readonly Diagnostic[], max = MAX_ERRORS_PER_FILE): Diagnostic[] {
  const total = new Map<string, number>();
  for (const d of ds) if (d.severity === "error") total.set(d.span.file, (total.get(d.span.file) ?? 0) + 1);
  if (![...total.values()].some((n) => n > max)) return [...ds];
  const seen = new Map<string, number>();
  const out: Diagnostic[] = [];
  for (const d of ds) {
    if (d.severity !== "error") {
      out.push(d);
      continue;
    }
    const n = (seen.get(d.span.file) ?? 0) + 1;
    seen.set(d.span.file, n);
    if (n < max) out.push(d);
    else if (n === max) {
      const rest = total.get(d.span.file)! - max;
      out.push(rest === 0 ? d : { ...d, notes: [...d.notes, `${rest} more error${rest === 1 ? "" : "s"} in this file not shown: fix these and check again`] });
    }
  }
  return out;
}

/**
 * Source text quoted in a message: control characters escaped (they would move the
 * terminal's cursor) and long tokens cut short, so a message stays one readable line.
 */
export function excerpt(text: string, max = 32): string {
  const chars = [...text];
  const shown = chars.length > max ? chars.slice(0, max - 8).join("") + "…" : text;
  return shown.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

export const errorCount = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === "error").length;

export function assertNever(x: never): never {
  throw new Error(`xdc bug: unexpected ${JSON.stringify(x)}`);
}
