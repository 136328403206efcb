import { expect } from "chai";
import { ContentTally, continuityJudge, InputWindow, NO_INPUT, runningFigure, schemaProblem } from "../../src/data/content.js";
import { parseSchema } from "../../src/data/schema.js";
import type { Tuple } from "../../src/drivers/exchange/types.js";
import { compileTuplePredicate } from "../../src/runtime/interpreter/tuple-predicate.js";
import { checked, line, scenario } from "../language/check-helpers.js";

const id = (stream: string, seq: number) => ({ stream, seq });

describe("checks on what the application produced", () => {
  describe("the output schema", () => {
    const schema = parseSchema({ qty: "int32", price: "float64", side: "enum{buy, sell}", addr: { zip: "uint32" }, at: "timestamp", ok: "boolean" }).schema;
    it("holds for a tuple of those attributes and types, extra attributes allowed", () => {
      expect(schemaProblem(schema, { qty: 3, price: 0.5, side: "buy", addr: { zip: 8000 }, at: "2026-01-01T00:00:00Z", ok: false, extra: 1 })).to.equal(undefined);
    });
    it("names the first attribute that is missing or of another type", () => {
      expect(schemaProblem(schema, { qty: 3.5 })).to.equal("qty is 3.5, not int32");
      expect(schemaProblem(schema, { qty: 2 ** 31, price: 1 })).to.equal(`qty is ${2 ** 31}, not int32`);
      expect(schemaProblem(schema, { qty: 1, price: "1" })).to.equal('price is "1", not float64');
      expect(schemaProblem(schema, { qty: 1, price: 1, side: "hold" })).to.equal('side is "hold", not one of buy, sell');
      expect(schemaProblem(schema, { qty: 1, price: 1, side: "buy", addr: { zip: -1 } })).to.equal("addr.zip is -1, not uint32");
      expect(schemaProblem(schema, { qty: 1, price: 1, side: "buy", addr: { zip: 1 }, at: "soon" })).to.equal('at is "soon", not a timestamp');
      expect(schemaProblem(schema, { qty: 1, price: 1, side: "buy", addr: { zip: 1 }, at: 5 })).to.equal("ok is missing, not boolean");
    });
  });

  describe("the tally", () => {
    it("counts exactly, keeps the first examples, and lists keys by their failures", () => {
      const t = new ContentTally((out) => ((out["v"] as number) < 0 ? `v is ${String(out["v"])}` : undefined), 2);
      for (let i = 0; i < 1000; i++) t.observe({ v: i % 100 === 0 ? -1 : 1 }, id(`k${i % 3}`, i), undefined);
      t.observe({ v: 1 }, id("k0", 5000), { x: 1 });
      const r = t.report();
      expect(r).to.deep.include({ judged: 1001, failed: 10, unjudged: 0, keysFailed: 3 });
      expect(r.keys).to.deep.equal([{ key: "k0", failed: 4 }, { key: "k1", failed: 3 }]);
      expect(r.examples[0]).to.deep.equal({ key: "k0", seq: 0, why: "v is -1" });
      expect(r.examples).to.have.length(10);
    });
    it("does not count as judged what needed an input it no longer had", () => {
      const t = new ContentTally(() => NO_INPUT);
      t.observe({}, id("", 1), undefined);
      expect(t.report()).to.deep.include({ judged: 0, failed: 0, unjudged: 1 });
    });
  });

  it("keeps a bounded window of inputs per key, the oldest dropped first", () => {
    const w = new InputWindow(["q"], 128);
    for (let seq = 0; seq < 1000; seq++) w.put(id("a", seq), { q: seq });
    w.put(id("", 1), { q: -1 });
    expect(w.get(id("a", 999))).to.deep.equal({ q: 999 });
    expect(w.get(id("a", 872))).to.deep.equal({ q: 872 });
    expect(w.get(id("a", 871))).to.equal(undefined);
    expect(w.get(id("", 1))).to.deep.equal({ q: -1 });
    expect(w.get(id("b", 1))).to.equal(undefined);
  });

  it("gives back each input's values as they were, when an attribute that held numbers takes other values", () => {
    const w = new InputWindow(["q", "r"], 4096);
    const values: unknown[] = [];
    for (let seq = 0; seq < 300; seq++) {
      // numbers first, then a string, a record, a missing value, -0 and a fraction, while the ring grows
      const q = seq < 100 ? seq * 1.5 : [`s${seq}`, { n: seq }, undefined, -0, seq / 7][seq % 5];
      values.push(q);
      w.put(id("a", seq), seq % 2 === 0 ? { q, r: seq } : { q });
    }
    for (let seq = 0; seq < 300; seq++) {
      const got = w.get(id("a", seq))!;
      expect(got["q"], `seq ${seq}`).to.deep.equal(values[seq]);
      if (values[seq] === 0) expect(Object.is(got["q"], values[seq])).to.equal(true);
      expect(got["r"], `seq ${seq}`).to.equal(seq % 2 === 0 ? seq : undefined);
    }
  });

  describe("a keyed aggregate across a failover", () => {
    const out = (n: number, t: number): Tuple => ({ n, genAtMs: t });
    it("holds while a count continues, with replays and losses", () => {
      const judge = continuityJudge("n", "", "f");
      // seq 0..4 counted, 5 lost (the count skips it), 3..4 replayed with their values
      const seen = [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [3, 4], [4, 5], [6, 6], [7, 7]].map(([seq, n]) => judge(out(n!, seq! * 10), id("k", seq!), undefined));
      expect(seen.every((x) => x === undefined)).to.equal(true);
    });
    it("finds a reset and a double count", () => {
      const judge = continuityJudge("n", "", "f");
      expect(judge(out(10, 0), id("k", 9), undefined)).to.equal(undefined);
      expect(judge(out(2, 10), id("k", 12), undefined)).to.equal("reset: n went from 10 (seq 9) down to 2 (seq 12)");
      expect(judge(out(14, 20), id("k", 13), undefined)).to.equal("double count: n rose by 12 from seq 12 to 13, more than the 1 tuples between");
      const other = continuityJudge("n", "", "f");
      other(out(3, 0), id("j", 2), undefined);
      expect(other(out(6, 10), id("j", 4), undefined)).to.equal("double count: n 6 at seq 4, above the 5 tuples up to it");
      expect(other(out(5, 20), id("j", 5), undefined)).to.equal(undefined);
    });
    it("allows a survivor to fall back by at most the slack of sending time", () => {
      const judge = continuityJudge("n", "", "f", 1000);
      for (let seq = 0; seq < 300; seq++) expect(judge(out(seq + 1, seq * 10), id("k", seq), undefined)).to.equal(undefined);
      // at 2990 ms it had 300; a second earlier (1990 ms) 200: back to 250 is within the slack, to 150 is not
      expect(continuityJudgeAfter(1000, 250)).to.equal(undefined);
      expect(continuityJudgeAfter(1000, 150)).to.match(/^reset: n went from 300 \(seq 299\) down to 150 \(seq 305\), below the \d+ it had 1s of sending earlier$/);
    });
    it("holds a running sum against what was sent, from the input window", () => {
      const figure = runningFigure("qty");
      const sums = [5, 0, 7].map((qty, seq) => figure({ qty }, id("k", seq)));
      expect(sums).to.deep.equal([5, 5, 12]);
      const judge = continuityJudge("total", "qty", "f");
      expect(judge({ total: 5 }, id("k", 0), { f: 5 })).to.equal(undefined);
      expect(judge({ total: 17 }, id("k", 2), { f: 12 })).to.equal("double count: total 17 at seq 2, above the 12 qty sent up to it");
      expect(judge({ total: 12 }, id("k", 2), undefined)).to.equal(NO_INPUT);
    });
  });

  describe("conditions on tuples", () => {
    const compile = (cond: string) => {
      const text = scenario(`  verify {\n    let w = inject(app.Ingest, rate: 1/s, for: 1s)\n    expect all(w, app.Results, where: ${cond})\n  }`);
      const r = checked(text);
      expect(r.diagnostics.map(line)).to.deep.equal([]);
      const call = [...r.value.calls.keys()].find((c) => c.callee.kind === "name" && c.callee.name === "all")!;
      const where = call.args.find((a) => a.name?.name === "where")!.value;
      return compileTuplePredicate(r.value, where, (span) => text.slice(span.start.offset, span.end.offset));
    };
    it("relates an output to its input, reading only the input attributes it needs", () => {
      const p = compile("out.total == in.qty * in.price and out.qty >= 0");
      expect(p.readsInput).to.equal(true);
      expect([...p.inputAttributes].sort()).to.deep.equal(["price", "qty"]);
      expect(p.test({ total: 6, qty: 2 }, { qty: 2, price: 3 })).to.equal(true);
      expect(p.test({ total: 7, qty: 2 }, { qty: 2, price: 3 })).to.equal(false);
      expect(p.test({ qty: 2 }, { qty: 2, price: 3 })).to.equal(false);
      expect(p.explain({ total: 7, qty: 2 }, { qty: 2, price: 3 })).to.equal("out.total = 7, in.qty = 2, in.price = 3, out.qty = 2");
    });
    it("takes ranges, strings, nested fields, not, or, and known quantities by value", () => {
      const p = compile(`(out.side == "buy" or out.side == "sell") and not (out.addr.zip < 1000) and out.latency <= 2s`);
      expect(p.readsInput).to.equal(false);
      expect(p.test({ side: "buy", addr: { zip: 8000 }, latency: 1500 }, undefined)).to.equal(true);
      expect(p.test({ side: "hold", addr: { zip: 8000 }, latency: 1500 }, undefined)).to.equal(false);
      expect(p.test({ side: "sell", addr: { zip: 999 }, latency: 1500 }, undefined)).to.equal(false);
      expect(p.test({ side: "sell", addr: { zip: 8000 }, latency: 2001 }, undefined)).to.equal(false);
    });
    it("is refused when it reads what is known only when the scenario runs", () => {
      const r = checked(scenario(`  verify {\n    let w = inject(app.Ingest, rate: 1/s, for: 1s)\n    expect all(w, app.Results, where: out.n == w.sent)\n  }`));
      expect(r.diagnostics.map(line)).to.deep.equal(["7:48 XDC3013 `where` reads only `out`, `in` and values known before the run"]);
    });
  });
});

/** A count judged with `slackMs` through 300 tuples 10 ms apart, then a survivor's `n` at seq 305. */
function continuityJudgeAfter(slackMs: number, n: number): string | undefined {
  const judge = continuityJudge("n", "", "f", slackMs);
  for (let seq = 0; seq < 300; seq++) judge({ n: seq + 1, genAtMs: seq * 10 }, id("k", seq), undefined);
  return judge({ n, genAtMs: 3050 }, id("k", 305), undefined);
}
