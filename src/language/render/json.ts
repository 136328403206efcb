import type { Diagnostic } from "../diagnostics.js";
import type { Position, Span } from "../span.js";
import type { Renderer } from "./input.js";

/**
 * The machine format, documented in docs/cli.md. A minor `format_version` bump only adds
 * fields; readers ignore fields they do not know. Positions are printed as stored: 1-based
 * lines and columns in UTF-16 code units, 0-based offsets, exclusive ends.
 */
export const FORMAT_VERSION = "1.0";

const position = (p: Position) => ({ line: p.line, column: p.column, offset: p.offset });

/** Where a span is: flat fields for simple readers, `start`/`end` objects for exact ones. */
const location = (s: Span) => ({
  file: s.file,
  line: s.start.line,
  column: s.start.column,
  endLine: s.end.line,
  endColumn: s.end.column,
});

function diagnosticJson(d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    ...location(d.span),
    message: d.message,
    start: position(d.span.start),
    end: position(d.span.end),
    ...(d.label !== undefined ? { label: d.label } : {}),
    labels: d.labels.map((l) => ({ ...location(l.span), start: position(l.span.start), end: position(l.span.end), message: l.message })),
    notes: d.notes,
    ...(d.help !== undefined
      ? {
          help: {
            message: d.help.message,
            ...(d.help.edit !== undefined
              ? {
                  edit: {
                    ...location(d.help.edit.span),
                    start: position(d.help.edit.span.start),
                    end: position(d.help.edit.span.end),
                    newText: d.help.edit.newText,
                    applicability: d.help.edit.applicability,
                  },
                }
              : {}),
          },
        }
      : {}),
  };
}

export const json: Renderer = (input) => {
  const errors = input.diagnostics.filter((d) => d.severity === "error").length;
  const report = {
    format_version: FORMAT_VERSION,
    valid: errors === 0,
    error_count: errors,
    warning_count: input.diagnostics.filter((d) => d.severity === "warning").length,
    diagnostics: input.diagnostics.map(diagnosticJson),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
