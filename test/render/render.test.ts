import { expect } from "chai";
import { diagnostic } from "../../src/language/diagnostics.js";
import { FORMAT_NAMES, render, type FormatName } from "../../src/language/render/index.js";
import { MAX_ANNOTATIONS } from "../../src/language/render/github.js";
import { span } from "../../src/language/span.js";
import { expectGolden } from "../golden.js";
import { cases, source } from "./cases.js";

const output = (format: FormatName, colour = false) => render(format, { diagnostics: cases(), source, fileCount: 5 }, { colour });
const ANSI = /\u001b\[[0-9;]*m/g;

describe("render", () => {
  for (const format of FORMAT_NAMES) {
    it(`renders the cases as test/render/${format}.golden.txt`, () => {
      expectGolden(new URL(`./${format}.golden.txt`, import.meta.url), output(format));
    });
  }

  describe("human", () => {
    const plain = output("human");
    const block = (code: string, nth = 0) => plain.split("\n\n").filter((b) => b.includes(`[${code}]`))[nth]!;

    it("puts carets under the right characters after tabs and wide characters", () => {
      const lines = block("XDC2001").split("\n");
      const sourceLine = lines.find((l) => l.startsWith("4 |"))!;
      const marks = lines[lines.indexOf(sourceLine) + 1]!;
      // Tabs become four columns; 名前 is two wide characters, four cells; 🎉 is one wide
      // character of two UTF-16 code units, two cells. Each wide character counts twice.
      const cells = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff]|\p{Emoji_Presentation}/u.test(ch) ? 2 : 1), 0);
      const before = (needle: string) => cells(sourceLine.slice(0, sourceLine.indexOf(needle)));
      expect(marks.indexOf("^^^^ ")).to.equal(before("名前"));
      expect(marks.indexOf("-- not a name either")).to.equal(before("🎉"));
      expect(lines).to.include("  |                        not declared");
    });

    it("shows a zero-width span at the end of a line as one caret after its last character", () => {
      const lines = block("XDC4001").split("\n");
      const sourceLine = lines.find((l) => l.includes("let fo = await failover(app, to: dc2)"))!;
      const marks = lines[lines.indexOf(sourceLine) + 1]!;
      expect(marks.indexOf("^")).to.equal(sourceLine.length);
      expect(marks.slice(marks.indexOf("^"))).to.equal("^ add `within DURATION` here");
    });

    it("shows an error at the end of the file after the last character", () => {
      const b = block("XDC1001");
      expect(b).to.contain(" --> eof.xdc:4:20");
      const lines = b.split("\n");
      const sourceLine = lines.find((l) => l.startsWith("4 |"))!;
      expect(lines[lines.indexOf(sourceLine) + 1]!.indexOf("^")).to.equal(sourceLine.length);
    });

    it("shows a multi-line span by its first line, marked to its end, with the end line noted", () => {
      expect(block("XDC4002")).to.contain("    let f = partition(\n  |             ^^^^^^^^^^ this partition is never reverted (ends on line 6)");
    });

    it("sizes the gutter by the largest line number shown, labels in other files included", () => {
      const b = block("XDC2002");
      expect(b).to.contain("16 |     at 20s: partition(dc1, dc_2) for 30s");
      expect(b).to.contain("  ::: envs/lab.xdc:9:6");
      expect(b).to.contain(" 9 |   dc dc2 {");
    });

    it("ends with a summary line", () => {
      expect(plain.trimEnd().split("\n").pop()).to.equal("error: 7 errors, 2 warnings in 4 files");
      const none = render("human", { diagnostics: [], source, fileCount: 3 }, { colour: false });
      expect(none).to.equal("checked 3 files: no problems\n");
    });

    it("colours only when asked, and the colours change nothing else", () => {
      expect(plain).not.to.match(ANSI);
      const coloured = output("human", true);
      expect(coloured).to.match(ANSI);
      expect(coloured.replace(ANSI, "")).to.equal(plain);
    });
  });

  describe("json", () => {
    it("is one JSON document with the documented fields", () => {
      const report = JSON.parse(output("json")) as { version: string; valid: boolean; errorCount: number; warningCount: number; diagnostics: Record<string, unknown>[] };
      expect(report).to.include({ version: "2.0", valid: false, errorCount: 7, warningCount: 2 });
      const first = report.diagnostics[0]!;
      expect(Object.keys(first)).to.include.members(["code", "severity", "message", "location", "labels", "notes"]);
      const offset = source("scenarios/dc-partition.xdc")!.indexOf("<= 5s") + 3;
      expect(first).to.deep.include({ code: "XDC3004", location: { file: "scenarios/dc-partition.xdc", start: { line: 22, column: 39, offset }, end: { line: 22, column: 41, offset: offset + 2 } } });
    });

    it("gives every place one shape and names every field in camelCase", () => {
      const places: unknown[] = [];
      const keys = new Set<string>();
      const walk = (v: unknown, key?: string): void => {
        if (Array.isArray(v)) return v.forEach((x) => walk(x));
        if (v === null || typeof v !== "object") return;
        if (key === "location") places.push(v);
        for (const [k, x] of Object.entries(v)) (keys.add(k), walk(x, k));
      };
      walk(JSON.parse(output("json")));
      expect(places.length).to.be.greaterThan(7);
      for (const p of places) expect(Object.keys(p as object)).to.deep.equal(["file", "start", "end"]);
      expect([...keys].filter((k) => !/^[a-z][a-zA-Z]*$/.test(k))).to.deep.equal([]);
      for (const old of ["endLine", "endColumn", "error_count", "format_version"]) expect(keys.has(old), old).to.equal(false);
    });

    it("says valid with no errors", () => {
      const report = JSON.parse(render("json", { diagnostics: [], source, fileCount: 1 }, { colour: false })) as { valid: boolean; diagnostics: unknown[] };
      expect(report).to.deep.equal({ version: "2.0", valid: true, errorCount: 0, warningCount: 0, diagnostics: [] });
    });
  });

  describe("github", () => {
    const at = { offset: 0, line: 1, column: 1 };
    const many = Array.from({ length: 12 }, (_, i) =>
      diagnostic("XDC1001", span(`f${i}.xdc`, at, at), `problem ${i}`, { severity: i === 11 ? "error" : "warning" }));
    const lines = render("github", { diagnostics: many, source: () => undefined, fileCount: 12 }, { colour: false }).trimEnd().split("\n");

    it(`writes at most ${MAX_ANNOTATIONS} annotations, errors first, then the rest as plain lines and a count`, () => {
      const annotations = lines.filter((l) => l.startsWith("::"));
      expect(annotations).to.have.length(MAX_ANNOTATIONS);
      expect(annotations[0]).to.equal("::error file=f11.xdc,line=1,col=1,endLine=1,endColumn=1,title=XDC1001::problem 11");
      expect(lines.slice(MAX_ANNOTATIONS)).to.deep.equal([
        "2 more not annotated (GitHub keeps 10 annotations per step):",
        "f9.xdc:1:1: warning: problem 9 [XDC1001]",
        "f10.xdc:1:1: warning: problem 10 [XDC1001]",
        "error: 1 error, 11 warnings in 12 files",
      ]);
    });

    it("escapes %, CR and LF in messages, and also : and , in properties", () => {
      const d = diagnostic("XDC1001", span("a:b,c%.xdc", at, at), "50% of\r\nit", { help: { message: "x" } });
      expect(render("github", { diagnostics: [d], source: () => undefined, fileCount: 1 }, { colour: false }).split("\n")[0]).to.equal(
        "::error file=a%3Ab%2Cc%25.xdc,line=1,col=1,endLine=1,endColumn=1,title=XDC1001::50%25 of%0D%0Ait%0Ahelp: x",
      );
    });
  });
});
