import { expect } from "chai";
import fc from "fast-check";
import { generator, parseRecorded, parseSchema, rateProblem, rateProfile, rateSpec, schedule, type RateSpec, type Workload, type WorkloadSpec } from "../../src/data/index.js";
import { SCHEMA_TYPES } from "../../src/builtins/data.js";
import { SCALAR_TYPES } from "../../src/data/schema.js";
import { identity } from "../../src/data/identity.js";

function made(spec: WorkloadSpec, seed = 1): Workload {
  const r = generator(spec, seed);
  if (r.kind !== "ok") throw new Error(r.message);
  return r.workload;
}

const drain = (w: Workload) => {
  const out = [];
  for (let t = w.next(); t !== undefined; t = w.next()) out.push(t);
  return out;
};

const rates: fc.Arbitrary<RateSpec> = fc.oneof(
  fc.record({ kind: fc.constant("constant" as const), perSecond: fc.integer({ min: 1, max: 5000 }), forMs: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant("ramp" as const), fromPerSecond: fc.integer({ min: 0, max: 3000 }), toPerSecond: fc.integer({ min: 1, max: 3000 }), forMs: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant("ramp" as const), fromPerSecond: fc.integer({ min: 0, max: 3000 }), toPerSecond: fc.integer({ min: 1, max: 3000 }), overMs: fc.integer({ min: 1, max: 2000 }), forMs: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant("steps" as const), perSecond: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 5 }), everyMs: fc.integer({ min: 1, max: 700 }), forMs: fc.integer({ min: 1, max: 2000 }) }),
  fc.record({ kind: fc.constant("bursty" as const), perSecond: fc.integer({ min: 1, max: 500 }), burstPerSecond: fc.integer({ min: 1, max: 5000 }), burstMs: fc.integer({ min: 0, max: 100 }), everyMs: fc.integer({ min: 100, max: 500 }), forMs: fc.integer({ min: 1, max: 2000 }) }),
);

const schema = parseSchema({ qty: "int32", price: "float64", name: "rstring", side: "enum{buy, sell}", at: "timestamp", addr: { city: "rstring", zip: "uint32" } }).schema;

describe("workload generation", () => {
  it("is deterministic per seed", () => {
    fc.assert(fc.property(fc.nat(), fc.integer({ min: 1, max: 5 }), (seed, streams) => {
      const spec: WorkloadSpec = { schema, streams: { attribute: "key", count: streams }, payloadBytes: 16, rate: { kind: "constant", perSecond: 1000, forMs: 50 } };
      expect(drain(made(spec, seed))).to.deep.equal(drain(made(spec, seed)));
    }), { numRuns: 50 });
    const spec: WorkloadSpec = { schema, rate: { kind: "constant", perSecond: 1000, forMs: 50 } };
    expect(drain(made(spec, 1))).to.not.deep.equal(drain(made(spec, 2)));
  });

  it("numbers each key stream 0, 1, 2, … and carries the key, stream and due time", () => {
    const w = made({ streams: { attribute: "key", count: 2 }, rate: { kind: "constant", perSecond: 100, forMs: 40 } });
    expect(drain(w).map((t) => t.tuple)).to.deep.equal([
      { seq: 0, key: "k0", genAtMs: 0 },
      { seq: 0, key: "k1", genAtMs: 10 },
      { seq: 1, key: "k0", genAtMs: 20 },
      { seq: 1, key: "k1", genAtMs: 30 },
    ]);
  });

  it("fills every attribute of a schema with a value of its type", () => {
    const [first] = drain(made({ schema, payloadBytes: 40, rate: { kind: "constant", perSecond: 10, forMs: 100 } }));
    const t = first!.tuple as Record<string, unknown> & { addr: Record<string, unknown> };
    expect(t["qty"]).to.equal(0);
    expect(t["price"]).to.be.within(0, 1);
    expect(t["name"]).to.match(/^[a-z]{4,}$/);
    expect(["buy", "sell"]).to.include(t["side"]);
    expect(t["at"]).to.equal(0);
    expect(t.addr["city"]).to.be.a("string");
    expect(t.addr["zip"]).to.equal(0);
    expect(t["payload"]).to.have.length(40);
  });

  it("knows a generator for every type the checker allows", () => {
    expect([...SCALAR_TYPES].sort()).to.deep.equal(Object.keys(SCHEMA_TYPES).sort());
  });

  it("schedules tuples in order, ending within the duration, as many as the rate says", () => {
    fc.assert(fc.property(rates, (r) => {
      const s = schedule(r);
      let backwards = -1;
      for (let i = 1; i < s.count && backwards < 0; i++) if (s.dueAtMs(i) < s.dueAtMs(i - 1) - 1e-9) backwards = i;
      expect(backwards, "first index due before its predecessor").to.equal(-1);
      if (s.count > 0) expect(s.dueAtMs(s.count - 1)).to.be.lessThan(r.kind === "recorded" ? Infinity : r.forMs + 1e-6);
    }), { numRuns: 100 });
    expect(schedule({ kind: "ramp", fromPerSecond: 0, toPerSecond: 1000, forMs: 1000 }).count).to.equal(500);
    expect(schedule({ kind: "bursty", perSecond: 10, burstPerSecond: 1000, burstMs: 100, everyMs: 1000, forMs: 2000 }).count).to.equal(2 * (100 + 9));
  });

  it("refuses a rate it cannot send, saying why", () => {
    expect(generator({ rate: { kind: "constant", perSecond: 0, forMs: 10 } }, 1)).to.deep.equal({ kind: "error", message: "`perSecond` must be a positive number, found 0" });
  });
});

describe("recorded workloads", () => {
  it("replays JSON lines at their recorded times, adding the key", () => {
    const text = '{"t": 1000, "v": "a"}\n\n{"t": 1250, "v": "b"}\n{"t": 1300, "v": "c"}\n';
    const r = parseRecorded(text, "jsonl", "t");
    if (r.kind !== "ok") throw new Error(r.message);
    const w = made({ recorded: r.recorded.tuples, rate: { kind: "recorded", atMs: r.recorded.atMs!, speed: 2 } });
    expect([0, 1, 2].map((i) => w.dueAtMs(i))).to.deep.equal([0, 125, 150]);
    expect(drain(w).map((t) => [t.tuple["v"], t.tuple["seq"]])).to.deep.equal([["a", 0], ["b", 1], ["c", 2]]);
  });

  it("reads CSV with a header, quotes, numbers and booleans", () => {
    const r = parseRecorded('id,name,ok,at\n1,"Smith, ""J""",true,2026-01-01T00:00:00Z\n2,plain,false,2026-01-01T00:00:01Z\n', "csv", "at");
    expect(r).to.deep.equal({ kind: "ok", recorded: {
      tuples: [{ id: 1, name: 'Smith, "J"', ok: true, at: "2026-01-01T00:00:00Z" }, { id: 2, name: "plain", ok: false, at: "2026-01-01T00:00:01Z" }],
      atMs: [Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-01T00:00:01Z")],
    } });
  });

  it("keeps the stream a recorded tuple carries", () => {
    const tuples = [{ acct: "x" }, { acct: "y" }, { acct: "x" }];
    const ids = drain(made({ recorded: tuples, streams: { attribute: "acct" }, rate: { kind: "constant", perSecond: 100, forMs: 1000 } })).map((t) => t.id);
    expect(ids).to.deep.equal([{ stream: "x", seq: 0 }, { stream: "y", seq: 0 }, { stream: "x", seq: 1 }]);
  });

  it("says which line is wrong", () => {
    expect(parseRecorded('{"a":1}\n[1]\n', "jsonl")).to.deep.equal({ kind: "error", line: 2, message: "not a JSON object" });
    expect(parseRecorded("a,b\n1\n", "csv")).to.deep.equal({ kind: "error", line: 2, message: "1 fields, the header has 2" });
    expect(parseRecorded('{"t":5}\n{"t":4}\n', "jsonl", "t")).to.deep.equal({ kind: "error", line: 2, message: "`t` goes back in time" });
    expect(parseRecorded("", "jsonl")).to.deep.equal({ kind: "error", line: 1, message: "the recording holds no tuples" });
  });
});

describe("schemas", () => {
  it("reads scalars, enumerations and nested records, reporting each problem with its path", () => {
    const r = parseSchema({ a: "int64", b: "enum{x,y}", c: { d: "flaot64", e: "enum{x,x}" }, f: {} });
    expect(r.problems).to.deep.equal([
      { path: "c.d", message: 'unknown attribute type "flaot64"' },
      { path: "c.e", message: "enumeration value `x` appears twice" },
      { path: "f", message: "a nested record needs at least one attribute" },
    ]);
  });
});

describe("tuple identity", () => {
  it("finds the key and stream a generated tuple carries, and nothing in other tuples", () => {
    const spec: WorkloadSpec = { streams: { attribute: "key", count: 3 }, rate: { kind: "constant", perSecond: 100, forMs: 100 } };
    const find = identity(spec);
    for (const t of drain(made(spec))) expect(find(t.tuple)).to.deep.equal(t.id);
    expect(find({ seq: "1", key: "k0" })).to.equal(undefined);
    expect(find({ seq: 1 })).to.equal(undefined);
  });
});

describe("rate shapes", () => {
  const times = (r: RateSpec) => {
    const s = schedule(r);
    return Array.from({ length: s.count }, (_, i) => s.dueAtMs(i));
  };
  /** Tuples due in [fromMs, toMs). */
  const within = (ts: number[], fromMs: number, toMs: number) => ts.filter((t) => t >= fromMs - 1e-9 && t < toMs - 1e-9).length;

  it("ramps from one rate to another over `overMs`, then holds the second", () => {
    const ts = times({ kind: "ramp", fromPerSecond: 100, toPerSecond: 1000, overMs: 2000, forMs: 4000 });
    expect(ts.length).to.equal(1100 + 2000);
    // The rate over each half-second of the ramp: 100→325, 325→550, 550→775, 775→1000 (106.25, 218.75, 331.25, 443.75 tuples).
    expect([0, 500, 1000, 1500].map((t) => within(ts, t, t + 500))).to.deep.equal([107, 218, 332, 443]);
    expect(within(ts, 2000, 3000)).to.equal(1000);
    expect(within(ts, 3000, 4000)).to.equal(1000);
  });

  it("holds each step for its time, the last to the end", () => {
    const ts = times({ kind: "steps", perSecond: [100, 300, 50], everyMs: 1000, forMs: 4500 });
    expect([0, 1000, 2000, 3000, 4000].map((t) => within(ts, t, t + 1000))).to.deep.equal([100, 300, 50, 50, 25]);
  });

  it("turns the scenario's shapes into schedules, on/off bursts with a zero base", () => {
    const on = rateSpec({ kind: "bursts", peakPerSecond: 1000, onMs: 100, everyMs: 1000, basePerSecond: 0 }, 3000)!;
    expect(rateProblem(on)).to.equal(undefined);
    const ts = times(on);
    expect([0, 1000, 2000].map((t) => within(ts, t, t + 100))).to.deep.equal([100, 100, 100]);
    expect(ts.length).to.equal(300);
    expect(rateSpec({ kind: "replayed", by: "at", speed: 1 }, 1000)).to.equal(undefined);
    expect(rateSpec(250, 2000)).to.deep.equal({ kind: "constant", perSecond: 250, forMs: 2000 });
  });

  it("gives the rate over time as points, for the plan", () => {
    expect(rateProfile({ kind: "ramp", fromPerSecond: 100, toPerSecond: 1000, overMs: 20_000, forMs: 60_000 })).to.deep.equal([
      { atMs: 0, perSecond: 100 }, { atMs: 20_000, perSecond: 1000 }, { atMs: 60_000, perSecond: 1000 },
    ]);
    expect(rateProfile({ kind: "bursty", perSecond: 10, burstPerSecond: 500, burstMs: 1000, everyMs: 4000, forMs: 6000 })).to.deep.equal([
      { atMs: 0, perSecond: 500 }, { atMs: 1000, perSecond: 500 }, { atMs: 1000, perSecond: 10 }, { atMs: 4000, perSecond: 10 },
      { atMs: 4000, perSecond: 500 }, { atMs: 5000, perSecond: 500 }, { atMs: 5000, perSecond: 10 }, { atMs: 6000, perSecond: 10 },
    ]);
  });

  it("spreads keys zipf-like: the first key hottest, each key numbered on its own", () => {
    const w = made({ streams: { attribute: "account", count: 10, spread: "zipf" }, rate: { kind: "constant", perSecond: 10_000, forMs: 1000 } });
    const per = new Map<string, number[]>();
    for (const t of drain(w)) per.set(t.id.stream, [...(per.get(t.id.stream) ?? []), t.id.seq]);
    const counts = [...Array(10).keys()].map((k) => per.get(`k${k}`)?.length ?? 0);
    // weights 1/(k+1): k0 takes about 34%, k9 about 3.4%
    expect(counts[0]! / 10_000).to.be.within(0.31, 0.37);
    expect(counts[9]! / 10_000).to.be.within(0.02, 0.05);
    for (const seqs of per.values()) expect(seqs).to.deep.equal(seqs.map((_, i) => i));
  });
});
