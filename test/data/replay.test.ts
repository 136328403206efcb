import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatOf, parseSchema, replay, replaySpecProblem, type ReplaySpec } from "../../src/data/index.js";
import { rowsOf } from "../../src/data/text-rows.js";
import { fileLines } from "../../src/drivers/exchange/input.js";

const schema = (text: Record<string, string>) => parseSchema(text).schema;
const ORDER = schema({ orderId: "rstring", qty: "int32", price: "float64", express: "boolean", colour: "enum{red, green}" });

/** Every tuple of a replay, with when each is due. */
function drain(lines: readonly string[], spec: Partial<ReplaySpec> & Pick<ReplaySpec, "format">, max = 1_000) {
  const r = replay(() => lines, { schema: [], key: "seq", ratePerSecond: 1_000, ...spec });
  const out: { tuple: Record<string, unknown>; dueAtMs: number }[] = [];
  for (let n = r.next(); n !== undefined && out.length < max; n = r.next()) out.push({ tuple: n.tuple, dueAtMs: n.dueAtMs });
  return { out, problem: r.problem };
}

describe("data: recorded rows typed by the schema", () => {
  const rows = (lines: string[], format: "jsonl" | "csv", s = ORDER) => [...rowsOf(lines, format, s)];

  it("CSV: fields are read as their attribute's type, quoted or not; unnamed attributes by the plain rule", () => {
    const got = rows(['orderId,qty,price,express,colour,note', '007,3,2.5,true,red,"a, ""quoted"" note"', '"42",-1,1e3,false,green,12'], "csv");
    expect(got).to.deep.equal([
      { line: 2, tuple: { orderId: "007", qty: 3, price: 2.5, express: true, colour: "red", note: 'a, "quoted" note' } },
      { line: 3, tuple: { orderId: "42", qty: -1, price: 1000, express: false, colour: "green", note: 12 } },
    ]);
  });

  it("CSV: a field that is not of its type names the line and the attribute", () => {
    const got = rows(["orderId,qty,price,express,colour", "a,1,1,true,red", "b,x,1,true,red", "c,1,1,yes,red"], "csv");
    expect(got[1]).to.deep.equal({ line: 3, attribute: "qty", problem: 'int32 needs a number, found "x"' });
    expect(got[2]).to.deep.equal({ line: 4, attribute: "express", problem: 'boolean needs true or false, found "yes"' });
  });

  it("CSV: a header without a schema attribute, or a record in the schema, stops at the header", () => {
    expect(rows(["orderId,qty", "a,1"], "csv")).to.deep.equal([{ line: 1, attribute: "price", problem: "missing from the header (orderId, qty)" }]);
    const nested = schema({ id: "rstring" });
    const withRecord = parseSchema({ addr: { city: "rstring" } }).schema;
    expect(rows(["id", "a"], "csv", nested)).to.have.length(1);
    expect(rows(["addr", "a"], "csv", withRecord)[0]).to.include({ line: 1, attribute: "addr" });
  });

  it("CSV: an unclosed quote and a wrong number of fields are reported by line", () => {
    const got = rows(["orderId,qty,price,express,colour", '"open,1,1,true,red', "a,1"], "csv");
    expect(got.map((r) => ("problem" in r ? [r.line, r.problem] : r))).to.deep.equal([
      [2, "a quoted field is not closed (fields spanning lines are not read)"],
      [3, "2 fields, the header has 5"],
    ]);
  });

  it("JSON lines: values must already be of the type; ranges, enumerations and nested records are checked", () => {
    const s = parseSchema({ id: "rstring", n: "uint32", at: "timestamp", addr: { zip: "int32" } }).schema;
    const got = rows([
      '{"id":"a","n":4294967295,"at":"2026-01-01T00:00:00Z","addr":{"zip":1},"extra":[1]}',
      '{"id":1,"n":1,"at":0,"addr":{"zip":1}}',
      '{"id":"c","n":-1,"at":0,"addr":{"zip":1}}',
      '{"id":"d","n":1,"at":0,"addr":{"zip":1.5}}',
      '{"id":"e","n":1,"at":0}',
      "not json",
    ], "jsonl", s);
    expect(got[0]).to.deep.equal({ line: 1, tuple: { id: "a", n: 4294967295, at: Date.parse("2026-01-01T00:00:00Z"), addr: { zip: 1 }, extra: [1] } });
    expect(got.slice(1).map((r) => ("problem" in r ? [r.line, r.attribute, r.problem] : r))).to.deep.equal([
      [2, "id", "rstring needs a string, found 1"],
      [3, "n", "-1 is out of range for uint32 (0 to 4294967295)"],
      [4, "addr.zip", "int32 needs a whole number, found 1.5"],
      [5, "addr", "missing"],
      [6, undefined, "not JSON: Unexpected token 'o', \"not json\" is not valid JSON"],
    ]);
  });
});

describe("data: a recorded file replayed as a workload", () => {
  it("adds the key and the due time to every row and paces by the rate", () => {
    const { out, problem } = drain(['{"a":1}', '{"a":2,"seq":99}', "", '{"a":3}'], { format: "jsonl", ratePerSecond: 100, tag: { workload: "w1" } });
    expect(problem).to.equal(undefined);
    expect(out).to.deep.equal([
      { tuple: { a: 1, workload: "w1", seq: 0, genAtMs: 0 }, dueAtMs: 0 },
      { tuple: { a: 2, workload: "w1", seq: 1, genAtMs: 10 }, dueAtMs: 10 },
      { tuple: { a: 3, workload: "w1", seq: 2, genAtMs: 20 }, dueAtMs: 20 },
    ]);
  });

  it("at the recorded times with a speed factor, never faster than the rate", () => {
    const lines = ["ts,v", "1000,a", "1400,b", "1400,c", "3000,d"];
    const due = (speed: number, rate = 1_000) => drain(lines, { format: "csv", timestamps: "ts", speed, ratePerSecond: rate }).out.map((t) => t.dueAtMs);
    expect(due(1)).to.deep.equal([0, 400, 400, 2000]);
    expect(due(2)).to.deep.equal([0, 200, 200, 1000]);
    // at most 5/s: the burst at 1400 ms is spread 200 ms apart
    expect(due(2, 5)).to.deep.equal([0, 200, 400, 1000]);
  });

  it("dates as recorded times", () => {
    const lines = ['{"at":"2026-01-01T00:00:00Z"}', '{"at":"2026-01-01T00:00:01.5Z"}'];
    expect(drain(lines, { format: "jsonl", timestamps: "at" }).out.map((t) => t.dueAtMs)).to.deep.equal([0, 1500]);
  });

  it("a recorded time that is missing, not a time or going back stops the replay at its line", () => {
    const at = (lines: string[]) => drain(lines, { format: "jsonl", timestamps: "t" });
    expect(at(['{"t":5}', '{"u":6}'])).to.deep.include({ problem: { line: 2, attribute: "t", message: "missing" } });
    expect(at(['{"t":5}', '{"t":"soon"}']).problem).to.deep.equal({ line: 2, attribute: "t", message: "not a time (ms or a date)" });
    const back = at(['{"t":5}', '{"t":9}', '{"t":7}']);
    expect(back.problem).to.deep.equal({ line: 3, attribute: "t", message: "goes back in time" });
    expect(back.out).to.have.length(2);
  });

  it("a row that does not fit the schema stops the replay: the rows before it were sent", () => {
    const { out, problem } = drain(['{"qty":1}', '{"qty":"two"}', '{"qty":3}'], { format: "jsonl", schema: schema({ qty: "int32" }) });
    expect(out.map((t) => t.tuple["qty"])).to.deep.equal([1]);
    expect(problem).to.deep.equal({ line: 2, attribute: "qty", message: 'int32 needs a number, found "two"' });
  });

  it("loops: the numbering goes on, and a timed recording's next pass follows its last row by the mean spacing", () => {
    const plain = drain(['{"a":1}', '{"a":2}'], { format: "jsonl", loop: true, ratePerSecond: 10 }, 5).out;
    expect(plain.map((t) => [t.tuple["a"], t.tuple["seq"], t.dueAtMs])).to.deep.equal([[1, 0, 0], [2, 1, 100], [1, 2, 200], [2, 3, 300], [1, 4, 400]]);
    const timed = drain(["t", "0", "100", "300"], { format: "csv", loop: true, timestamps: "t" }, 7).out;
    expect(timed.map((t) => t.dueAtMs)).to.deep.equal([0, 100, 300, 450, 550, 750, 900]);
  });

  it("an empty file ends the replay at once, looped or not", () => {
    expect(drain(["", ""], { format: "jsonl", loop: true }).out).to.deep.equal([]);
    expect(drain(["a,b"], { format: "csv", loop: true }).out).to.deep.equal([]);
  });

  it("a file that cannot be read is a problem at line 0; formats go by extension", () => {
    const r = replay(() => fileLines("/nonexistent/orders.jsonl"), { format: "jsonl", schema: [], key: "seq", ratePerSecond: 1 });
    expect(r.next()).to.equal(undefined);
    expect(r.problem?.line).to.equal(0);
    expect(r.problem?.message).to.match(/^cannot read it: ENOENT/);
    expect([formatOf("a.jsonl"), formatOf("a.NDJSON"), formatOf("x/a.csv"), formatOf("a.txt"), formatOf("jsonl")]).to.deep.equal(["jsonl", "jsonl", "csv", undefined, undefined]);
    expect(replaySpecProblem({ format: "csv", schema: [], key: "seq", ratePerSecond: 1, speed: 0 })).to.match(/speed/);
  });

  it("reads a file on disk lazily, pass after pass", () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-replay-"));
    try {
      const path = join(dir, "orders.csv");
      writeFileSync(path, "orderId,qty\r\nA-1,2\r\nA-2,3\r\n");
      let opened = 0;
      const r = replay(() => (opened++, fileLines(path)), { format: "csv", schema: schema({ orderId: "rstring", qty: "int32" }), key: "seq", ratePerSecond: 1, loop: true });
      const ids = Array.from({ length: 5 }, () => r.next()?.tuple["orderId"]);
      expect(ids).to.deep.equal(["A-1", "A-2", "A-1", "A-2", "A-1"]);
      expect(opened).to.equal(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
