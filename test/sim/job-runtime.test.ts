import { expect } from "chai";
import { AppRuntime } from "../../src/sim/app/runtime.js";
import type { JobRuntime } from "../../src/sim/app/job-runtime.js";
import { OPEN_POLICY } from "../../src/sim/net/traffic.js";
import { ReceiverTable } from "../../src/sim/toolkit/receivers.js";
import { SnapshotStore } from "../../src/sim/toolkit/snapshot-store.js";
import type { TwinEventBody } from "../../src/sim/twin-events.js";
import { makeInstance, minimalManifest, upload } from "./fixtures.js";

// One datacenter's jobs on a manual clock: the data path, its metrics and what PE deaths cost.
function setUp(cpu = { factor: 1 }) {
  const { instance, clock } = makeInstance({ restartDelayMs: 100 });
  const events: TwinEventBody[] = [];
  const runtime = new AppRuntime({
    dc: "dc1",
    instance,
    clock,
    record: (e) => events.push(e),
    cpuFactor: () => cpu.factor,
    toolkit: {
      defaults: { heartbeatIntervalMs: 1000, missesAllowed: 3, localName: "dc1", remoteName: "dc2" },
      store: new SnapshotStore(),
      receivers: new ReceiverTable(),
      host: () => ({ address: "127.0.1.11", policy: OPEN_POLICY }),
      machines: () => [],
    },
  });
  const manifest = { ...minimalManifest(), processing: { ratePerSecond: 1000, latencyMs: 50 } };
  const bundleId = upload(instance, manifest);
  const submit = (role: string): JobRuntime => {
    const job = instance.submitJob({ bundleId, startedBy: "test", parameters: { role } });
    if (!job.ok) throw new Error(job.error.message);
    return runtime.job(job.value.id)!;
  };
  const metric = (job: JobRuntime, op: string, name: string) => instance.metric(job.job.id, op, name)!.value;
  return { instance, clock, runtime, submit, metric, events, cpu };
}

const tuples = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ seq: from + i }));
const read = (job: JobRuntime) => {
  const r = job.inspect("Results", {});
  return r.kind === "read" ? r.read.items.map((t: any) => t.seq) : r.kind;
};

describe("sim job runtime", () => {
  it("moves tuples at the manifest's rate times the host's CPU share, and its metrics with them", () => {
    const t = setUp({ factor: 0.5 });
    const job = t.submit("primary");
    expect(job.inject("Ingest", tuples(100))).to.deep.equal({ kind: "accepted", count: 100 });
    expect(t.metric(job, "Ingest", "nTuplesSubmitted")).to.equal(100);
    expect(t.metric(job, "Work", "nTuplesQueued")).to.equal(100);
    t.clock.advance(100); // 500 tuples/s: 50 processed, those before 50 ms emitted
    expect(t.metric(job, "Work", "nTuplesProcessed")).to.equal(50);
    expect(t.metric(job, "Work", "nTuplesQueued")).to.equal(50);
    expect(read(job)).to.deep.equal(tuples(25).map((x) => x.seq));
    t.clock.advance(1000);
    expect(read(job)).to.have.length(100);
    expect(t.metric(job, "Results", "nTuplesProcessed")).to.equal(100);
    expect(t.metric(job, "Work", "nEnriched")).to.equal(100);
  });

  it("keeps a standby's source closed", () => {
    const t = setUp();
    const job = t.submit("standby");
    expect(job.inject("Ingest", tuples(1))).to.deep.equal({ kind: "standby" });
    expect(job.isActive).to.equal(false);
  });

  it("refuses a batch that does not fit whole, and tuples that are not objects", () => {
    const t = setUp();
    const job = t.submit("primary");
    expect(job.inject("Ingest", tuples(90))).to.include({ kind: "accepted" });
    expect(job.inject("Ingest", tuples(20))).to.include({ kind: "full", free: 10 });
    expect(job.inject("Ingest", [1])).to.include({ kind: "bad" });
  });

  it("loses what a dead PE held: the source's buffer, the processing in flight, the sink's buffer", () => {
    const t = setUp();
    const job = t.submit("primary");
    job.inject("Ingest", tuples(100));
    t.clock.advance(60); // 60 processed, 10 emitted
    expect(read(job)).to.have.length(10);
    const work = job.peOf("Work")!;
    t.instance.crashPe(work.id);
    expect(job.inspect("Results", {})).to.include({ kind: "unavailable" });
    t.instance.crashPe(job.peOf("Ingest")!.id);
    expect(job.inject("Ingest", tuples(1))).to.include({ kind: "unavailable" });
    t.clock.advance(1000); // both restarted, nothing left to process
    expect(read(job)).to.deep.equal([]);
    expect(job.inject("Ingest", tuples(5, 1000))).to.include({ kind: "accepted" });
    t.clock.advance(100);
    expect(read(job)).to.deep.equal([1000, 1001, 1002, 1003, 1004]);
  });

  it("holds requests to a stopped (SIGSTOP) PE until it continues, and processes nothing meanwhile", async () => {
    const t = setUp();
    const job = t.submit("primary");
    job.inject("Ingest", tuples(10));
    t.instance.suspendPe(job.peOf("Work")!.id);
    t.clock.advance(1000);
    expect(t.metric(job, "Work", "nTuplesProcessed")).to.equal(0);
    const held = job.inspect("Results", {});
    expect(held.kind).to.equal("wait");
    let woke = false;
    if (held.kind === "wait") void held.until.then(() => (woke = true));
    t.instance.resumePe(job.peOf("Work")!.id);
    await Promise.resolve();
    expect(woke).to.equal(true);
    t.clock.advance(100);
    expect(read(job)).to.have.length(10);
  });

  it("follows a change of CPU share at once", () => {
    const t = setUp();
    const job = t.submit("primary");
    job.inject("Ingest", tuples(100));
    t.clock.advance(20);
    t.cpu.factor = 0.25;
    t.runtime.refreshRates();
    t.clock.advance(40);
    expect(t.metric(job, "Work", "nTuplesProcessed")).to.equal(30);
  });
});
