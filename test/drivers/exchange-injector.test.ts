import { expect } from "chai";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { connectExchange, type Exchange } from "../../src/drivers/exchange/index.js";
import { VirtualClock } from "../../src/runtime/clock.js";
import { closeServer, listen, testContext, value } from "./helpers.js";
import { seqSource, TestRecorder } from "./exchange-helpers.js";

type Answer = (req: IncomingMessage, res: ServerResponse, body: { items: { seq: number }[] }) => void;

/**
 * The injector's pacing, batching and error handling, against a scripted endpoint on loopback,
 * on a virtual clock that jumps over every wait: due times and linger are exact.
 */
describe("drivers/exchange: the injector against a scripted endpoint", () => {
  let origin = "";
  let answer: Answer = (_req, res) => res.writeHead(200, { "Content-Type": "application/json" }).end('{"count":0}');
  const posts: number[][] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { items: { seq: number }[] };
      posts.push(body.items.map((t) => t.seq));
      answer(req, res, body);
    });
  });
  const ok: Answer = (_req, res, body) => res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ count: body.items.length }));

  let ex: Exchange;
  let clock: VirtualClock;
  before(async () => {
    origin = await listen(server);
  });
  beforeEach(async () => {
    posts.length = 0;
    answer = ok;
    clock = new VirtualClock({ auto: true });
    ex = value(await connectExchange({ url: `${origin}/data`, credentials: { user: "u", password: "secret-pw" }, timeoutMs: 2_000 }, testContext(clock)));
  });
  afterEach(() => ex.close());
  after(() => closeServer(server));

  const sentAt = (rec: TestRecorder) => rec.calls.filter((c) => c.kind === "sent").map((c) => [c.atMs, c.ids.length]);

  it("paces by the rate: a full batch leaves when its last tuple is due", async () => {
    const rec = new TestRecorder();
    const s = await ex.inject({ url: `${origin}/in`, source: seqSource(40), recorder: rec, ratePerSecond: 1_000, batchSize: 10, lingerMs: 1_000 }).done;
    expect(s).to.deep.include({ sent: 40, acked: 40, batches: 4 });
    expect(sentAt(rec)).to.deep.equal([[9, 10], [19, 10], [29, 10], [39, 10]]);
    expect(posts).to.deep.equal([0, 1, 2, 3].map((b) => Array.from({ length: 10 }, (_, i) => b * 10 + i)));
  });

  it("a source's own due times (a recording's) pace the tuples instead of the rate", async () => {
    const rec = new TestRecorder();
    const due = [0, 0, 300, 310, 1_000];
    let i = 0;
    const source = { next: () => (i < due.length ? { tuple: { seq: i }, id: { stream: "", seq: i }, dueAtMs: due[i++]! } : undefined) };
    await ex.inject({ url: `${origin}/in`, source, recorder: rec, ratePerSecond: 1_000, batchSize: 10, lingerMs: 20 }).done;
    expect(sentAt(rec)).to.deep.equal([[20, 2], [320, 2], [1_000, 1]]);
    expect(posts).to.deep.equal([[0, 1], [2, 3], [4]]);
  });

  it("paces by the source's own due times (a ramp) over the rate: a tuple leaves when it is due", async () => {
    const rec = new TestRecorder();
    // Due at 0, 40, 60, 70, 75 ms: a rate that doubles, then a batch of one each.
    const due = [0, 40, 60, 70, 75];
    let i = 0;
    const source = { next: () => (i < due.length ? { tuple: { seq: i }, id: { stream: "", seq: i }, dueAtMs: due[i++]! } : undefined) };
    await ex.inject({ url: `${origin}/in`, source, recorder: rec, ratePerSecond: 1_000, batchSize: 1, lingerMs: 0 }).done;
    expect(sentAt(rec)).to.deep.equal(due.map((at) => [at, 1]));
  });

  it("lingers: a batch that is not full leaves when its first tuple has waited lingerMs", async () => {
    const rec = new TestRecorder();
    await ex.inject({ url: `${origin}/in`, source: seqSource(7), recorder: rec, ratePerSecond: 100, batchSize: 10, lingerMs: 25 }).done;
    expect(sentAt(rec)).to.deep.equal([[25, 3], [55, 3], [60, 1]]);
    expect(posts).to.deep.equal([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it("without a rate, fills every batch at once; the last one takes the rest", async () => {
    const rec = new TestRecorder();
    await ex.inject({ url: `${origin}/in`, source: seqSource(25), recorder: rec, batchSize: 10 }).done;
    expect(posts.map((p) => p.length)).to.deep.equal([10, 10, 5]);
    expect(sentAt(rec).map(([at]) => at)).to.deep.equal([0, 0, 0]);
  });

  it("back-pressure: a 503 with retryAfterMs resends the same batch after that wait; it is sent and acknowledged once", async () => {
    let refusals = 2;
    answer = (req, res, body) => {
      if (refusals-- > 0) res.writeHead(503, { "Content-Type": "application/json", "Retry-After": "1" }).end('{"id":"CDISW5103E","reason":"full","retryAfterMs":40}');
      else ok(req, res, body);
    };
    const rec = new TestRecorder();
    const s = await ex.inject({ url: `${origin}/in`, source: seqSource(5), recorder: rec, batchSize: 5 }).done;
    expect(s).to.deep.include({ sent: 5, acked: 5, failed: 0, backPressureWaits: 2 });
    expect(posts).to.have.length(3);
    expect(rec.calls.map((c) => [c.kind, c.atMs])).to.deep.equal([["sent", 0], ["acked", 80]]);
  });

  it("a batch whose fate is unknown (the connection reset) fails and is never sent again", async () => {
    answer = (req) => req.socket.destroy();
    const rec = new TestRecorder();
    const s = await ex.inject({ url: `${origin}/in`, source: seqSource(6), recorder: rec, batchSize: 3, maxInFlight: 1 }).done;
    expect(s).to.deep.include({ sent: 6, acked: 0, failed: 6, batches: 2 });
    expect(s.errors).to.deep.equal({ network: 2 });
    expect(s.lastError).to.include({ code: "ECONNRESET" });
    expect(posts).to.have.length(2);
    expect(rec.counts.failed).to.equal(6);
  });

  it("keeps at most maxInFlight batches unanswered", async () => {
    const held: (() => void)[] = [];
    let most = 0;
    answer = (req, res, body) => {
      held.push(() => ok(req, res, body));
      most = Math.max(most, held.length);
      // Hold answers a while: a client with a wider window would have a third batch here by then.
      if (held.length === 1) setTimeout(() => held.splice(0).forEach((send) => send()), 20);
    };
    const rec = new TestRecorder();
    const s = await ex.inject({ url: `${origin}/in`, source: seqSource(40), recorder: rec, batchSize: 4, maxInFlight: 2 }).done;
    expect(s.acked).to.equal(40);
    expect(most).to.equal(2);
  });
});

/** The sink cursor's bookkeeping against scripted answers: positions, a numbering that starts again, a sink without positions. */
describe("drivers/exchange: the sink cursor against a scripted sink", () => {
  let origin = "";
  const asked: string[] = [];
  let pages: unknown[] = [];
  const server = createServer((req, res) => {
    asked.push(req.url ?? "");
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(pages.shift() ?? { items: [] }));
  });
  let ex: Exchange;
  before(async () => {
    origin = await listen(server);
    ex = value(await connectExchange({ url: `${origin}/data`, credentials: { user: "u", password: "secret-pw" } }, testContext(new VirtualClock({ wallAnchorMs: 1_000_000 }))));
  });
  beforeEach(() => (asked.length = 0));
  after(async () => {
    ex.close();
    await closeServer(server);
  });

  it("passes each answer's next back as since; starts over when the numbering went back", async () => {
    pages = [
      { items: [{ seq: 1 }, { seq: 2 }], next: 7, missed: 0 },
      { items: [], next: 2, missed: 0 }, // the sink's datacenter came back: numbering from 1 again
      { items: [{ seq: 3 }], next: 3, missed: 1 },
    ];
    const cursor = ex.cursor(`${origin}/sink?x=1`, { atMs: 500 }, 50);
    expect(value(await cursor.read())).to.deep.equal({ items: [{ seq: 1 }, { seq: 2 }], missed: 0, more: false });
    expect(value(await cursor.read())).to.deep.include({ items: [], more: true });
    expect(value(await cursor.read())).to.deep.equal({ items: [{ seq: 3 }], missed: 1, more: false });
    expect(asked).to.deep.equal(["/sink?x=1&start=1000500&limit=50", "/sink?x=1&since=7&limit=50", "/sink?x=1&since=0&limit=50"]);
  });

  it("a sink without positions: every answer is new tuples; an answer without items is a protocol error", async () => {
    pages = [{ items: [{ a: 1 }] }, { items: [{ a: 2 }] }, { nothing: true }];
    const cursor = ex.cursor(`${origin}/plain`, "buffer", 10);
    expect(value(await cursor.read()).items).to.deep.equal([{ a: 1 }]);
    expect(value(await cursor.read()).items).to.deep.equal([{ a: 2 }]);
    const bad = await cursor.read();
    expect(!bad.ok && bad.error).to.include({ kind: "protocol" });
    expect(asked).to.deep.equal(["/plain?limit=10", "/plain?limit=10", "/plain?limit=10"]);
  });
});
