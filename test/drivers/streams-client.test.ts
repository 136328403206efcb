import { expect } from "chai";
import { connectStreams, type StreamsApi } from "../../src/drivers/streams/index.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { demoManifest } from "../sim/fixtures.js";
import { connectTwin, expectNoSecrets, failure, PASSWORD, startDriverTwin, testContext, USER, value, type DriverTwin, type TestContext } from "./helpers.js";

describe("drivers/streams: the REST client against the twin", () => {
  let t: DriverTwin;
  let ctx: TestContext;
  let api: StreamsApi;
  let bundleId = "";
  const errors: string[] = [];
  const keep = <E>(e: E): E => (errors.push(JSON.stringify(e)), e);

  before(async () => {
    t = await startDriverTwin();
    ctx = testContext();
    api = await connectTwin(t, ctx, { pageSize: 2 });
  });
  after(async () => {
    api.close();
    await t.close();
  });

  it("finds the instance from the resource root by following links", async () => {
    const instance = value(await api.instance());
    expect(instance).to.include({ id: "dc1", status: "running", health: "healthy", productVersion: "7.2.0.0" });
    expect(instance.self).to.equal(`${t.rest}/instances/dc1`);
    expect(instance.links.jobs).to.equal(`${t.rest}/instances/dc1/jobs`);
    expect(t.seen[0]!.url).to.equal("/streams/rest/resources");
  });

  it("takes the API's base, its root or only its origin as the URL", async () => {
    for (const url of [t.origin, `${t.rest}/`, `${t.rest}/resources`]) {
      const other = await connectTwin({ rest: url }, testContext());
      expect(value(await other.instance()).id, url).to.equal("dc1");
      other.close();
    }
  });

  it("uploads a bundle and submits a job with submission-time parameters and an overlay", async () => {
    bundleId = value(await api.uploadBundle(buildBundle(demoManifest()))).bundleId;
    expect(bundleId).to.match(/^[0-9a-f]+$/);
    const job = value(
      await api.submitJob({
        bundleId,
        jobName: "orders-dc1",
        jobGroup: "blue",
        parameters: { role: "standby" },
        overlay: { jobConfig: { tracing: "debug", submissionParameters: [{ name: "role", value: "primary" }, { name: "localDataCenterName", value: "dc7" }] }, deploymentConfig: { fusionScheme: "manual" } },
      }),
    );
    expect(job).to.include({ name: "orders-dc1", status: "running", jobGroup: "blue", applicationName: "com.acme::FailoverDemo" });
    // The request's parameters win over the overlay's; the overlay's others stay.
    expect(job.submitParameters).to.deep.include({ name: "role", value: "standby" });
    expect(job.submitParameters).to.deep.include({ name: "localDataCenterName", value: "dc7" });
    const inTwin = t.instance.job(job.id)!;
    expect(inTwin.tracing).to.equal("debug");
    expect(inTwin.jobConfigurationOverlay).to.have.nested.property("jobConfigOverlays[0].deploymentConfig.fusionScheme", "manual");
  });

  it("lists jobs, finds one by id and by name, and says when there is none", async () => {
    const jobs = value(await api.jobs());
    expect(jobs.map((j) => j.name)).to.deep.equal(["orders-dc1"]);
    expect(value(await api.job(jobs[0]!.id)).name).to.equal("orders-dc1");
    expect(value(await api.findJob("orders-dc1"))?.id).to.equal(jobs[0]!.id);
    expect(value(await api.findJob("nope"))).to.equal(undefined);
    const missing = keep(failure(await api.job("99")));
    expect(missing.kind).to.equal("not-found");
  });

  it("follows `next` links through every page of a collection", async () => {
    const before = t.seen.length;
    const ops = value(await api.operators("1"));
    expect(ops).to.have.length(t.instance.job("1")!.operators.length);
    const pages = t.seen.slice(before).filter((s) => s.url.includes("/jobs/1/operators"));
    expect(pages.length).to.equal(Math.ceil(ops.length / 2));
    expect(pages.map((p) => p.url)).to.include("/streams/rest/instances/dc1/jobs/1/operators?count=2&page=2");
  });

  it("reads PEs, operators, the PE of an operator, hosts and metrics", async () => {
    t.instance.metric("1", "Ingest", "nTuplesSubmitted")!.add(1234);
    const pes = value(await api.pes("1"));
    expect(pes.map((p) => p.status)).to.deep.equal(["running", "running", "running"]);
    expect(value(await api.pes()).length).to.equal(3);
    expect(value(await api.pe(pes[0]!.id)).launchCount).to.equal(1);
    const ingest = value(await api.operators("1")).find((o) => o.name === "Ingest")!;
    expect(ingest.kind).to.equal("spl.endpoint::EndpointSource");
    expect(value(await api.peOf(ingest)).id).to.equal(t.instance.job("1")!.operators.find((o) => o.name === "Ingest")!.pe.id);
    const metrics = value(await api.metrics(ingest));
    expect(metrics.find((m) => m.name === "nTuplesSubmitted")).to.include({ value: 1234, kind: "counter", type: "system" });
    expect(value(await api.metric(ingest, "nTuplesSubmitted"))?.value).to.equal(1234);
    expect(value(await api.metric(ingest, "noSuchMetric"))).to.equal(undefined);
    const hosts = value(await api.resources());
    expect(hosts.map((h) => h.ipAddress)).to.deep.equal(["127.0.1.11", "127.0.1.12", "127.0.1.13"]);
    expect(value(await api.metrics(hosts[0]!)).map((m) => m.name)).to.include("nRunningPes");
    expect(value(await api.metric(pes[0]!, "nCpuMilliseconds"))?.kind).to.equal("counter");
  });

  it("stops and restarts a PE", async () => {
    const pe = value(await api.pe("2"));
    const stopped = value(await api.stopPe(pe));
    expect(stopped).to.include({ status: "stopped", statusReason: "requested" });
    const restarting = value(await api.restartPe("2"));
    expect(restarting.status).to.equal("restarting");
    t.clock.advance(1_000);
    expect(value(await api.pe("2"))).to.include({ status: "running", launchCount: 2 });
  });

  it("creates, merges and deletes application configurations", async () => {
    const created = value(await api.putAppConfiguration("CrossDCFailover", { heartbeatExchangeInterval: "1", crossDCOperationMode: "1" }, { description: "toolkit" }));
    expect(created).to.deep.include({ name: "CrossDCFailover", description: "toolkit", properties: { heartbeatExchangeInterval: "1", crossDCOperationMode: "1" } });
    const merged = value(await api.putAppConfiguration("CrossDCFailover", { crossDCOperationMode: null, consecutiveHeartbeatMissesAllowed: "3" }));
    expect(merged.properties).to.deep.equal({ heartbeatExchangeInterval: "1", consecutiveHeartbeatMissesAllowed: "3" });
    expect(value(await api.appConfigurations()).map((c) => c.name)).to.deep.equal(["CrossDCFailover"]);
    value(await api.deleteAppConfiguration("CrossDCFailover"));
    expect(value(await api.appConfiguration("CrossDCFailover"))).to.equal(undefined);
    expect(keep(failure(await api.deleteAppConfiguration("CrossDCFailover"))).kind).to.equal("not-found");
  });

  it("refuses a second job of the same name before sending anything", async () => {
    const posts = t.seen.filter((s) => s.method === "POST").length;
    const e = keep(failure(await api.submitJob({ bundleId, jobName: "orders-dc1" })));
    expect(e.kind).to.equal("conflict");
    expect(e.message).to.include("orders-dc1");
    expect(t.seen.filter((s) => s.method === "POST").length).to.equal(posts);
  });

  it("classifies the server's refusals and carries the Streams message id", async () => {
    const bad = keep(failure(await api.submitJob({ bundleId, jobName: "bad-param", parameters: { colour: "red" } })));
    expect(bad).to.include({ kind: "bad-request", status: 400, messageId: "CDISW5100E", method: "POST", path: "/streams/rest/instances/dc1/jobs", attempts: 1 });
    expect(bad.message).to.include("submissionParameters.colour");
    const unknownBundle = keep(failure(await api.submitJob({ bundleId: "0000", jobName: "no-bundle" })));
    expect(unknownBundle).to.include({ kind: "bad-request", status: 400 });
    expect(unknownBundle.message).to.include("0000");
  });

  it("cancels a job; a second cancel is not found", async () => {
    const job = value(await api.job("1"));
    value(await api.cancelJob(job));
    expect(t.instance.jobs()).to.have.length(0);
    const again = keep(failure(await api.cancelJob(job)));
    expect(again).to.include({ kind: "not-found", status: 404, messageId: "CDISW5000E", method: "DELETE" });
  });

  it("stops and starts the instance", async () => {
    expect(value(await api.stopInstance()).status).to.equal("stopped");
    expect(value(await api.startInstance()).status).to.equal("running");
  });

  it("fails with an authentication error, without retrying, on a wrong password", async () => {
    const wrong = await connectStreams({ url: t.rest, credentials: { user: USER, password: "not-the-password" } }, ctx);
    const e = keep(failure(await value(wrong).instance()));
    expect(e).to.include({ kind: "authentication", status: 401, messageId: "CDISW5003E", attempts: 1, method: "GET", path: "/streams/rest/resources" });
    expect(e.message).to.not.include("not-the-password");
    value(wrong).close();
  });

  it("names the instances there are when the one asked for is not", async () => {
    const other = await connectTwin(t, testContext(), { instanceId: "dc9" });
    const e = keep(failure(await other.jobs()));
    expect(e.kind).to.equal("not-found");
    expect(e.message).to.include("dc9");
    other.close();
  });

  it("says that nothing listens, after retrying, when the server is gone", async () => {
    const gone = await connectTwin({ rest: "http://127.0.0.1:9/streams/rest" }, testContext(), { retry: { attempts: 3, baseDelayMs: 1 } });
    const e = keep(failure(await gone.instance()));
    expect(e).to.include({ kind: "network", code: "ECONNREFUSED", attempts: 3 });
    gone.close();
  });

  it("refuses a URL that carries credentials or is no URL, before sending anything", async () => {
    for (const url of [`http://${USER}:${PASSWORD}@127.0.0.1:1/streams/rest`, "not a url", "ftp://h/streams/rest"]) {
      const r = await connectStreams({ url, credentials: { user: USER, password: PASSWORD } }, ctx);
      const e = keep(failure(r));
      expect(e.kind, url).to.equal("configuration");
    }
  });

  it("never writes the password, its Basic encoding or a token into logs or errors", () => {
    expect(ctx.logger.entries.length).to.be.greaterThan(10);
    expectNoSecrets(ctx.logger.text());
    expectNoSecrets(errors.join("\n"));
  });
});

describe("drivers/streams: a REST API without PE and instance actions", () => {
  let t: DriverTwin;
  before(async () => {
    // What a server answers for a method it does not take on a path.
    t = await startDriverTwin({
      intercept: (req, res) => {
        if (req.method !== "PATCH") return false;
        res.writeHead(405, { "Content-Type": "application/json", Allow: "GET" });
        res.end(JSON.stringify({ id: "CDISW5101E", message: "CDISW5101E PATCH is not allowed" }));
        return true;
      },
    });
    const bundle = t.instance.uploadBundle(buildBundle(demoManifest()));
    if (!bundle.ok) throw new Error(bundle.error.message);
    t.instance.submitJob({ bundleId: bundle.value.bundleId, startedBy: "test" });
  });
  after(() => t.close());

  it("says the operation is unsupported and how else to do it, without retrying", async () => {
    const api = await connectTwin(t, testContext());
    const stop = failure(await api.stopPe("1"));
    expect(stop).to.include({ kind: "unsupported", status: 405, attempts: 1 });
    expect(stop.message).to.include("streamtool stoppe");
    expect(failure(await api.restartPe("1")).message).to.include("streamtool restartpe");
    expect(failure(await api.stopInstance()).message).to.include("streamtool stopinstance");
    expect(t.seen.filter((s) => s.method === "PATCH")).to.have.length(3);
    api.close();
  });
});

describe("drivers/streams: a server that never answers", () => {
  let t: DriverTwin;
  before(async () => {
    // Takes every request and says nothing: only the client's timeout ends the call.
    t = await startDriverTwin({ intercept: () => true });
  });
  after(() => t.close());

  it("times out every attempt and says so", async () => {
    const api = await connectTwin(t, testContext(), { timeoutMs: 50, retry: { attempts: 2 } });
    const e = failure(await api.instance());
    expect(e).to.include({ kind: "timeout", code: "ETIMEDOUT", attempts: 2, method: "GET", path: "/streams/rest/resources" });
    expect(t.seen).to.have.length(2);
    api.close();
  });
});
