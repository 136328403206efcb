import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { splitCsvLine } from "../../src/data/text-rows.js";
import { csvSource, fileLines, jsonLinesSource, type TupleSource } from "../../src/drivers/exchange/index.js";

const drain = (s: TupleSource) => {
  const out: { tuple: unknown; id: unknown }[] = [];
  for (let n = s.next(); n !== undefined; n = s.next()) out.push(n);
  return out;
};

describe("drivers/exchange: JSON and CSV input", () => {
  it("splits CSV lines as RFC 4180 does within a line", () => {
    const texts = (line: string) => {
      const fields = splitCsvLine(line);
      return typeof fields === "string" ? fields : fields.map((f) => f.text);
    };
    expect(texts('a,"b,c","say ""hi""",,e')).to.deep.equal(["a", "b,c", 'say "hi"', "", "e"]);
    expect(splitCsvLine('1,"2"')).to.deep.equal([{ text: "1", quoted: false }, { text: "2", quoted: true }]);
    expect(texts("")).to.deep.equal([""]);
    expect(splitCsvLine('"open')).to.be.a("string");
    expect(splitCsvLine('"a"b')).to.equal("a character follows a quoted field at column 4");
  });

  it("CSV: one tuple per line by the header; numbers and booleans typed, the rest text; bad lines reported and skipped", () => {
    const bad: [number, string][] = [];
    const lines = ["id,name,n", "1,x,2.5", "", "2,007,true", "3,too,many,fields", "4,-0.5e1,\r"];
    const got = drain(csvSource(lines, { onBadLine: (line, why) => bad.push([line, why]) }));
    expect(got).to.deep.equal([
      { tuple: { id: 1, name: "x", n: 2.5 }, id: { stream: "", seq: 0 } },
      { tuple: { id: 2, name: "007", n: true }, id: { stream: "", seq: 1 } },
      { tuple: { id: 4, name: -5, n: "" }, id: { stream: "", seq: 2 } },
    ]);
    expect(bad).to.deep.equal([[5, "4 fields, the header has 3"]]);
  });

  it("JSON lines: objects only; the identity function names each tuple when it can", () => {
    const bad: number[] = [];
    const identity = (t: Readonly<Record<string, unknown>>) => (typeof t["k"] === "string" ? { stream: t["k"], seq: t["n"] as number } : undefined);
    const got = drain(jsonLinesSource(['{"k":"a","n":4}', "[1]", "{oops", '{"other":1}'], { identity, onBadLine: (l) => bad.push(l) }));
    expect(got).to.deep.equal([
      { tuple: { k: "a", n: 4 }, id: { stream: "a", seq: 4 } },
      { tuple: { other: 1 }, id: { stream: "", seq: 1 } },
    ]);
    expect(bad).to.deep.equal([2, 3]);
  });

  it("reads a file's lines lazily, a multi-byte character across a 64 KiB chunk boundary included", () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-input-"));
    try {
      const path = join(dir, "in.csv");
      const long = "x".repeat(64 * 1024 - 9);
      writeFileSync(path, `a,b\n${long},é€\n1,2`);
      const it = fileLines(path);
      expect(it.next().value).to.equal("a,b");
      const rows = drain(csvSource(fileLines(path)));
      expect(rows.map((r) => r.tuple)).to.deep.equal([{ a: long, b: "é€" }, { a: 1, b: 2 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
