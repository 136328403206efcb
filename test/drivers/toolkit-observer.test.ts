import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { connectExchange, type Exchange } from "../../src/drivers/exchange/index.js";
import { connectStreams, type StreamsApi } from "../../src/drivers/streams/index.js";
import { observeFailover, type FailoverObserver, type ObserverEvent } from "../../src/drivers/toolkit/index.js";
import { realClock } from "../../src/runtime/clock.js";
import { startTwin } from "../../src/sim/launcher.js";
import { demoWithToolkitParameters, testDcCommand, TwinClient } from "../sim/twin-client.js";
import { hostOf, seqSource, submitApp, TestRecorder } from "./exchange-helpers.js";
import { testContext, value, type TestContext } from "./helpers.js";

const PASSWORD = "Observer-test-pw-9d27";
const H = 200;
const A = 3;
const POLL_MS = 100;
const toolkit = { heartbeatExchangeInterval: "200ms", consecutiveHeartbeatMissesAllowed: String(A), dataSnapshotExchangeInterval: "0.4" };

/**
 * The failover observer against the twin's two datacenter processes, judged by the twin's
 * ground truth (read here, by the test, never by the observer): a partition of dc1's toolkit
 * host, then the loss of dc1's whole process.
 */
describe("drivers/toolkit: the failover observer against the twin's ground truth", function () {
  this.timeout(40_000);
  let c: TwinClient;
  let ctx: TestContext;
  const apis: Record<string, StreamsApi> = {};
  const watch: Record<string, StreamsApi> = {};
  const ex: Record<string, Exchange> = {};
  const events: ObserverEvent[] = [];
  const observers: FailoverObserver[] = [];
  const errors: string[] = [];
  let twinLogs = "";

  const wall = (atMs: number) => atMs + ctx.clock.wallAnchorMs;
  async function pair(suffix: string): Promise<void> {
    const since = c.lastSeq();
    const manifest = demoWithToolkitParameters();
    await submitApp(apis.dc1!, manifest, `demo-dc1${suffix}`, { role: "primary", ...toolkit });
    await submitApp(apis.dc2!, manifest, `demo-dc2${suffix}`, { role: "standby", ...toolkit });
    await c.waitForEvent(since, "dc.declaredUp", (e) => e.dc === "dc2", 10_000);
    await c.waitForEvent(since, "dc.declaredUp", (e) => e.dc === "dc1", 10_000);
  }
  async function observe(suffix: string): Promise<FailoverObserver> {
    const sinks = async (dc: string) => [ex[dc]!.cursor(value(await ex[dc]!.endpoint("inspect", { jobName: `demo-${dc}${suffix}`, operator: "Results" })).url)];
    const observer = observeFailover(
      { clock: ctx.clock, logger: ctx.logger },
      {
        intervalMs: POLL_MS,
        callTimeoutMs: 500,
        firstTupleWaitMs: 5_000,
        dcs: [
          { name: "dc1", api: watch.dc1!, jobName: `demo-dc1${suffix}`, sinks: await sinks("dc1") },
          { name: "dc2", api: watch.dc2!, jobName: `demo-dc2${suffix}`, sinks: await sinks("dc2") },
        ],
      },
    );
    observers.push(observer);
    observer.on((e) => events.push(e));
    return observer;
  }
  /** Feeds a few tuples into the survivor once it is seen active, so that a first tuple follows the takeover. */
  function feedOnTakeover(observer: FailoverObserver, suffix: string): void {
    const off = observer.on((e) => {
      if (e.type !== "role-changed" || e.dc !== "dc2" || e.to !== "active") return;
      off();
      void ex.dc2!.endpoint("inject", { jobName: `demo-dc2${suffix}`, operator: "Ingest" }).then(async (ep) => {
        if (!ep.ok) return errors.push(ep.error.message);
        const s = await ex.dc2!.inject({ url: ep.value.url, source: seqSource(20), recorder: new TestRecorder(), batchSize: 20 }).done;
        if (s.lastError) errors.push(s.lastError.message);
      });
    });
  }
  const expectRoles = async (observer: FailoverObserver, want: Record<string, string>) => {
    const deadline = Date.now() + 5_000;
    while (JSON.stringify(observer.roles()) !== JSON.stringify(want)) {
      if (Date.now() > deadline) expect(observer.roles()).to.deep.equal(want);
      await new Promise((r) => setTimeout(r, POLL_MS / 2));
    }
  };

  before(async function () {
    this.timeout(60_000);
    const twin = await startTwin({ seed: 5, password: PASSWORD, heartbeatIntervalMs: H, missesAllowed: A, restartDelayMs: 300, dcCommand: testDcCommand() });
    c = new TwinClient(twin);
    ctx = testContext(realClock());
    for (const dc of twin.description.dcs) {
      const credentials = { user: twin.description.user, password: PASSWORD };
      apis[dc.name] = value(await connectStreams({ url: dc.restUrl, credentials, timeoutMs: 5_000 }, ctx));
      // The observer's own clients: one attempt, a short timeout; a poll must not hang on a dead DC.
      watch[dc.name] = value(await connectStreams({ url: dc.restUrl, credentials, timeoutMs: 500, retry: { attempts: 1 } }, ctx));
      ex[dc.name] = value(await connectExchange({ url: dc.dataUrl, credentials, timeoutMs: 1_000 }, ctx));
    }
    await pair("");
  });
  after(async function () {
    this.timeout(20_000);
    for (const o of observers) await o.stop();
    for (const x of [...Object.values(apis), ...Object.values(watch), ...Object.values(ex)]) x.close();
    await c?.twin.stop();
  });

  /** What the first observer's events() gave, read until it stopped. */
  let iterated: Promise<ObserverEvent[]> = Promise.resolve([]);
  let observedFrom = 0;

  it("sees the primary active and the standby standing by", async () => {
    const observer = await observe("");
    observedFrom = ctx.clock.now();
    iterated = (async () => {
      const seen: ObserverEvent[] = [];
      for await (const e of observer.events()) seen.push(e);
      return seen;
    })();
    await expectRoles(observer, { dc1: "active", dc2: "standby" });
  });

  it("partition of dc1's toolkit host: the failover to dc2 is seen within one poll of the ground truth", async () => {
    const observer = observers[0]!;
    // The observer learns what a normal pause between heartbeats is: give it a few of them.
    while (ctx.clock.now() < observedFrom + 8 * H) await new Promise((r) => setTimeout(r, POLL_MS));
    feedOnTakeover(observer, "");
    const dc1 = await hostOf(apis.dc1!, "demo-dc1", "CrossDataCenterReceiverForHB");
    const dc2 = await hostOf(apis.dc2!, "demo-dc2", "CrossDataCenterReceiverForHB");
    const since = c.lastSeq();
    const cut = await c.ssh("dc1", dc1.host, `sudo -n iptables -A INPUT -s ${dc2.address} -j DROP && sudo -n iptables -A OUTPUT -d ${dc2.address} -j DROP`);
    expect(cut).to.include({ code: 0, stderr: "" });
    const seen = await observer.awaitFailover({ to: "dc2" }, AbortSignal.timeout(15_000));
    expect(seen).to.include({ type: "failover", from: "dc1", to: "dc2" });
    const truth = await c.waitForEvent(since, "takeover", (e) => e.dc === "dc2", 5_000);
    const first = await c.waitForEvent(since, "tuple.firstAfterTakeover", (e) => e.dc === "dc2", 5_000);
    const heal = await c.ssh("dc1", dc1.host, `sudo -n iptables -D INPUT -s ${dc2.address} -j DROP && sudo -n iptables -D OUTPUT -d ${dc2.address} -j DROP`);
    expect(heal.code).to.equal(0);
    expect(Math.abs(wall(seen!.takeoverAtMs) - truth.time)).to.be.at.most(POLL_MS + 50);
    // Detected no later than the takeover; earlier when dc2's heartbeats were seen to stop (a busy
    // machine can stretch the pauses between polls until the silence stands out only at the takeover).
    expect(seen!.signals).to.include("watchdog-declared-remote-down");
    if (seen!.signals.includes("heartbeats-stopped")) expect(seen!.detectedAtMs).to.be.below(seen!.takeoverAtMs);
    else expect(seen!.detectedAtMs).to.equal(seen!.takeoverAtMs);
    expect(seen!.firstTupleAtMs).to.be.a("number");
    expect(Math.abs(wall(seen!.firstTupleAtMs!) - first.time)).to.be.at.most(POLL_MS + 50);
    // Split brain: dc1 never stopped being active.
    await expectRoles(observer, { dc1: "active", dc2: "active" });
    expect(errors).to.deep.equal([]);
  });

  it("the loss of dc1's process: dc1 unreachable and down, and the failover seen within one poll", async () => {
    for (const o of observers.splice(0)) await o.stop();
    // The first observer's event stream ended with it, and carried what its listeners got.
    expect((await iterated).map((e) => e.type)).to.include.members(["role-changed", "failover"]);
    for (const dc of ["dc1", "dc2"]) value(await apis[dc]!.cancelJob(value(await apis[dc]!.findJob(`demo-${dc}`))!));
    await pair("-b");
    const observer = await observe("-b");
    await expectRoles(observer, { dc1: "active", dc2: "standby" });
    feedOnTakeover(observer, "-b");
    // What the datacenter wrote, before it is gone.
    twinLogs = readdirSync(join(c.twin.stateDir, "logs")).map((f) => readFileSync(join(c.twin.stateDir, "logs", f), "utf8")).join("\n");
    const since = c.lastSeq();
    const from = events.length;
    process.kill(c.twin.pids.dc1!, "SIGKILL");
    const seen = await observer.awaitFailover({ to: "dc2", from: "dc1" }, AbortSignal.timeout(15_000));
    const truth = await c.waitForEvent(since, "takeover", (e) => e.dc === "dc2", 5_000);
    expect(Math.abs(wall(seen!.takeoverAtMs) - truth.time)).to.be.at.most(POLL_MS + 50);
    const exited = await c.waitForEvent(since, "dc.exited", (e) => e.dc === "dc1", 5_000);
    // Unreachable only once its silence has lasted unreachableAfterMs (1 s here), dated when it began.
    await expectRoles(observer, { dc1: "down", dc2: "active" });
    const unreachable = events.slice(from).find((e) => e.type === "dc-unreachable");
    expect(unreachable).to.include({ dc: "dc1" });
    expect(Math.abs(wall(unreachable!.atMs) - exited.time)).to.be.at.most(POLL_MS + 50);
    // Detected when dc1 stopped answering (its silence backed by dc2's takeover), or when dc2
    // noticed its heartbeats missing, if that came first.
    expect(seen!.detectedAtMs).to.be.at.most(unreachable!.atMs);
    expect(wall(seen!.detectedAtMs)).to.be.at.least(exited.time - H);
  });

  it("no trace of the password in the drivers' logs, errors, events or the twin's logs", () => {
    const secrets = [PASSWORD, encodeURIComponent(PASSWORD), Buffer.from(`${c.twin.description.user}:${PASSWORD}`).toString("base64")];
    const text = [ctx.logger.text(), JSON.stringify(events), errors.join("\n"), twinLogs].join("\n");
    expect(ctx.logger.entries.length).to.be.greaterThan(10);
    for (const s of secrets) expect(text.includes(s), "a secret appears in the captured output").to.equal(false);
  });
});
