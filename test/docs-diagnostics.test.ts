import { expect } from "chai";
import { readFileSync } from "node:fs";
import { codes as CODES, type Code } from "../src/language/codes.js";
import { checkText, memoryHost } from "../src/language/index.js";
import { DOCS_ASSETS, DOCS_FILES } from "./support/conformance/pipeline.js";
import { parse } from "../src/language/parse.js";

/**
 * docs/diagnostics.md documents every code with an example that produces exactly that code
 * and a corrected one that checks clean. Runtime codes (6xxx) have `xdc fragment` examples,
 * which only have to parse.
 */
const markdown = readFileSync(new URL("../docs/diagnostics.md", import.meta.url), "utf8");

interface Block {
  readonly info: string;
  readonly text: string;
  readonly line: number;
}
interface Section {
  readonly code: string;
  readonly title: string;
  readonly blocks: Block[];
}

function sections(md: string): Section[] {
  const out: Section[] = [];
  const lines = md.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (XDC\d{4}): (.*)$/.exec(lines[i]!);
    if (heading) {
      out.push({ code: heading[1]!, title: heading[2]!, blocks: [] });
      continue;
    }
    const fence = /^```(xdc.*)$/.exec(lines[i]!);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    out[out.length - 1]?.blocks.push({ info: fence[1]!, text: lines.slice(start, end).join("\n") + "\n", line: start });
    i = end;
  }
  return out;
}

/** Examples are checked as `example.xdc`, beside a `cycle.xdc` that imports it (for XDC2008), the TLS examples' PEM files, and the bundles and recordings they name. */
const host = memoryHost(DOCS_FILES, DOCS_ASSETS);
const check = (text: string) => checkText(text, "example.xdc", host).diagnostics;
const describeDiag = (ds: ReturnType<typeof check>) => ds.map((d) => `${d.span.start.line}:${d.span.start.column} ${d.code} ${d.message}`);

describe("docs/diagnostics.md", () => {
  const all = sections(markdown);

  it("documents every code once, in order, with its title", () => {
    expect(all.map((s) => s.code)).to.deep.equal(Object.keys(CODES));
    for (const s of all) expect(s.title, s.code).to.equal(CODES[s.code as Code]);
  });

  for (const s of all) {
    describe(s.code, () => {
      if (s.code.startsWith("XDC6")) {
        it("has a failing and a passing fragment that parse", () => {
          expect(s.blocks.map((b) => b.info)).to.deep.equal(["xdc fragment", "xdc fragment"]);
          for (const b of s.blocks) expect(parse(b.text, "example.xdc").diagnostics, `line ${b.line}`).to.deep.equal([]);
        });
        return;
      }
      const wrong = s.blocks.filter((b) => b.info === `xdc error=${s.code}`);
      const right = s.blocks.filter((b) => b.info === "xdc");
      it("has one wrong example that produces exactly its code", () => {
        expect(wrong, "one ```xdc error= block").to.have.length(1);
        expect(s.blocks.length, "no other kinds of blocks").to.equal(wrong.length + right.length);
        const ds = check(wrong[0]!.text);
        expect(ds.length, `line ${wrong[0]!.line}: ${describeDiag(ds).join("; ")}`).to.be.greaterThan(0);
        expect(describeDiag(ds.filter((d) => d.code !== s.code)), `line ${wrong[0]!.line}`).to.deep.equal([]);
      });
      it("has a right example that checks clean", () => {
        expect(right.length).to.be.greaterThan(0);
        for (const b of right) expect(describeDiag(check(b.text)), `line ${b.line}`).to.deep.equal([]);
      });
    });
  }
});
