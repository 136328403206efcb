import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkDataFile, PREFLIGHT_ROWS } from "../../src/preflight/check-files.js";

describe("preflight: a recorded data file", () => {
  const dir = mkdtempSync(join(tmpdir(), "xdc-preflight-data-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const schema = { id: "rstring", qty: "int32" };
  const line = async (path: string, timestamps?: string) => {
    const l = await checkDataFile(path, { written: path, schema, ...(timestamps !== undefined ? { timestamps } : {}) });
    return [l.status, l.detail];
  };

  it("reads JSON lines and CSV as the replay does, typed by the schema", async () => {
    expect(await line(file("a.jsonl", '{"id":"a","qty":1}\n{"id":"b","qty":2}\n'))).to.deep.equal(["ok", "2 rows fit the schema"]);
    expect(await line(file("a.csv", "id,qty\n007,1\n"))).to.deep.equal(["ok", "1 row fits the schema"]);
    expect(await line(file("b.csv", "id,qty\na,1\nb,two\n"))).to.deep.equal(["failed", 'line 3: `qty`: int32 needs a number, found "two"']);
    expect(await line(file("t.jsonl", '{"id":"a","qty":1,"t":5}\n{"id":"a","qty":1,"t":4}\n'), "t")).to.deep.equal(["failed", "line 2: `t`: goes back in time"]);
  });

  it("reads at most its first rows: a file of any size is checked in bounded time and memory", async () => {
    const rows = '{"id":"a","qty":1}\n'.repeat(PREFLIGHT_ROWS + 5) + '{"id":"a","qty":"late"}\n';
    expect(await line(file("long.jsonl", rows))).to.deep.equal(["ok", `the first ${PREFLIGHT_ROWS} rows fit the schema (the rest is checked as it is sent)`]);
  });

  it("a missing file, a folder, an unknown kind and an empty recording fail with what to do", async () => {
    expect(await line(join(dir, "none.jsonl"))).to.deep.equal(["failed", "there is no such file"]);
    expect(await line(dir)).to.deep.equal(["failed", "not a recording xdc reads"]);
    expect(await line(file("x.txt", "{}\n"))).to.deep.equal(["failed", "not a recording xdc reads"]);
    expect(await line(file("e.csv", "id,qty\n"))).to.deep.equal(["failed", "it holds no rows"]);
  });
});
