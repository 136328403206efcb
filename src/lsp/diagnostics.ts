import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Diagnostic as LspDiagnostic, type Range } from "vscode-languageserver";
import type { Diagnostic, Severity } from "../language/diagnostics.js";
import { toRange } from "./positions.js";
import type { Uris } from "./uris.js";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A checker diagnostic as the editor shows it: the same code and message as `xdc check`,
 * the label, notes and help under it, and the other spans as related information (which may
 * lie in an imported file).
 */
export function toLspDiagnostic(d: Diagnostic, uris: Uris): LspDiagnostic {
  const lines = [d.message];
  if (d.label !== undefined) lines.push(d.label);
  for (const n of d.notes) lines.push(`note: ${n}`);
  if (d.help) lines.push(`help: ${d.help.message}`);
  return {
    range: toRange(d.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: "xdc",
    message: lines.join("\n"),
    ...(d.labels.length > 0
      ? { relatedInformation: d.labels.map((l) => ({ location: { uri: uris.uriOf(l.span.file), range: toRange(l.span) }, message: l.message })) }
      : {}),
  };
}

/** The diagnostics of one document: a check also reports problems inside the files it imports, which belong to those. */
export const diagnosticsFor = (all: readonly Diagnostic[], path: string, uris: Uris): LspDiagnostic[] =>
  all.filter((d) => d.span.file === path).map((d) => toLspDiagnostic(d, uris));

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

/** Quick fixes: each diagnostic's suggested edit in the range; only machine-applicable ones are preferred. */
export function quickFixes(all: readonly Diagnostic[], path: string, uri: string, range: Range, uris: Uris): CodeAction[] {
  return all.filter((d) => d.span.file === path && d.help?.edit && d.help.edit.span.file === path && overlaps(toRange(d.span), range)).map((d) => ({
    title: d.help!.message,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toLspDiagnostic(d, uris)],
    isPreferred: d.help!.edit!.applicability === "machine-applicable",
    edit: { changes: { [uri]: [{ range: toRange(d.help!.edit!.span), newText: d.help!.edit!.newText }] } },
  }));
}
