import { expect } from "chai";
import { readStreamsMetric, restProbe, RingBuffer, Sampler, type Probe } from "../../src/drivers/prometheus/index.js";
import { err, ok } from "../../src/drivers/result.js";
import { VirtualClock } from "../../src/runtime/clock.js";
import { MemoryLogger } from "../../src/runtime/logger.js";
import { upload } from "../sim/fixtures.js";
import { connectTwin, failure, startDriverTwin, testContext, value } from "./helpers.js";

/** A probe answering 1, 2, 3, … and failing on the reads listed. */
function counter(series: string, failOn: readonly number[] = [], slowMs = 0, clock?: VirtualClock): Probe & { reads: number } {
  const p = {
    series,
    reads: 0,
    read: async () => {
      p.reads++;
      if (slowMs > 0 && clock) await clock.sleep(slowMs);
      return failOn.includes(p.reads) ? err({ kind: "server" as const, message: `read ${p.reads} failed`, method: "GET", path: "/m" }) : ok(p.reads);
    },
  };
  return p;
}

describe("drivers/prometheus: the ring buffer", () => {
  it("keeps the last `capacity` items, oldest first, and counts what it dropped", () => {
    const r = new RingBuffer<number>(3);
    expect(r.toArray()).to.deep.equal([]);
    for (let i = 1; i <= 7; i++) r.push(i);
    expect(r.toArray()).to.deep.equal([5, 6, 7]);
    expect([r.size, r.dropped, r.last()]).to.deep.equal([3, 4, 7]);
  });
});

describe("drivers/prometheus: the sampler", () => {
  it("reads every probe on a fixed grid and keeps a bounded series of each", async () => {
    const clock = new VirtualClock();
    const a = counter("a");
    const b = counter("b", [2]);
    const sampler = new Sampler({ clock, logger: new MemoryLogger(), intervalMs: 100, capacity: 4, probes: [a, b] });
    sampler.start();
    await clock.advance(950);
    await sampler.stop();
    expect(a.reads).to.equal(10);
    expect(sampler.samples("a")).to.deep.equal([7, 8, 9, 10].map((v) => ({ atMs: (v - 1) * 100, value: v })));
    expect(sampler.stats("a")).to.deep.equal({ samples: 4, dropped: 6, failures: 0 });
    expect(sampler.stats("b")).to.deep.include({ failures: 1, lastError: "read 2 failed" });
    expect(sampler.names()).to.deep.equal(["a", "b"]);
  });

  it("skips the rounds a slow round ran over, without drifting", async () => {
    const clock = new VirtualClock();
    const slow = counter("slow", [], 250, clock);
    const sampler = new Sampler({ clock, logger: new MemoryLogger(), intervalMs: 100, capacity: 100, probes: [slow] });
    sampler.start();
    await clock.advance(1_100);
    // Rounds start at 0, 300, 600 and 900, each taking 250 ms: those due at 100, 200, 400, 500, 700
    // and 800 are skipped. The round begun at 900 is cut short by the stop and keeps nothing.
    const stopping = sampler.stop();
    await clock.advance(100);
    await stopping;
    expect(sampler.samples("slow").map((s) => s.atMs)).to.deep.equal([0, 300, 600]);
    expect(sampler.skipped).to.equal(6);
  });

  it("stops at once while waiting for the next round", async () => {
    const clock = new VirtualClock();
    const a = counter("a");
    const sampler = new Sampler({ clock, logger: new MemoryLogger(), intervalMs: 60_000, capacity: 10, probes: [a] });
    sampler.start();
    await clock.advance(0);
    await sampler.stop();
    expect(a.reads).to.equal(1);
    expect(clock.pendingSleeps).to.equal(0);
  });
});

describe("drivers/prometheus: Streams metrics through the REST API", () => {
  it("reads an operator's, a job's, a PE's and a host's metric, and samples one", async () => {
    const t = await startDriverTwin();
    const job = t.instance.submitJob({ bundleId: upload(t.instance), startedBy: "test", jobName: "orders" });
    if (!job.ok) throw new Error(job.error.message);
    const id = job.value.id;
    t.instance.metric(id, "Ingest", "nTuplesSubmitted")!.add(100);
    t.instance.metric(id, "Process", "nTuplesSubmitted")!.add(40);
    const ctx = testContext();
    const api = await connectTwin(t, ctx);
    expect(value(await readStreamsMetric(api, { kind: "operator", job: id, operator: "Ingest" }, "nTuplesSubmitted"))).to.equal(100);
    const total = t.instance.job(id)!.operators.reduce((sum, o) => sum + (o.metrics.list().find((m) => m.name === "nTuplesSubmitted")?.value ?? 0), 0);
    expect(value(await readStreamsMetric(api, { kind: "job", job: id }, "nTuplesSubmitted"))).to.equal(total).and.to.be.at.least(140);
    expect(value(await readStreamsMetric(api, { kind: "pe", pe: "1" }, "nCpuMilliseconds"))).to.be.a("number");
    expect(value(await readStreamsMetric(api, { kind: "resource", resource: "dc1-h1" }, "nRunningPes"))).to.equal(1);
    expect(value(await readStreamsMetric(api, { kind: "operator", job: id, operator: "Ingest" }, "noSuchMetric"))).to.equal(undefined);
    expect(failure(await readStreamsMetric(api, { kind: "operator", job: id, operator: "Nope" }, "nTuplesSubmitted")).message).to.include("has no operator `Nope`");

    const clock = new VirtualClock();
    const sampler = new Sampler({ clock, logger: ctx.logger, intervalMs: 1_000, capacity: 10, probes: [restProbe("ingest", api, { kind: "operator", job: id, operator: "Ingest" }, "nTuplesSubmitted")] });
    await sampler.round();
    t.instance.metric(id, "Ingest", "nTuplesSubmitted")!.add(5);
    await sampler.round();
    expect(sampler.samples("ingest").map((s) => s.value)).to.deep.equal([100, 105]);
    api.close();
    await t.close();
  });
});
