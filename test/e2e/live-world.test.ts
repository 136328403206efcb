import { expect } from "chai";
import { LiveWorld } from "../../src/runtime/live/world.js";
import type { Reading } from "../../src/runtime/world.js";
import { demoApp, startRig, truth, type LiveRig } from "./live-helpers.js";

const call = (ms: number) => ({ signal: AbortSignal.timeout(ms) });
const value = <T>(r: { ok: boolean; value?: Reading<T>; error?: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error!.message);
  if (r.value!.kind !== "value") throw new Error(`expected a value, got ${JSON.stringify(r.value)}`);
  return r.value!.value;
};

async function until(test: () => Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the live World against the twin", function () {
  this.timeout(60_000);
  let rig: LiveRig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.close();
  });

  it("reads JMX through each datacenter's Jolokia agent; a composite, an unknown attribute and a datacenter without an agent are environment errors", async () => {
    const world = new LiveWorld(rig.drivers, { pollMs: 100 });
    const mbean = (dc: string) => `com.ibm.streams.management:type=instance,name=${dc}`;
    expect(value(await world.jmx({ mbean: mbean("dc2"), attribute: "Up", path: "" }, "dc2", call(5_000)))).to.equal(1);
    const composite = await world.jmx({ mbean: "com.ibm.streams.management:type=instance.resource,instance=dc1,name=dc1-h1", attribute: "Metrics", path: "" }, "dc1", call(5_000));
    expect(composite.ok ? composite.value : composite.error).to.deep.include({ class: "environment" });
    expect(!composite.ok && composite.error.message).to.match(/^dc1 Jolokia: read of \S+ Metrics: the value is a composite, not a number: give a path to one of its keys \(nRunningPes, /);
    const attribute = await world.jmx({ mbean: mbean("dc1"), attribute: "Nope", path: "" }, "dc1", call(5_000));
    expect(!attribute.ok && attribute.error.message).to.equal(`dc1 Jolokia: read of ${mbean("dc1")} Nope: Jolokia answered 404 (javax.management.AttributeNotFoundException): javax.management.AttributeNotFoundException : No such attribute: Nope`);
    const without = new LiveWorld({ ...rig.drivers, jolokias: {} });
    const none = await without.jmx({ mbean: mbean("dc1"), attribute: "Up", path: "" }, "dc1", call(5_000));
    expect(!none.ok && none.error).to.deep.equal({ class: "environment", message: 'datacenter dc1 has no Jolokia agent to read JMX from: set `jolokia: "http://HOST:8778/jolokia"` in its `dc` block' });
  });

  it("deploys, feeds, partitions, observes the failover, undoes the fault and accounts for the data", async () => {
    const world = new LiveWorld(rig.drivers, { pollMs: 100 });
    const dc1 = await world.submit({ app: demoApp, dc: "dc1", role: "primary", params: {} }, call(10_000));
    const dc2 = await world.submit({ app: demoApp, dc: "dc2", role: "standby", params: {} }, call(10_000));
    expect(dc1.ok && dc2.ok, JSON.stringify([dc1, dc2])).to.equal(true);
    await until(async () => value(await world.healthy(demoApp, "dc1", call(5_000))) && value(await world.healthy(demoApp, "dc2", call(5_000))), 15_000);

    const started = await world.inject({ id: "w1", endpoint: { kind: "endpoint", app: demoApp, name: "Ingest", direction: "source" }, ratePerSecond: 300, durationMs: 5_000, key: "seq", schema: {}, seed: 1 }, call(30_000));
    expect(started.ok).to.equal(true);
    const results = { kind: "endpoint" as const, app: demoApp, name: "Results", direction: "sink" as const };
    expect(value(await world.throughput(results, 1_000, call(5_000)))).to.be.greaterThan(100);

    const dc = { kind: "ref" as const, what: "dc" as const };
    const applied = await world.applyFault({ id: "f1", builtin: "partition", args: new Map([["a", { ...dc, name: "dc1" }], ["b", { ...dc, name: "dc2" }]]) }, call(20_000));
    if (!applied.ok) throw new Error(applied.error.message);
    expect(applied.value.hosts).to.deep.equal(["dc1-h1", "dc1-h2"]);

    const fo = value(await world.awaitFailover({ app: demoApp, to: "dc2", from: "dc1" }, call(15_000)));
    expect(fo.from).to.equal("dc1");
    const [takeover] = await truth(rig.twin, "takeover");
    const [ruleAdded] = await truth(rig.twin, "rule.added");
    expect(takeover, "the twin took over").to.not.equal(undefined);
    // The observer's takeover time against the ground truth's, and the fault's start against the first rule.
    const anchor = rig.drivers.ctx.clock.wallAnchorMs;
    expect(Math.abs(anchor + fo.atMs - takeover!.time)).to.be.below(150);
    expect(Math.abs(fo.detectionMs! - (takeover!.time - ruleAdded!.time))).to.be.below(150);
    expect(fo.rtoMs).to.be.at.least(fo.detectionMs!);

    const reverted = await world.revertFault(applied.value, call(20_000));
    expect(reverted.ok && reverted.value.status).to.equal("undone");
    const added = await truth(rig.twin, "rule.added");
    const removed = await truth(rig.twin, "rule.removed");
    expect(removed.length).to.equal(added.length);

    if (started.ok) await started.value.done;
    await new Promise((r) => setTimeout(r, 600));
    expect(value(await world.lost({ kind: "workload", id: "w1", endpoint: { kind: "endpoint", app: demoApp, name: "Ingest", direction: "source" }, ratePerSecond: 300, durationMs: 5_000, key: "seq", startedAtMs: 0 }, results, call(5_000)))).to.be.at.most(5);
    expect(value(await world.ordered(results, "seq", "", call(5_000)))).to.equal(true);

    expect((await world.cancel(demoApp, ["dc1", "dc2"], call(10_000))).ok).to.equal(true);
    await world.stop();
    expect(rig.logger.text()).to.not.contain(rig.twin.password);
  });
});
