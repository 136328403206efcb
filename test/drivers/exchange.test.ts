import { expect } from "chai";
import { connectExchange, csvSource, type Exchange } from "../../src/drivers/exchange/index.js";
import { connectStreams, type StreamsApi } from "../../src/drivers/streams/index.js";
import { realClock } from "../../src/runtime/clock.js";
import { startTwin, type Twin } from "../../src/sim/launcher.js";
import { minimalManifest } from "../sim/fixtures.js";
import { testDcCommand } from "../sim/twin-client.js";
import { collect, seqIdentity, seqSource, submitApp, TestRecorder, withBuffers } from "./exchange-helpers.js";
import { expectNoSecrets, testContext, value, type TestContext } from "./helpers.js";

const PASSWORD = "Exchange-test-pw-51c9";

/** The Data Exchange client against one datacenter of the twin (its own process), on loopback. */
describe("drivers/exchange: injecting and reading through the twin's Data Exchange", function () {
  this.timeout(30_000);
  let twin: Twin;
  let ctx: TestContext;
  let api: StreamsApi;
  let ex: Exchange;
  /** inject and inspect URLs of a job, by discovery */
  const urls = async (jobName: string, sink = "Results") => ({
    inject: value(await ex.endpoint("inject", { jobName, operator: "Ingest" })).url,
    inspect: value(await ex.endpoint("inspect", { jobName, operator: sink })).url,
  });

  before(async function () {
    this.timeout(60_000);
    twin = await startTwin({ dcs: ["dc1"], hosts: 2, seed: 11, password: PASSWORD, dcCommand: testDcCommand() });
    ctx = testContext(realClock());
    const dc = twin.description.dcs[0]!;
    const credentials = { user: twin.description.user, password: PASSWORD };
    api = value(await connectStreams({ url: dc.restUrl, credentials, timeoutMs: 5_000 }, ctx));
    ex = value(await connectExchange({ url: dc.dataUrl, credentials, timeoutMs: 5_000, retry: { baseDelayMs: 5 } }, ctx));
    const fast = { ratePerSecond: 1_000_000, latencyMs: 0 };
    await submitApp(api, withBuffers(minimalManifest(), { Ingest: 10_000, Results: 10_000 }, fast), "roundtrip");
    // A slow application with a small source buffer: it pushes back.
    await submitApp(api, withBuffers(minimalManifest(), { Ingest: 100, Results: 10_000 }, { ratePerSecond: 4_000, latencyMs: 0 }), "slow");
    // A sink that keeps only 50 tuples.
    await submitApp(api, withBuffers(minimalManifest(), { Ingest: 10_000, Results: 50 }, fast), "small-sink");
    await submitApp(api, withBuffers(minimalManifest(), { Ingest: 10_000, Results: 10_000 }, fast), "csv");
  });
  /** Whatever a test started, stopped even when it fails, so no loop outlives its test. */
  const started: { stop(): void }[] = [];
  const track = <T extends { stop(): void }>(x: T): T => (started.push(x), x);
  afterEach(() => started.splice(0).forEach((x) => x.stop()));
  after(async function () {
    this.timeout(20_000);
    ex?.close();
    api?.close();
    await twin?.stop();
  });

  it("discovers endpoints from the data service's document and names the ones there are", async () => {
    const service = value(await ex.discover());
    expect(service.endpoints.filter((e) => e.jobName === "roundtrip").map((e) => [e.kind, e.operator, e.port])).to.deep.equal([
      ["inject", "Ingest", 0],
      ["inspect", "Results", 0],
    ]);
    const missing = await ex.endpoint("inspect", { jobName: "roundtrip", operator: "Nope" });
    expect(!missing.ok && missing.error).to.include({ kind: "not-found" });
    expect(!missing.ok && missing.error.message).to.include("Results port 0");
  });

  it("round trip: every tuple sent is acknowledged and read back once", async () => {
    const { inject, inspect } = await urls("roundtrip");
    const rec = new TestRecorder();
    const reading = track(ex.read({ url: inspect, identity: seqIdentity, recorder: rec, intervalMs: 5, limit: 700 }));
    const injection = ex.inject({ url: inject, source: seqSource(3_000), recorder: rec, batchSize: 250, maxInFlight: 3 });
    const sent = await injection.done;
    expect(sent).to.deep.include({ sent: 3_000, acked: 3_000, failed: 0, batches: 12, end: "source-ended" });
    await rec.reach("received", 3_000);
    reading.stop();
    const read = await reading.done;
    expect(read).to.deep.include({ received: 3_000, unidentified: 0, missed: 0 });
    // Batches in flight together may arrive in either order.
    expect(rec.ids("received").map((id) => id.seq).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 3_000 }, (_, i) => i));
    // Every acknowledgement follows its batch's send.
    const sentAt = new Map(rec.calls.filter((c) => c.kind === "sent").map((c) => [c.ids[0]!.seq, c.atMs]));
    for (const c of rec.calls.filter((c) => c.kind === "acked")) expect(c.atMs).to.be.at.least(sentAt.get(c.ids[0]!.seq)!);
  });

  it("back-pressure: a full source buffer makes the client wait and resend; nothing is lost or doubled", async () => {
    const { inject, inspect } = await urls("slow");
    const rec = new TestRecorder();
    const reading = track(ex.read({ url: inspect, identity: seqIdentity, recorder: rec, intervalMs: 5 }));
    const summary = await ex.inject({ url: inject, source: seqSource(1_000), recorder: rec, batchSize: 50, maxInFlight: 4 }).done;
    expect(summary.backPressureWaits).to.be.greaterThan(0);
    expect(summary).to.deep.include({ sent: 1_000, acked: 1_000, failed: 0, batches: 20 });
    await rec.reach("received", 1_000);
    reading.stop();
    await reading.done;
    expect(rec.ids("received").map((id) => id.seq).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 1_000 }, (_, i) => i));
  });

  it("back-pressure that outlasts maxBackPressureMs fails the batch, once, and counts it", async () => {
    const { inject } = await urls("slow");
    const rec = new TestRecorder();
    // 100 tuples fill the buffer; the batch behind them may not wait at all.
    const summary = await ex.inject({ url: inject, source: seqSource(300, 10_000), recorder: rec, batchSize: 100, maxInFlight: 3, maxBackPressureMs: 0 }).done;
    expect(summary.failed).to.be.greaterThan(0);
    expect(summary.errors.server).to.equal(summary.failed / 100);
    expect(summary.lastError).to.include({ status: 503 });
    expect(summary.acked + summary.failed).to.equal(300);
  });

  it("a slow reader: tuples the small sink dropped before they were read are counted as missed", async () => {
    const { inject, inspect } = await urls("small-sink");
    const late = ex.cursor(inspect, "now", 1_000);
    // A fast reader sees every tuple arrive …
    const fast = ex.cursor(inspect, "now", 1_000);
    value(await fast.read());
    expect(value(await late.read())).to.deep.include({ items: [], missed: 0 });
    const rec = new TestRecorder();
    await ex.inject({ url: inject, source: seqSource(400), recorder: rec, batchSize: 100 }).done;
    await collect(fast, 400);
    // … the late one gets the last 50 and knows it missed 350.
    const page = value(await late.read());
    expect(page.missed).to.equal(350);
    expect(page.items.map((t) => t["seq"])).to.deep.equal(Array.from({ length: 50 }, (_, i) => 350 + i));
  });

  it("reads from a start time: only tuples that arrived at or after it", async () => {
    const { inject, inspect } = await urls("roundtrip");
    const rec = new TestRecorder();
    const before = ex.cursor(inspect, "now");
    await ex.inject({ url: inject, source: seqSource(100, 50_000), recorder: rec }).done;
    await collect(before, 100);
    // Sink times are whole epoch ms of the twin's clock: leave a few ms on both sides of the start.
    const from = { atMs: Math.floor(ctx.clock.now()) + 3 };
    while (ctx.clock.now() < from.atMs + 3) await new Promise((r) => setImmediate(r));
    await ex.inject({ url: inject, source: seqSource(100, 60_000), recorder: rec }).done;
    const cursor = ex.cursor(inspect, from);
    const { items } = await collect(cursor, 100);
    expect(items.map((t) => t["seq"])).to.deep.equal(Array.from({ length: 100 }, (_, i) => 60_000 + i));
  });

  it("injects CSV lines as tuples by the header, numbers and quoted commas included", async () => {
    const { inject, inspect } = await urls("csv");
    const lines = ["seq,name,amount,flag", '0,"Smith, J.",12.5,true', "1,007,3,false", '2,"say ""hi""",-4e2,maybe'];
    const rec = new TestRecorder();
    const cursor = ex.cursor(inspect, "now");
    const summary = await ex.inject({ url: inject, source: csvSource(lines, { identity: seqIdentity }), recorder: rec }).done;
    expect(summary).to.deep.include({ sent: 3, acked: 3 });
    const { items } = await collect(cursor, 3);
    expect(items).to.deep.equal([
      { seq: 0, name: "Smith, J.", amount: 12.5, flag: true, _dc: "dc1" },
      { seq: 1, name: "007", amount: 3, flag: false, _dc: "dc1" },
      { seq: 2, name: 'say "hi"', amount: -400, flag: "maybe", _dc: "dc1" },
    ]);
  });

  it("stops cleanly: stop() sends no new batch; an abort cancels the ones in flight", async () => {
    const { inject } = await urls("roundtrip");
    const rec = new TestRecorder();
    const endless = track(ex.inject({ url: inject, source: seqSource(Number.POSITIVE_INFINITY, 100_000), recorder: rec, batchSize: 10, ratePerSecond: 2_000 }));
    await rec.reach("acked", 50);
    endless.stop();
    const stopped = await endless.done;
    expect(stopped.end).to.equal("stopped");
    expect(stopped.acked).to.equal(stopped.sent);

    const abort = new AbortController();
    const rec2 = new TestRecorder();
    const aborted = track(ex.inject({ url: inject, source: seqSource(Number.POSITIVE_INFINITY, 200_000), recorder: rec2, batchSize: 10, ratePerSecond: 2_000, signal: abort.signal }));
    await rec2.reach("acked", 50);
    abort.abort();
    const summary = await aborted.done;
    expect(summary.end).to.equal("aborted");
    expect(summary.acked + summary.failed).to.equal(summary.sent);
  });

  it("a wrong password fails every batch as authentication, and no secret reaches the log", async () => {
    const { inject } = await urls("roundtrip");
    const dc = twin.description.dcs[0]!;
    const bad = value(await connectExchange({ url: dc.dataUrl, credentials: { user: twin.description.user, password: "not-the-password" } }, ctx));
    const rec = new TestRecorder();
    const summary = await bad.inject({ url: inject, source: seqSource(30), recorder: rec, batchSize: 10 }).done;
    bad.close();
    expect(summary).to.deep.include({ acked: 0, failed: 30 });
    expect(summary.errors).to.deep.equal({ authentication: 3 });
    expect(rec.counts.failed).to.equal(30);
    const discovered = await bad.discover();
    expect(!discovered.ok && discovered.error.kind).to.equal("authentication");
    expectNoSecrets(ctx.logger.text(), [PASSWORD, "not-the-password", Buffer.from(`${twin.description.user}:${PASSWORD}`).toString("base64")]);
  });
});
