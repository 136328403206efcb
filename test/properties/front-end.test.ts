import { expect } from "chai";
import fc from "fast-check";
import { format } from "../../src/language/format.js";
import { checkText, memoryHost } from "../../src/language/index.js";
import { lex } from "../../src/language/lexer.js";
import { parse } from "../../src/language/parse.js";
import { LineMap, type Span } from "../../src/language/span.js";
import { BENCHMARK_SEED, realisticCorpus } from "../support/realistic.js";
import { expectDiagnosticInside, expectInside } from "../support/spans.js";
import { validScenario, xdcLike } from "../support/arbitraries.js";

/** Every span in an AST, found by shape: any object with a `span`. */
function spansOf(node: unknown, out: Span[] = []): Span[] {
  if (Array.isArray(node)) node.forEach((n) => spansOf(n, out));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "span" || key.endsWith("Span")) out.push(value as Span);
      else spansOf(value, out);
    }
  }
  return out;
}

describe("front end properties", () => {
  it("lexing never throws on xdc-like text", () => {
    fc.assert(fc.property(xdcLike(), (text) => {
      lex(text);
    }), { numRuns: 500 });
  });

  it("parsing never throws, and every diagnostic and node lies inside the text", () => {
    fc.assert(fc.property(xdcLike(), (text) => {
      const lines = new LineMap(text);
      const r = parse(text, "p.xdc");
      for (const d of r.diagnostics) expectDiagnosticInside(d, text, "p.xdc", lines);
      for (const s of spansOf(r.value)) expectInside(s, text, lines);
    }), { numRuns: 500 });
  });

  it("checking never throws on xdc-like text, and every diagnostic in the file lies inside it", () => {
    const host = memoryHost({ "lib.xdc": "fault cut(a: DC, b: DC) { partition(a, b) for 1s }\n" });
    fc.assert(fc.property(xdcLike(), (text) => {
      const lines = new LineMap(text);
      for (const d of checkText(text, "p.xdc", host).diagnostics) expectDiagnosticInside(d, text, "p.xdc", lines);
    }), { numRuns: 300 });
  });

  // Up to 120 levels of brackets, blocks included (MAX_NESTING is 128); test/conformance/syntax/deeply-nested.xdc once exhausted the stack.
  it("parses nesting up to 60 levels deep in as many blocks", () => {
    const nest = fc.array(fc.constantFrom(["(", ")"], ["[", "]"], ["-(", ")"], ["not (", ")"], ["f(x: ", ")"], ["{a: ", "}"]), { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(nest, fc.boolean(), (levels, blocks) => {
      const expr = levels.map(([open]) => open).join("") + "1s" + levels.map(([, close]) => close).reverse().join("");
      const body = blocks ? `${"parallel { ".repeat(levels.length)}wait ${expr}${" }".repeat(levels.length)}` : `wait ${expr}`;
      expect(parse(`scenario "s" { run { ${body} } }`, "n.xdc").diagnostics).to.deep.equal([]);
    }), { numRuns: 100 });
  });

  it("reports diagnostics in order of position, each problem once", () => {
    fc.assert(fc.property(xdcLike(), (text) => {
      const ds = parse(text, "p.xdc").diagnostics;
      const keys = ds.map((d) => `${d.code}@${d.span.start.offset}`);
      expect(new Set(keys).size).to.equal(keys.length);
      for (let i = 1; i < ds.length; i++) expect(ds[i]!.span.start.offset).to.be.at.least(ds[i - 1]!.span.start.offset);
    }), { numRuns: 300 });
  });

  it("parses generated valid scenarios cleanly and keeps every comment", () => {
    fc.assert(fc.property(validScenario(), (text) => {
      const r = parse(text, "v.xdc");
      expect(r.diagnostics.map((d) => `${d.span.start.line}: ${d.message}`)).to.deep.equal([]);
      const written = text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];
      expect(r.value.comments.map((c) => c.text)).to.deep.equal(written);
    }), { numRuns: 200 });
  });

  it("formats generated scenarios idempotently, keeping every comment in order", () => {
    const comments = (text: string) => lex(text).comments.map((c) => c.image.replace(/\s+$/, ""));
    fc.assert(fc.property(validScenario(), (text) => {
      const once = format(text, "v.xdc");
      expect(once.diagnostics).to.deep.equal([]);
      expect(format(once.text, "v.xdc").text).to.equal(once.text);
      expect(comments(once.text)).to.deep.equal(comments(text));
    }), { numRuns: 200 });
  });

  it("formatting never throws on xdc-like text, and leaves text with syntax errors as it is", () => {
    fc.assert(fc.property(xdcLike(), (text) => {
      const r = format(text, "p.xdc");
      if (r.diagnostics.length > 0) expect(r.text).to.equal(text);
    }), { numRuns: 300 });
  });

  it("checks the benchmark corpus cleanly, so the benchmarks measure the common path", () => {
    for (const [i, text] of realisticCorpus(BENCHMARK_SEED, 200_000).entries()) {
      expect(checkText(text, `bench/${i}.xdc`).diagnostics.map((d) => `${d.span.file}:${d.span.start.line}: ${d.message}`)).to.deep.equal([]);
    }
  });
});
