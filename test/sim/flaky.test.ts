import { expect } from "chai";
import { startTwin } from "../../src/sim/launcher.js";
import { demoWithToolkitParameters, testDcCommand, TwinClient, type Answer } from "./twin-client.js";

describe("sim twin with --flaky 0.2", function () {
  this.timeout(30_000);
  let c: TwinClient;

  before(async function () {
    this.timeout(60_000);
    c = new TwinClient(await startTwin({ dcCommand: testDcCommand(), dcs: ["dc1"], hosts: 1, flaky: 0.2, seed: 11 }));
  });
  after(async function () {
    this.timeout(20_000);
    await c?.twin.stop();
  });

  /** A request that reports a reset connection as status 0 instead of throwing. */
  const attempt = (method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> =>
    c.request(method, url, body, headers).catch(() => ({ status: 0, body: undefined, headers: new Headers() }));

  /** What a well-behaved client does: retry 503s and resets (the twin did nothing for them). */
  const retrying = async (method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Answer> => {
    for (let i = 0; i < 50; i++) {
      const a = await attempt(method, url, body, headers);
      if (a.status !== 0 && a.status !== 503) return a;
    }
    throw new Error(`${method} ${url} failed 50 times`);
  };

  it("answers some requests with 503s and resets, and keeps running", async () => {
    const url = `${c.dc("dc1").restUrl}/resources`;
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const a = await attempt("GET", url);
      statuses.push(a.status);
      if (a.status === 503) expect(a.body.id).to.equal("CDISW5103E");
    }
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect(count(503), "503 answers").to.be.greaterThan(0);
    expect(count(0), "reset connections").to.be.greaterThan(0);
    expect(count(200), "good answers").to.be.greaterThan(30);
    expect(statuses.every((s) => [0, 200, 503].includes(s))).to.equal(true);
    expect(c.twin.pids.dc1).to.be.a("number");
    expect(await c.events({ since: 0, type: "dc.exited" })).to.deep.equal([]);
  });

  it("lets a retrying client upload and submit exactly one job; Data Exchange is not flaky", async () => {
    const root = await retrying("GET", `${c.dc("dc1").restUrl}/resources`);
    const instances = await retrying("GET", root.body.resources[0].resource);
    const instance = instances.body.instances[0].self as string;
    const { buildBundle } = await import("../../src/sim/bundle/bundle.js");
    const upload = await retrying("POST", `${instance}/applicationbundles`, buildBundle(demoWithToolkitParameters()), { "Content-Type": "application/x-jar" });
    expect(upload.status).to.equal(200);
    const job = await retrying("POST", `${instance}/jobs`, { application: upload.body.bundleId });
    expect(job.status).to.equal(201);
    const jobs = await retrying("GET", `${instance}/jobs`);
    expect(jobs.body.total).to.equal(1);
    const ep = await c.endpoints("dc1", job.body.id);
    for (let i = 0; i < 20; i++) expect((await c.request("POST", ep.inject.Ingest!, { items: [{ i }] })).status).to.equal(200);
    expect(await c.readUntil(ep.inspect.Results!, 20, 10_000)).to.have.length(20);
  });
});
