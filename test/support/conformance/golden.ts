import type { Diagnostic } from "../../../src/language/diagnostics.js";
import { RENDERERS } from "../../../src/language/render/index.js";

/**
 * The golden text of a case: each diagnostic in `xdc check --format short` (what editors and
 * CI problem matchers read), followed by its help, which is where fix-its show.
 */
export const renderGolden = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics
    .map((d) => {
      const line = RENDERERS.short({ diagnostics: [d], source: () => undefined, fileCount: 1 }, { colour: false });
      return d.help ? `${line}  = help: ${d.help.message}\n` : line;
    })
    .join("");
