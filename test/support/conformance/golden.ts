import type { Diagnostic } from "../../../src/language/diagnostics.js";

/**
 * The golden text of a case: one `short`-format line per diagnostic (what editors and CI
 * problem matchers read), followed by its help, which is where fix-its show.
 */
export const renderGolden = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics
    .map((d) => {
      const line = `${d.span.file}:${d.span.start.line}:${d.span.start.column}: ${d.severity}: ${d.message} [${d.code}]\n`;
      return d.help ? `${line}  = help: ${d.help.message}\n` : line;
    })
    .join("");
