import { expect } from "chai";
import fc from "fast-check";
import { memoryHost } from "../../src/language/module-host.js";
import { analyse } from "../../src/lsp/analysis.js";
import { hoverAt } from "../../src/lsp/hover.js";
import { Lines, toRange } from "../../src/lsp/positions.js";
import { diagnosticsFor } from "../../src/lsp/diagnostics.js";
import { Uris } from "../../src/lsp/uris.js";

describe("lsp positions", () => {
  it("counts columns in UTF-16 code units: an emoji is two, an é one", () => {
    const text = `// ¡olé! 😀 in a comment\nlet s = "😀 x" + 5s`;
    const lines = new Lines(text);
    const plus = text.indexOf("+");
    // "let s = " is 8 units, "😀 x" in quotes 6 more (the emoji is a surrogate pair), then a space.
    expect(lines.positionAt(plus)).to.deep.equal({ line: 1, character: 15 });
    expect(lines.offsetAt({ line: 1, character: 15 })).to.equal(plus);
    expect(lines.positionAt(text.indexOf("in a"))).to.deep.equal({ line: 0, character: 12 });
  });

  it("puts the checker's diagnostics where LSP clients expect them after astral characters", () => {
    const text = `// 🚀🚀 launch\nscenario "🛰️ orbit" { environment: sim timeout: 1m run { wait 5 } }\n`;
    const a = analyse("untitled:a", "untitled:a", 1, text, memoryHost());
    const [d] = diagnosticsFor(a.diagnostics, a.path, new Uris());
    const five = text.indexOf("wait 5") + 5;
    expect(d!.code).to.equal("XDC3001");
    expect(d!.range.start).to.deep.equal(a.lines.positionAt(five));
    expect(d!.range.start.character).to.equal(five - text.indexOf("\n") - 1);
  });

  it("finds the node under an LSP position after astral characters", () => {
    const text = `let t = "🎉🎉" // 🎉\nlet d = 250ms\n`;
    const a = analyse("untitled:b", "untitled:b", 1, text, memoryHost());
    const hover = hoverAt(a, a.lines.offsetAt({ line: 0, character: 1 }));
    expect(hover).to.equal(null);
    const onString = hoverAt(a, a.lines.offsetAt({ line: 0, character: 10 }))!;
    expect(onString.range).to.deep.equal({ start: { line: 0, character: 8 }, end: { line: 0, character: 14 } });
  });

  it("clamps a character past the end of a line to its end, before a CRLF", () => {
    const lines = new Lines("ab\r\ncd");
    expect(lines.offsetAt({ line: 0, character: 99 })).to.equal(2);
    expect(lines.offsetAt({ line: 1, character: 1 })).to.equal(5);
    expect(lines.offsetAt({ line: 7, character: 0 })).to.equal(6);
  });

  it("converts spans by subtracting one from line and column", () => {
    const s = { file: "f", start: { offset: 3, line: 2, column: 1 }, end: { offset: 5, line: 2, column: 3 } };
    expect(toRange(s)).to.deep.equal({ start: { line: 1, character: 0 }, end: { line: 1, character: 2 } });
  });

  it("maps every offset to a position and back, whatever the text", () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom("a", "\n", "é", "😀", "\t", "𝄞") }), fc.nat(), (text, n) => {
      const lines = new Lines(text);
      const offset = n % (text.length + 1);
      expect(lines.offsetAt(lines.positionAt(offset))).to.equal(offset);
    }));
  });
});
