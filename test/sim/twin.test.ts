import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { startTwin } from "../../src/sim/launcher.js";
import { demoWithToolkitParameters, testDcCommand, TwinClient } from "./twin-client.js";

// Short intervals: heartbeats every 200 ms, DOWN after 3 misses.
const H = 200;
const A = 3;
/** The tuples held back in dc1 by stopping its processing before the partition. */
const pending = () => Array.from({ length: 50 }, (_, i) => ({ seq: 500 + i }));
const toolkitParams = { heartbeatExchangeInterval: "200ms", consecutiveHeartbeatMissesAllowed: String(A), dataSnapshotExchangeInterval: "0.4" };

describe("sim twin (two datacenter processes)", function () {
  this.timeout(30_000);
  let c: TwinClient;
  const manifest = demoWithToolkitParameters();
  const jobs: Record<string, any> = {};

  /** The job's operator element, found through REST links. */
  const operator = async (dc: string, jobId: string, name: string) => {
    const job = await c.get(`${await c.instanceUrl(dc)}/jobs/${jobId}`);
    const ops = await c.get(job.body.operators);
    return ops.body.operators.find((o: { name: string }) => o.name === name);
  };
  const metric = async (dc: string, jobId: string, op: string, name: string): Promise<number> => {
    const metrics = await c.get((await operator(dc, jobId, op)).metrics);
    return metrics.body.metrics.find((m: { name: string }) => m.name === name)?.value ?? Number.NaN;
  };
  /** The host (name) and pid of the PE that runs an operator. */
  const peOf = async (dc: string, jobId: string, op: string) => {
    const pe = await c.get((await operator(dc, jobId, op)).pe);
    const resource = await c.get(pe.body.resource);
    return { pe: pe.body, host: resource.body.id as string, address: resource.body.ipAddress as string };
  };

  before(async function () {
    this.timeout(60_000);
    const twin = await startTwin({ dcCommand: testDcCommand(), seed: 7, heartbeatIntervalMs: 1000, missesAllowed: 4, restartDelayMs: 300 });
    c = new TwinClient(twin);
    const since = c.lastSeq();
    jobs.dc1 = await c.submit("dc1", manifest, { role: "primary", ...toolkitParams }, "demo-dc1");
    jobs.dc2 = await c.submit("dc2", manifest, { role: "standby", ...toolkitParams }, "demo-dc2");
    await c.waitForEvent(since, "dc.declaredUp", (e) => e.dc === "dc2", 10_000);
    await c.waitForEvent(since, "dc.declaredUp", (e) => e.dc === "dc1", 10_000);
  });
  after(async function () {
    this.timeout(20_000);
    await c?.twin.stop();
  });

  it("answers the REST API with paging and moving metrics", async () => {
    const instance = await c.instanceUrl("dc1");
    const list = await c.get(`${instance}/jobs`);
    expect(list.body).to.include({ resourceType: "jobList", total: 1 });
    expect(list.body.jobs[0]).to.include({ id: jobs.dc1.id, name: "demo-dc1", status: "running" });
    const pes = await c.get(`${instance}/pes?count=1&page=2`);
    expect(pes.body.total).to.equal(3);
    expect(pes.body.pes).to.have.length(1);
    expect(pes.body.pes[0].launchCount).to.equal(1);
    const ingest = await operator("dc1", jobs.dc1.id, "Ingest");
    const metrics = await c.get(`${ingest.metrics}?count=2&page=1`);
    expect(metrics.body.metrics).to.have.length(2);
    expect(metrics.body.total).to.be.greaterThan(2);
    const hb = await metric("dc2", jobs.dc2.id, "CrossDCFailover.CrossDataCenterReceiverForHB", "nTuplesSubmitted");
    await c.until(async () => ((await metric("dc2", jobs.dc2.id, "CrossDCFailover.CrossDataCenterReceiverForHB", "nTuplesSubmitted")) > hb ? true : undefined), 5000, "heartbeats to be counted");
  });

  it("carries tuples from the primary's source to its sink; the standby refuses them", async () => {
    const ep = await c.endpoints("dc1", jobs.dc1.id);
    const items = Array.from({ length: 100 }, (_, i) => ({ seq: i, key: `k${i}` }));
    const injected = await c.request("POST", ep.inject.Ingest!, { items });
    expect(injected.status).to.equal(200);
    expect(injected.body).to.deep.equal({ count: 100 });
    const read = await c.readUntil(ep.inspect.Results!, 100, 10_000);
    expect(read.map((t: any) => t.seq)).to.deep.equal(items.map((t) => t.seq));
    expect(read[0]).to.deep.equal({ seq: 0, key: "k0", _dc: "dc1" });
    expect(await metric("dc1", jobs.dc1.id, "Ingest", "nTuplesSubmitted")).to.equal(100);
    expect(await metric("dc1", jobs.dc1.id, "Process", "nTuplesProcessed")).to.be.at.least(100);

    const standby = await c.endpoints("dc2", jobs.dc2.id);
    const refused = await c.request("POST", standby.inject.Ingest!, { items: [{ seq: 1 }] });
    expect(refused.status).to.equal(503);
    expect(refused.body).to.include({ id: "CDISW5103E", reason: "standby" });
    expect(refused.headers.get("retry-after")).to.equal("1");
  });

  it("serves a running job's tuples through its views, followed link by link as the Python client does", async () => {
    const instance = (await c.get(await c.instanceUrl("dc1"))).body;
    const views = (await c.get(instance.views)).body;
    expect(views).to.include({ resourceType: "viewList", total: 3 });
    const byName = (name: string) => views.views.find((v: { name: string }) => v.name === name);
    const results = byName("ResultsView");
    expect(results).to.include({ resourceType: "view", bufferCapacityUnits: "tuples", bufferCapacityTuples: 1000, maximumTupleRate: 1000, activateOption: "automatic", active: true });
    expect(results.attributes[0]).to.deep.equal({ name: "seq", type: "int64" });
    expect((await c.get(results.job)).body.id).to.equal(jobs.dc1.id);
    expect((await c.get(results.operatorOutputPort)).body.name).to.equal("Process.out0");
    const ingest = byName("IngestView");
    expect(ingest).to.include({ activateOption: "firstAccess", active: false, bufferCapacityUnits: "seconds", bufferCapacitySeconds: 30 });
    expect((await c.get(instance.activeViews)).body.activeViews.map((v: { name: string }) => v.name)).to.not.include("IngestView");

    const ep = await c.endpoints("dc1", jobs.dc1.id);
    const first = (await c.get(ingest.viewItems)).body;
    expect(first).to.include({ resourceType: "viewItemList", total: 0 });
    expect((await c.get(ingest.self)).body.active).to.equal(true);
    const items = Array.from({ length: 40 }, (_, i) => ({ seq: 2000 + i, key: `v${i}` }));
    expect((await c.request("POST", ep.inject.Ingest!, { items })).status).to.equal(200);
    const seen = await c.until(
      async () => {
        const got = (await c.get(results.viewItems)).body.viewItems as Array<{ resourceType: string; collectionTime: number; data: { seq: number } }>;
        const ours = got.filter((i) => i.data.seq >= 2000);
        return ours.length === items.length ? ours : undefined;
      },
      10_000,
      "the injected tuples in ResultsView",
    );
    expect(seen.map((i) => i.data.seq)).to.deep.equal(items.map((t) => t.seq));
    expect(seen[0]).to.deep.include({ resourceType: "viewItem", data: { seq: 2000, key: "v0", _dc: "dc1" } });
    expect(seen.every((i, k) => Number.isInteger(i.collectionTime) && (k === 0 || i.collectionTime >= seen[k - 1]!.collectionTime))).to.equal(true);
    const accepted = (await c.get(ingest.viewItems)).body.viewItems as Array<{ data: Record<string, unknown> }>;
    expect(accepted.map((i) => i.data)).to.deep.equal(items);
    expect((await c.get(instance.activeViews)).body.activeViews.map((v: { name: string }) => v.name)).to.include("IngestView");
  });

  it("serves /metrics that promtool accepts, with the toolkit's operators in it", async function () {
    const found = spawnSync("promtool", ["--version"], { encoding: "utf8" });
    if (found.error) {
      console.log("      (skipped: promtool is not installed; apt-get install prometheus)");
      this.skip();
    }
    const text = (await c.get(c.dc("dc2").metricsUrl)).body as string;
    expect(text).to.contain("CrossDataCenterReceiverForHB");
    const check = spawnSync("promtool", ["check", "metrics"], { input: text, encoding: "utf8" });
    expect(check.stdout + check.stderr).to.equal("");
    expect(check.status).to.equal(0);
  });

  it("restarts a PE killed with kill -9 over SSH, with a higher launch count", async () => {
    const { pe, host } = await peOf("dc1", jobs.dc1.id, "Process");
    const since = c.lastSeq();
    const ps = await c.ssh("dc1", host, "pgrep -f streams-pec");
    expect(ps.stdout.split("\n")).to.include(String(pe.processId ?? pe.pid));
    const killed = await c.ssh("dc1", host, `kill -9 ${pe.processId}`);
    expect(killed.code).to.equal(0);
    const restarted = await c.waitForEvent(since, "pe.restarted", (e) => e.peId === pe.id, 10_000);
    expect(restarted.launchCount).to.equal(2);
    const again = await c.get(pe.self);
    expect(again.body.launchCount).to.equal(2);
    expect(again.body.processId).to.not.equal(pe.processId);
  });

  it("fails over to dc2 when dc1's toolkit host drops dc2's traffic, within one heartbeat interval of A·H", async () => {
    const dc1 = await peOf("dc1", jobs.dc1.id, "CrossDCFailover.CrossDataCenterReceiverForHB");
    const dc2 = await peOf("dc2", jobs.dc2.id, "CrossDCFailover.CrossDataCenterReceiverForHB");
    // Stop dc1's processing (SIGSTOP) so that accepted tuples stay pending: they are the state
    // the next snapshot carries to dc2.
    const processing = await peOf("dc1", jobs.dc1.id, "Process");
    expect((await c.ssh("dc1", processing.host, `kill -STOP ${processing.pe.processId}`)).code).to.equal(0);
    const beforeInject = c.lastSeq();
    expect((await c.request("POST", (await c.endpoints("dc1", jobs.dc1.id)).inject.Ingest!, { items: pending() })).status).to.equal(200);
    await c.waitForEvent(beforeInject, "snapshot.stored", (e) => e.dc === "dc2" && e.items === 50, 5000);

    const since = c.lastSeq();
    const cut = await c.ssh("dc1", dc1.host, `sudo -n iptables -A INPUT -s ${dc2.address} -j DROP && sudo -n iptables -A OUTPUT -d ${dc2.address} -j DROP`);
    expect(cut).to.include({ code: 0, stderr: "" });
    const applied = await c.waitForEvent(since, "rule.added", (e) => e.host === dc1.host, 5000);
    const takeover = await c.waitForEvent(since, "takeover", (e) => e.dc === "dc2" && e.jobId === jobs.dc2.id, 10_000);
    expect(takeover).to.include({ survivor: "dc2", lost: "dc1", mode: "active" });
    expect(Math.abs(takeover.time - (applied.time + A * H))).to.be.at.most(H);
    const down = (await c.events({ since, type: "dc.declaredDown", dc: "dc2" }))[0] as any;
    expect(down.time - down.lastHeartbeat).to.be.within(A * H, (A + 1) * H + 50);

    // dc2 replays dc1's last snapshot: the 50 tuples dc1 had accepted and not emitted.
    const replayed = await c.waitForEvent(since, "snapshot.replayed", (e) => e.dc === "dc2", 5000);
    expect(replayed).to.include({ origin: "dc1", items: 50 });
    const ep = await c.endpoints("dc2", jobs.dc2.id);
    const results = await c.readUntil(ep.inspect.Results!, 50, 5000);
    expect(results.map((t: any) => [t.seq, t._replayedFrom, t._dc])).to.deep.equal(pending().map((t) => [t.seq, "dc1", "dc2"]));
    const first = await c.waitForEvent(since, "tuple.firstAfterTakeover", (e) => e.dc === "dc2", 5000);
    expect(first.time).to.be.at.least(takeover.time);

    // Seen from outside: dc2's source takes tuples now, and its status sink says dc1 is down.
    const accepted = await c.request("POST", ep.inject.Ingest!, { items: [{ seq: 1000 }] });
    expect(accepted.status).to.equal(200);
    const status = await c.get(ep.inspect.DCStatus!);
    expect(status.body.items.map((s: any) => [s.remote, s.up])).to.deep.equal([["dc1", true], ["dc1", false]]);
    // Its RemoteDownView (filter: up is false) holds only the report that dc1 is down.
    const dc2Views = (await c.get((await c.get(await c.instanceUrl("dc2"))).body.views)).body.views as Array<{ name: string; viewItems: string }>;
    const downView = (await c.get(dc2Views.find((v) => v.name === "RemoteDownView")!.viewItems)).body.viewItems as Array<{ data: unknown }>;
    expect(downView.map((i) => i.data)).to.deep.equal([{ remote: "dc1", up: false, time: (status.body.items[1] as { time: number }).time }]);
    // Split brain: dc1 declared dc2 down as well, and stays active.
    await c.waitForEvent(since, "dc.declaredDown", (e) => e.dc === "dc1", 5000);
  });

  it("stays silent after the partition heals: both declared the other DOWN and stopped heartbeating", async () => {
    const dc1 = await peOf("dc1", jobs.dc1.id, "CrossDCFailover.CrossDataCenterReceiverForHB");
    const dc2 = await peOf("dc2", jobs.dc2.id, "CrossDCFailover.CrossDataCenterReceiverForHB");
    const heard = await metric("dc2", jobs.dc2.id, "CrossDCFailover.CrossDataCenterReceiverForHB", "nTuplesSubmitted");
    const since = c.lastSeq();
    const heal = await c.ssh("dc1", dc1.host, `sudo -n iptables -D INPUT -s ${dc2.address} -j DROP && sudo -n iptables -D OUTPUT -d ${dc2.address} -j DROP`);
    expect(heal.code).to.equal(0);
    await c.waitForEvent(since, "rule.removed", (e) => e.host === dc1.host, 5000);
    // Three heartbeat intervals in which a working link would have carried three heartbeats each way.
    const news = await c.events({ since, type: "dc.declaredUp,heartbeat.restored", waitMs: 3 * H });
    expect(news).to.deep.equal([]);
    expect(await metric("dc2", jobs.dc2.id, "CrossDCFailover.CrossDataCenterReceiverForHB", "nTuplesSubmitted")).to.equal(heard);

    // dc1, still active (split brain), goes on with what it had: the replayed tuples come out twice.
    const processing = await peOf("dc1", jobs.dc1.id, "Process");
    expect((await c.ssh("dc1", processing.host, `kill -CONT ${processing.pe.processId}`)).code).to.equal(0);
    const ep = await c.endpoints("dc1", jobs.dc1.id);
    // (its Results buffer restarted empty with the kill -9 above)
    const page = await c.readUntil(ep.inspect.Results!, 50, 5000);
    expect(page.map((t: any) => [t.seq, t._dc])).to.deep.equal(pending().map((t) => [t.seq, "dc1"]));
  });

  it("cancels a job (204, then 404) and the toolkit says goodbye to the remote", async () => {
    const since = c.lastSeq();
    for (const dc of ["dc1", "dc2"]) {
      const url = `${await c.instanceUrl(dc)}/jobs/${jobs[dc].id}`;
      expect((await c.request("DELETE", url)).status).to.equal(204);
      expect((await c.request("DELETE", url)).status).to.equal(404);
      expect((await c.get(url)).status).to.equal(404);
    }
    const sent = await c.waitForEvent(since, "orderlyShutdown.sent", (e) => e.dc === "dc1", 5000);
    expect(sent.jobId).to.equal(jobs.dc1.id);
    await c.waitForEvent(since, "job.cancelled", (e) => e.dc === "dc2", 5000);
  });

  describe("with more misses allowed", () => {
    const patient = { ...toolkitParams, consecutiveHeartbeatMissesAllowed: "8" };

    before(async () => {
      const since = c.lastSeq();
      jobs.dc1b = await c.submit("dc1", manifest, { role: "primary", ...patient }, "patient-dc1");
      jobs.dc2b = await c.submit("dc2", manifest, { role: "standby", ...patient }, "patient-dc2");
      await c.waitForEvent(since, "dc.declaredUp", (e) => e.dc === "dc2" && e.jobId === jobs.dc2b.id, 10_000);
      await c.waitForEvent(since, "dc.declaredUp", (e) => e.dc === "dc1" && e.jobId === jobs.dc1b.id, 10_000);
    });

    it("a cut shorter than the allowance only costs some misses: heartbeats come back", async () => {
      const dc1 = await peOf("dc1", jobs.dc1b.id, "CrossDCFailover.CrossDataCenterReceiverForHB");
      const dc2 = await peOf("dc2", jobs.dc2b.id, "CrossDCFailover.CrossDataCenterReceiverForHB");
      const since = c.lastSeq();
      await c.ssh("dc1", dc1.host, `sudo -n iptables -I INPUT 1 -s ${dc2.address} -p tcp -j REJECT`);
      await c.waitForEvent(since, "heartbeat.missed", (e) => e.dc === "dc2" && e.count >= 2, 5000);
      await c.ssh("dc1", dc1.host, `sudo -n iptables -D INPUT -s ${dc2.address} -p tcp -j REJECT`);
      const restored = await c.waitForEvent(since, "heartbeat.restored", (e) => e.dc === "dc2", 5000);
      expect(restored.afterTicks).to.be.within(2, 8);
      expect(await c.events({ since, type: "dc.declaredDown" })).to.deep.equal([]);
    });

    it("survives the SIGKILL of dc1's process: dc2 takes over", async () => {
      const since = c.lastSeq();
      // Timed from the kill, not from `dc.exited`: on a busy machine the coordinator notices
      // the exit late, while dc2 counts its missed heartbeats from the last one that came.
      const killedAt = Date.now();
      process.kill(c.twin.pids.dc1!, "SIGKILL");
      const exited = await c.waitForEvent(since, "dc.exited", (e) => e.dc === "dc1", 5000);
      expect(exited).to.include({ signal: "SIGKILL", expected: false });
      const takeover = await c.waitForEvent(since, "takeover", (e) => e.dc === "dc2" && e.jobId === jobs.dc2b.id, 10_000);
      expect(takeover.time - killedAt).to.be.within(6 * H, 11 * H);
      const ep = await c.endpoints("dc2", jobs.dc2b.id);
      expect((await c.request("POST", ep.inject.Ingest!, { items: [{ seq: 1 }] })).status).to.equal(200);
      const gone = await fetch(`${c.dc("dc1").restUrl}/resources`).then(
        () => "answered",
        () => "refused",
      );
      expect(gone).to.equal("refused");
    });
  });
});
