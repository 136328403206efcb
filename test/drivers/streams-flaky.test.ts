import { expect } from "chai";
import type { StreamsApi } from "../../src/drivers/streams/index.js";
import { seededRandom } from "../../src/sim/model/random.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { minimalManifest } from "../sim/fixtures.js";
import { connectTwin, expectNoSecrets, startDriverTwin, startResettingProxy, testContext, value, type DriverTwin, type TestContext } from "./helpers.js";

const CALLS = 100;

/**
 * `--flaky 0.2`: a fifth of all requests answer 503 (half with Retry-After: 1), reset the
 * connection before the server reads them, or are processed at once and answered late (150 ms,
 * longer than the client's 60 ms timeout: a failure after the server acted; the timeout leaves
 * room for an ordinary answer on a machine busy with other tests). Backoff and
 * Retry-After waits run on a virtual clock that jumps, so the run takes seconds.
 */
describe("drivers/streams: 100 calls of each kind against the twin's flaky mode at 0.2", function () {
  this.timeout(60_000);
  let t: DriverTwin;
  let ctx: TestContext;
  let api: StreamsApi;
  let bundleId = "";
  const names = Array.from({ length: CALLS }, (_, i) => `flaky-${i}`);

  before(async () => {
    t = await startDriverTwin({ handler: { flaky: { rate: 0.2, rand: seededRandom(20), slowMs: 150 } } });
    ctx = testContext();
    api = await connectTwin(t, ctx, { timeoutMs: 60, retry: { attempts: 12, baseDelayMs: 10, maxDelayMs: 1_000 } });
  });
  after(async () => {
    api.close();
    await t.close();
  });

  it("uploads 100 times", async () => {
    const bytes = buildBundle(minimalManifest());
    const ids = new Set<string>();
    for (let i = 0; i < CALLS; i++) ids.add(value(await api.uploadBundle(bytes)).bundleId);
    expect(ids.size).to.equal(1);
    bundleId = [...ids][0]!;
    const reader = t.instance.submitJob({ bundleId, startedBy: "test", jobName: "reader" });
    if (!reader.ok) throw new Error(reader.error.message);
  });

  it("reads the instance, jobs, PEs, operators, metrics and hosts 100 times each", async () => {
    const job = value(await api.findJob("reader"))!;
    // Four lanes at once: much of the time goes to waiting out slow answers.
    await lanes(4, CALLS, async () => {
      expect(value(await api.instance()).id).to.equal("dc1");
      expect(value(await api.jobs())).to.have.length(1);
      expect(value(await api.job(job.id)).name).to.equal(job.name);
      expect(value(await api.pes(job))).to.have.length(2);
      const ops = value(await api.operators(job));
      expect(ops).to.have.length(3);
      expect(value(await api.metrics(ops[0]!)).map((m) => m.name)).to.include("nTuplesSubmitted");
      expect(value(await api.resources())).to.have.length(3);
    });
  });

  it("reads a PE by id, an operator's PE, one metric by name and a job by name 100 times each", async () => {
    const job = value(await api.findJob("reader"))!;
    const ops = value(await api.operators(job));
    const pe = value(await api.pes(job))[0]!;
    await lanes(4, CALLS, async () => {
      expect(value(await api.findJob("reader"))!.id).to.equal(job.id);
      expect(value(await api.pe(pe.id)).id).to.equal(pe.id);
      expect(value(await api.peOf(ops[0]!)).links.job).to.be.a("string");
      expect(value(await api.metric(ops[0]!, "nTuplesSubmitted"))!.name).to.equal("nTuplesSubmitted");
    });
  });

  it("stops and restarts a PE 100 times: exactly 100 restarts", async () => {
    const pe = value(await api.pes(value(await api.findJob("reader"))!))[0]!;
    const launches = t.instance.pe(pe.id)!.launchCount;
    for (let i = 0; i < CALLS; i++) {
      const stopped = value(await api.stopPe(pe));
      expect(stopped.status).to.equal("stopped");
      expect(value(await api.restartPe(stopped)).status).to.equal("restarting");
      t.clock.advance(1_000);
    }
    expect(t.instance.pe(pe.id)!).to.include({ status: "running", launchCount: launches + CALLS });
  });

  it("creates, reads, lists and deletes 100 application configurations", async () => {
    for (let i = 0; i < CALLS; i++) {
      expect(value(await api.putAppConfiguration(`cfg-${i}`, { k: String(i) })).properties).to.deep.equal({ k: String(i) });
      expect(value(await api.appConfiguration(`cfg-${i}`))!.properties).to.deep.equal({ k: String(i) });
      expect(value(await api.appConfigurations()).map((c) => c.name)).to.deep.equal([`cfg-${i}`]);
      value(await api.deleteAppConfiguration(`cfg-${i}`));
    }
    expect(t.instance.appConfigurations.list()).to.have.length(0);
  });

  it("submits 100 jobs and creates exactly one job per submission", async () => {
    for (const jobName of names) expect(value(await api.submitJob({ bundleId, jobName })).name).to.equal(jobName);
    const jobs = t.instance.jobs().map((j) => j.name).filter((n) => n !== "reader");
    expect(jobs).to.have.length(CALLS);
    expect([...jobs].sort()).to.deep.equal([...names].sort());
    // The twin's slow answers make the client give up after the job was created; the client found it instead of submitting again.
    expect(ctx.logger.text()).to.include("had taken effect");
  });

  it("cancels the 100 jobs (and the reader)", async () => {
    for (const job of value(await api.jobs())) value(await api.cancelJob(job));
    expect(t.instance.jobs()).to.have.length(0);
  });

  it("stops and starts the instance 100 times", async () => {
    for (let i = 0; i < CALLS; i++) {
      expect(value(await api.stopInstance()).status).to.equal("stopped");
      expect(value(await api.startInstance()).status).to.equal("running");
    }
  });

  it("retried: the log says so, and holds no secret", () => {
    const text = ctx.logger.text();
    expect(text).to.match(/answered 503/);
    expect(text).to.match(/ECONNRESET/);
    expect(text).to.match(/ETIMEDOUT/);
    expectNoSecrets(text);
  });
});

/** Runs `count` numbered tasks, `width` at a time. */
async function lanes(width: number, count: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < count) await task(next++);
  }));
}

/** A connection reset after the server acted, made on purpose by a proxy: the client must find what it did. */
describe("drivers/streams: a reset after the server acted never duplicates an effect", () => {
  let t: DriverTwin;
  let bundleId = "";
  before(async () => {
    t = await startDriverTwin();
    const up = t.instance.uploadBundle(buildBundle(minimalManifest()));
    if (!up.ok) throw new Error(up.error.message);
    bundleId = up.value.bundleId;
  });
  after(() => t.close());

  /** The first request of each kind `reset` picks is answered by a reset after the twin processed it. */
  async function throughProxy(pick: (method: string, url: string) => boolean) {
    const done = new Set<string>();
    const proxy = await startResettingProxy(t.origin, (method, url) => {
      const key = `${method} ${url}`;
      if (!pick(method, url) || done.has(key)) return false;
      done.add(key);
      return true;
    });
    const ctx = testContext();
    const api = await connectTwin({ rest: `${proxy.origin}/streams/rest` }, ctx);
    return { proxy, ctx, api };
  }

  it("submission: finds the job the reset request created, and submits nothing more", async () => {
    const { proxy, ctx, api } = await throughProxy((m, u) => m === "POST" && u.endsWith("/jobs"));
    const job = value(await api.submitJob({ bundleId, jobName: "reset-once" }));
    expect(job.name).to.equal("reset-once");
    expect(proxy.resets).to.equal(1);
    expect(t.instance.jobs().filter((j) => j.name === "reset-once")).to.have.length(1);
    expect(t.seen.filter((s) => s.method === "POST" && s.url.endsWith("/jobs"))).to.have.length(1);
    expect(ctx.logger.text()).to.include("had taken effect");
    api.close();
    await proxy.close();
  });

  it("PE restart: sees the PE restarting and does not restart it twice", async () => {
    const job = t.instance.jobs()[0]!;
    const pe = job.pes[0]!;
    const launches = pe.launchCount;
    const { proxy, api } = await throughProxy((m) => m === "PATCH");
    expect(value(await api.restartPe(pe.id)).status).to.equal("restarting");
    expect(proxy.resets).to.equal(1);
    t.clock.advance(1_000);
    expect(t.instance.pe(pe.id)!.launchCount).to.equal(launches + 1);
    api.close();
    await proxy.close();
  });

  it("cancel: a job found gone after the reset counts as canceled", async () => {
    const job = t.instance.jobs()[0]!;
    const { proxy, api } = await throughProxy((m) => m === "DELETE");
    value(await api.cancelJob(job.id));
    expect(proxy.resets).to.equal(1);
    expect(t.instance.job(job.id)).to.equal(undefined);
    api.close();
    await proxy.close();
  });

  it("application configuration: finds the one the reset request created", async () => {
    const { proxy, api } = await throughProxy((m, u) => m === "POST" && u.includes("applicationconfigurations"));
    expect(value(await api.putAppConfiguration("after-reset", { a: "1" })).properties).to.deep.equal({ a: "1" });
    expect(proxy.resets).to.equal(1);
    expect(t.instance.appConfigurations.list().map((c) => c.name)).to.deep.equal(["after-reset"]);
    api.close();
    await proxy.close();
  });
});
