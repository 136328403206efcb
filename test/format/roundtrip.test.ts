import { expect } from "chai";
import fc from "fast-check";
import { format } from "../../src/language/format.js";
import { lex } from "../../src/language/lexer.js";
import { parse } from "../../src/language/parse.js";
import { printFile } from "../../src/language/printer/print.js";
import { commentTexts, shape } from "../../src/language/printer/shape.js";
import { sourceFile } from "./ast.arbitrary.js";

/** 100 runs keep `npm test` quick; soak with `XDC_PROPERTY_RUNS=5000 npx mocha test/format/roundtrip.test.ts`. */
const runs = { numRuns: Number(process.env["XDC_PROPERTY_RUNS"] ?? 100) };

describe("format (properties)", function () {
  // Generous: a shared, loaded machine can be ten times slower than an idle one.
  this.timeout(120_000);

  it("prints a generated AST as text that parses back to the same AST", () => {
    fc.assert(
      fc.property(sourceFile, (ast) => {
        const text = printFile(ast);
        const back = parse(text, "gen.xdc");
        expect(back.diagnostics.map((d) => `${d.code} ${d.message} at ${d.span.start.line}:${d.span.start.column}`), text).to.deep.equal([]);
        expect(shape(back.value), text).to.deep.equal(shape(ast));
      }),
      runs,
    );
  });

  it("is idempotent on printed ASTs", () => {
    fc.assert(
      fc.property(sourceFile, (ast) => {
        const once = format(printFile(ast), "gen.xdc").text;
        expect(format(once, "gen.xdc").text).to.equal(once);
      }),
      runs,
    );
  });

  it("keeps every comment, wherever between two tokens it is, and stays idempotent", () => {
    const withComments = sourceFile.chain((ast) => {
      const text = printFile(ast);
      const boundaries = [0, ...lex(text).tokens.map((t) => t.startOffset + t.image.length)];
      const comment = fc.tuple(fc.constantFrom(...boundaries), fc.constantFrom("line", "block", "block-multiline"), fc.constantFrom(" ", "\n", "\n\n", ""));
      return fc.tuple(fc.constant(text), fc.array(comment, { maxLength: 6 }));
    });
    fc.assert(
      fc.property(withComments, ([text, inserts]) => {
        let out = text;
        // Insert from the end, so earlier offsets stay valid; number them in source order.
        const ordered = [...inserts].sort((a, b) => b[0] - a[0]);
        ordered.forEach(([offset, kind, gap], i) => {
          const n = ordered.length - i;
          const c = kind === "line" ? `// c${n}\n` : kind === "block" ? `/* c${n} */` : `/* c${n}\n   more */`;
          // Right after a `/` operator, `//` or `/*` would swallow it: keep a space there.
          const space = gap === "" && out[offset - 1] === "/" ? " " : gap;
          out = `${out.slice(0, offset)}${space}${c}${space}${out.slice(offset)}`;
        });
        const before = parse(out, "gen.xdc");
        const once = format(out, "gen.xdc");
        expect(once.diagnostics).to.deep.equal([]);
        const after = parse(once.text, "gen.xdc");
        expect(commentTexts(after.value)).to.deep.equal(commentTexts(before.value));
        expect(shape(after.value)).to.deep.equal(shape(before.value));
        expect(format(once.text, "gen.xdc").text, once.text).to.equal(once.text);
      }),
      runs,
    );
  });
});
