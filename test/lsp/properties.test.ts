import { expect } from "chai";
import fc from "fast-check";
import type { Range } from "vscode-languageserver";
import { memoryHost } from "../../src/language/module-host.js";
import { analyse } from "../../src/lsp/analysis.js";
import { completionsAt } from "../../src/lsp/completion.js";
import { hoverAt } from "../../src/lsp/hover.js";
import { definitionAt, referencesAt } from "../../src/lsp/navigation.js";
import { semanticTokens } from "../../src/lsp/semantic-tokens.js";
import { signatureHelpAt } from "../../src/lsp/signature.js";
import { documentSymbols } from "../../src/lsp/symbols.js";
import { Uris } from "../../src/lsp/uris.js";
import { validScenario, xdcLike } from "../support/arbitraries.js";

const URI = "untitled:p";
const uris = new Uris();

/** Whether a range lies within the text's lines, as the client will apply it. */
function inside(text: string, r: Range): boolean {
  const lines = text.split("\n");
  const ok = (p: Range["start"]) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  return ok(r.start) && ok(r.end);
}

describe("lsp features on any text", () => {
  it("never throw, and every range they return lies inside the text", () => {
    const text = fc.oneof(xdcLike(), validScenario());
    fc.assert(fc.property(text, fc.nat(), (source, n) => {
      const a = analyse(URI, URI, 1, source, memoryHost());
      const offset = n % (source.length + 1);
      const hover = hoverAt(a, offset);
      if (hover?.range) expect(inside(source, hover.range), "hover").to.equal(true);
      for (const c of completionsAt(a, offset)) {
        if (c.textEdit && "range" in c.textEdit) expect(inside(source, c.textEdit.range), "completion").to.equal(true);
      }
      signatureHelpAt(a, offset);
      for (const l of [...definitionAt(a, offset, uris), ...referencesAt(a, offset, [], true, uris)]) {
        if (l.uri === URI) expect(inside(source, l.range), "location").to.equal(true);
      }
      const symbols = documentSymbols(a.program.file);
      for (const s of symbols) expect(inside(source, s.range) && inside(source, s.selectionRange), "symbol").to.equal(true);
      expect(semanticTokens(a).data.length % 5).to.equal(0);
    }), { numRuns: 100 });
  });
});
