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

export const errorCount = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === "error").length;

export function assertNever(x: never): never {
  throw new Error(`xdc bug: unexpected ${JSON.stringify(x)}`);
}
