import type { Diagnostic } from "../diagnostics.js";
import type { Position, Span } from "../span.js";
import type { Renderer } from "./input.js";

/**
 * The machine format, documented in docs/cli.md. A minor `version` bump only adds fields;
 * readers ignore fields they do not know; a major bump changes or removes one. 2.0 gave every
 * place one shape (`location`: `file`, `start`, `end`, each position `line`, `column`,
 * `offset`) where 1.0 had flat `line`/`column`/`endLine`/`endColumn` beside `start`/`end`, and
 * named every field in camelCase (`errorCount`, not `error_count`). Positions are printed as
 * stored: 1-based lines and columns in UTF-16 code units, 0-based offsets, exclusive ends.
 */
export const FORMAT_VERSION = "2.0";

const position = (p: Position) => ({ line: p.line, column: p.column, offset: p.offset });

/** The one shape of a place in a file. */
const location = (s: Span) => ({ file: s.file, start: position(s.start), end: position(s.end) });

function diagnosticJson(d: Diagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    location: location(d.span),
    ...(d.label !== undefined ? { label: d.label } : {}),
    labels: d.labels.map((l) => ({ location: location(l.span), message: l.message })),
    notes: d.notes,
    ...(d.help !== undefined
      ? {
          help: {
            message: d.help.message,
            ...(d.help.edit !== undefined ? { edit: { location: location(d.help.edit.span), newText: d.help.edit.newText, applicability: d.help.edit.applicability } } : {}),
          },
        }
      : {}),
  };
}

export const json: Renderer = (input) => {
  const errors = input.diagnostics.filter((d) => d.severity === "error").length;
  const report = {
    version: FORMAT_VERSION,
    valid: errors === 0,
    errorCount: errors,
    warningCount: input.diagnostics.filter((d) => d.severity === "warning").length,
    diagnostics: input.diagnostics.map(diagnosticJson),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
