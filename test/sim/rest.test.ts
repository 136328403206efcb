import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { demoManifest, minimalManifest } from "./fixtures.js";
import { BASIC, rawRequest, startTwin, type Twin } from "./rest-helpers.js";

const sab = buildBundle(demoManifest());

async function uploadAndSubmit(t: Twin, body: Record<string, unknown> = {}): Promise<{ bundleId: string; job: any }> {
  const up = await t.send("POST", `${t.rest}/instances/dc1/applicationbundles`, sab, { "Content-Type": "application/x-jar" });
  expect(up.status).to.equal(200);
  const sub = await t.send("POST", `${t.rest}/instances/dc1/jobs`, { application: up.body.bundleId, preview: false, ...body });
  expect(sub.status, JSON.stringify(sub.body)).to.equal(201);
  return { bundleId: up.body.bundleId, job: sub.body };
}

async function chunkedUpload(t: Twin, bytes: Buffer): Promise<{ status: number; body: any }> {
  const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
  const res = await rawRequest("POST", `${t.rest}/instances/dc1/applicationbundles`, { Authorization: BASIC, "Content-Type": "application/x-jar" }, chunks);
  return { status: res.status, body: JSON.parse(res.text) };
}

describe("sim REST: discovery and auth", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin();
  });
  after(() => t.close());

  it("lists only `instances` in the root, with an absolute link", async () => {
    const root = await t.get("/streams/rest/resources");
    expect(root.status).to.equal(200);
    expect(root.body).to.deep.equal({ resources: [{ name: "instances", resource: `${t.rest}/instances` }] });
  });

  it("lists its own instance first, with no `domain` field", async () => {
    const list = await t.get(`${t.rest}/instances`);
    expect(list.body).to.include({ resourceType: "instanceList", total: 1 });
    const inst = list.body.instances[0];
    expect(inst).to.include({ id: "dc1", restid: "dc1", resourceType: "instance", self: `${t.rest}/instances/dc1`, status: "running", health: "healthy", productVersion: "7.2.0.0" });
    expect(inst).to.not.have.property("domain");
    expect(inst.startTime).to.equal(t.clock.now());
    expect(inst.jobs).to.equal(`${t.rest}/instances/dc1/jobs`);
  });

  const paths = ["/streams/rest/resources", "/streams/rest/instances/dc1/jobs", "/streams/rest/no/such/path", "/streams/rest"];
  for (const path of paths) {
    it(`answers 401 without credentials: ${path}`, async () => {
      const res = await fetch(`${t.origin}${path}`);
      expect(res.status).to.equal(401);
      expect(await res.json()).to.include({ id: "CDISW5003E" });
    });
  }

  it("has no token path when tokens are off", async () => {
    expect((await t.send("POST", "/streams/rest/accesstokens", { audience: "streams" })).status).to.equal(404);
    expect((await t.get("/streams/rest/accesstokens")).status).to.equal(404);
  });

  it("answers 401 for a wrong password, an unknown scheme, or a bearer token when tokens are off", async () => {
    const wrong = `Basic ${Buffer.from("streamsadmin:nope").toString("base64")}`;
    for (const authorization of [wrong, "Digest abc", "Bearer abc", "Basic !!!", "garbage"]) {
      expect((await t.get("/streams/rest/resources", { Authorization: authorization })).status, authorization).to.equal(401);
    }
  });

  it("does not echo credentials in error bodies", async () => {
    const res = await t.get("/streams/rest/instances/dc1/jobs", { Authorization: `Basic ${Buffer.from("streamsadmin:leaky-password").toString("base64")}` });
    expect(JSON.stringify(res.body)).to.not.contain("leaky-password");
  });

  it("serves /metrics without credentials", async () => {
    const res = await fetch(`${t.origin}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get("content-type")).to.equal("text/plain; version=0.0.4; charset=utf-8");
  });

  it("leaves paths it does not own to the next handler", async () => {
    const res = await fetch(`${t.origin}/xdc-data`);
    expect([res.status, await res.text()]).to.deep.equal([299, "not mine"]);
  });

  it("answers 404 with a CDISW5000E body for an unknown instance, job or path", async () => {
    expect((await t.get("/streams/rest/instances/dc9/jobs")).body).to.deep.equal({
      id: "CDISW5000E",
      message: "CDISW5000E The resource with the instance resourceType and restid dc9 cannot be found.",
    });
    expect((await t.get("/streams/rest/instances/dc1/jobs/77")).body.message).to.equal("CDISW5000E The resource with the job resourceType and restid 77 cannot be found.");
    expect((await t.get("/streams/rest/instances/dc1/gizmos")).status).to.equal(404);
  });

  it("answers 405 with Allow for a method a path does not take", async () => {
    const res = await t.send("PUT", "/streams/rest/instances/dc1/jobs", {});
    expect(res.status).to.equal(405);
    expect(res.headers.get("allow")).to.equal("GET, POST");
    expect(res.body.id).to.equal("CDISW5101E");
  });

  it("answers HEAD like GET, without a body", async () => {
    const res = await fetch(`${t.rest}/instances`, { method: "HEAD", headers: { Authorization: BASIC } });
    expect(res.status).to.equal(200);
    expect(await res.text()).to.equal("");
  });
});

describe("sim REST: bundles, jobs and cancel", () => {
  let t: Twin;
  beforeEach(async () => {
    t = await startTwin();
  });
  afterEach(() => t.close());

  it("uploads a bundle (Content-Length) and answers 200 with its bundleId", async () => {
    const res = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", sab, { "Content-Type": "application/x-jar" });
    expect(res.status).to.equal(200);
    expect(res.body.bundleId).to.be.a("string").with.length.greaterThan(0);
    expect(res.body.applicationName).to.equal("com.acme::FailoverDemo");
  });

  it("accepts a chunked upload of the same bundle", async () => {
    const chunked = await chunkedUpload(t, sab);
    const plain = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", sab, { "Content-Type": "application/x-jar" });
    expect(chunked.status).to.equal(200);
    expect(chunked.body.bundleId).to.equal(plain.body.bundleId);
  });

  it("answers 400 naming the problem for a garbage bundle, and for a multipart upload", async () => {
    const garbage = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", Buffer.from("definitely not a zip"), { "Content-Type": "application/x-jar" });
    expect(garbage.status).to.equal(400);
    expect(garbage.body.id).to.equal("CDISW5100E");
    expect(garbage.body.message).to.match(/^CDISW5100E applicationBundle: the bundle is not a readable zip archive/);
    const multipart = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", "--x\r\n", { "Content-Type": "multipart/form-data; boundary=x" });
    expect(multipart.body.message).to.contain("send the raw .sab bytes with Content-Type: application/x-jar");
  });

  it("submits a job (201) that the very next GET lists, with string ids and epoch-ms times", async () => {
    const { job } = await uploadAndSubmit(t, { jobConfigurationOverlay: { jobConfigOverlays: [{ jobConfig: { jobName: "orders-dc1", submissionParameters: [{ name: "role", value: "standby" }] } }] } });
    expect(job).to.include({ resourceType: "job", id: "1", restid: "1", name: "orders-dc1", status: "running", health: "healthy", startedBy: "streamsadmin", jobGroup: "default", productVersion: "7.2.0.0" });
    expect(job.self).to.equal(`${t.rest}/instances/dc1/jobs/1`);
    expect(job.submitTime).to.equal(t.clock.now());
    expect(job.submitParameters).to.deep.include({ name: "role", value: "standby" });
    const list = await t.get(`${t.rest}/instances/dc1/jobs`);
    expect(list.body.jobs.map((j: any) => j.id)).to.deep.equal(["1"]);
  });

  it("answers 400 naming the field for bad submissions, 409 for a taken job name", async () => {
    const { bundleId } = await uploadAndSubmit(t, { jobName: "taken" });
    const cases: Array<[unknown, number, RegExp]> = [
      [{}, 400, /application: expected the bundleId answered by POST …\/applicationbundles, found nothing/],
      [{ application: bundleId, submitParameters: [{ name: "colour", value: "red" }] }, 400, /submissionParameters\.colour: the application com\.acme::FailoverDemo has no submission parameter `colour`/],
      [{ application: bundleId, jobConfigurationOverlay: { jobConfigOverlays: {} } }, 400, /jobConfigurationOverlay\.jobConfigOverlays: expected an array, found an object/],
      [{ application: "https://example.invalid/app.sab" }, 400, /not a URL/],
      [{ application: bundleId, jobName: "taken" }, 409, /a job named taken exists already/],
    ];
    for (const [body, status, message] of cases) {
      const res = await t.send("POST", "/streams/rest/instances/dc1/jobs", body);
      expect(res.status, JSON.stringify(body)).to.equal(status);
      expect(res.body.message).to.match(message);
    }
    const notJson = await t.send("POST", "/streams/rest/instances/dc1/jobs", "{not json", { "Content-Type": "application/json" });
    expect([notJson.status, notJson.body.message]).to.satisfy(([s, m]: [number, string]) => s === 400 && m.startsWith("CDISW5100E body: not JSON"));
  });

  it("previews a submission without creating a job", async () => {
    const up = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", sab, { "Content-Type": "application/x-jar" });
    const res = await t.send("POST", "/streams/rest/instances/dc1/jobs", { application: up.body.bundleId, preview: true });
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ preview: true, applicationName: "com.acme::FailoverDemo", pes: 3 });
    expect((await t.get("/streams/rest/instances/dc1/jobs")).body.total).to.equal(0);
  });

  it("cancels a job: 204, then 404 on GET and on a second DELETE", async () => {
    const { job } = await uploadAndSubmit(t);
    const first = await t.send("DELETE", job.self);
    expect([first.status, first.body]).to.deep.equal([204, ""]);
    expect((await t.get(job.self)).status).to.equal(404);
    expect((await t.send("DELETE", job.self)).status).to.equal(404);
    expect((await t.get(`${t.rest}/instances/dc1/pes`)).body.total).to.equal(0);
  });

  it("tolerates an empty JSON body on GET and DELETE", async () => {
    const { job } = await uploadAndSubmit(t);
    const headers = { Authorization: BASIC, "Content-Type": "application/json", "Content-Length": "0" };
    expect((await rawRequest("GET", job.self, headers, "")).status).to.equal(200);
    expect((await rawRequest("GET", job.self, { ...headers, "Content-Length": "2" }, "{}")).status).to.equal(200);
    expect((await rawRequest("DELETE", job.self, headers, "")).status).to.equal(204);
  });

  it("updates a job's overlay with PATCH (200) and asks for an overlay when none is sent", async () => {
    const { job } = await uploadAndSubmit(t);
    const overlay = { jobConfigOverlays: [{ jobConfig: { tracing: "debug" } }] };
    const res = await t.send("PATCH", job.self, { jobConfigurationOverlay: overlay });
    expect(res.status).to.equal(200);
    expect(res.body.jobConfigurationOverlay).to.deep.equal(overlay);
    expect(res.body.tracing).to.equal("debug");
    const missing = await t.send("PATCH", job.self, { something: 1 });
    expect([missing.status, missing.body.id]).to.deep.equal([400, "CDISW5011E"]);
  });
});

describe("sim REST: reading jobs, PEs, operators and metrics", () => {
  let t: Twin;
  let job: any;
  before(async () => {
    t = await startTwin();
    ({ job } = await uploadAndSubmit(t, { jobName: "j1" }));
    const bundleId = t.instance.bundles()[0]!.bundleId;
    for (const [name, group] of [["j2", "blue"], ["j3", "blue"], ["j4", "default"], ["j5", "green"]] as const) {
      const res = await t.send("POST", "/streams/rest/instances/dc1/jobs", { application: bundleId, jobName: name, jobGroup: group });
      expect(res.status).to.equal(201);
    }
  });
  after(() => t.close());

  it("pages with count and page, giving next/previous links only when paged", async () => {
    const whole = await t.get("/streams/rest/instances/dc1/jobs");
    expect(whole.body.total).to.equal(5);
    expect(whole.body).to.not.have.any.keys("next", "previous");
    const first = await t.get("/streams/rest/instances/dc1/jobs?count=2");
    expect(first.body.jobs.map((j: any) => j.name)).to.deep.equal(["j1", "j2"]);
    expect(first.body.total).to.equal(5);
    expect(first.body).to.not.have.property("previous");
    const second = await t.get(first.body.next);
    expect(second.body.jobs.map((j: any) => j.name)).to.deep.equal(["j3", "j4"]);
    const last = await t.get(second.body.next);
    expect(last.body.jobs.map((j: any) => j.name)).to.deep.equal(["j5"]);
    expect(last.body).to.not.have.property("next");
    expect(last.body.previous).to.equal(`${t.rest}/instances/dc1/jobs?count=2&page=2`);
    const minusOne = await t.get("/streams/rest/instances/dc1/jobs?count=2&page=-1");
    expect(minusOne.body.jobs.map((j: any) => j.name)).to.deep.equal(["j5"]);
    const beyond = await t.get("/streams/rest/instances/dc1/jobs?count=2&page=9");
    expect(beyond.body.jobs).to.deep.equal([]);
  });

  it("answers 400 naming `count` or `page` when they are not numbers", async () => {
    expect((await t.get("/streams/rest/instances/dc1/jobs?count=zero")).body.message).to.equal('CDISW5100E count: expected a positive whole number, found "zero"');
    expect((await t.get("/streams/rest/instances/dc1/jobs?count=2&page=0")).body.message).to.contain("page: expected a page number from 1");
  });

  it("trims fields, also object members (a.b), on lists and elements", async () => {
    const list = await t.get("/streams/rest/instances/dc1/jobs?fields=id,name&count=1");
    expect(list.body.jobs).to.deep.equal([{ id: "1", name: "j1" }]);
    const one = await t.get(`${job.self}?fields=submitParameters.name,health`);
    expect(one.body).to.deep.equal({ submitParameters: ["role", "localDataCenterName", "remoteDataCenterName", "heartbeatExchangeInterval", "consecutiveHeartbeatMissesAllowed", "crossDCInitDelay", "dataSnapshotExchangeInterval", "crossDCOperationMode", "aggregateState"].map((name) => ({ name })), health: "healthy" });
  });

  it("filters by properties: OR across values, AND across properties, unknown names ignored", async () => {
    const names = async (query: string) => (await t.get(`/streams/rest/instances/dc1/jobs?${query}`)).body.jobs.map((j: any) => j.name);
    expect(await names("jobGroup=blue")).to.deep.equal(["j2", "j3"]);
    expect(await names("jobGroup=blue,green")).to.deep.equal(["j2", "j3", "j5"]);
    expect(await names("jobGroup=blue&name=j3")).to.deep.equal(["j3"]);
    expect(await names("colour=red")).to.deep.equal(["j1", "j2", "j3", "j4", "j5"]);
    expect((await t.get("/streams/rest/instances?id=dc1")).body.total).to.equal(1);
  });

  it("lists PEs at instance and job level, each with a resolvable job and resource", async () => {
    const all = await t.get("/streams/rest/instances/dc1/pes");
    expect(all.body.total).to.equal(15);
    const mine = await t.get(job.pes);
    expect(mine.body).to.include({ resourceType: "peList", total: 3 });
    const pe = mine.body.pes[0];
    expect(pe).to.include({ resourceType: "pe", id: "1", status: "running", health: "healthy", launchCount: 1, indexWithinJob: 0, requiredConnections: "connected" });
    expect(pe.processId).to.match(/^[0-9]+$/);
    expect((await t.get(pe.job)).body.self).to.equal(job.self);
    const resource = await t.get(pe.resource);
    expect(resource.body).to.include({ resourceType: "resource", id: "dc1-h1", ipAddress: "127.0.1.11", status: "running" });
    expect((await t.get(pe.host)).body).to.include({ resourceType: "host", ipAddress: "127.0.1.11" });
  });

  it("lists operators under their job, each linking its PE, with the toolkit's operators", async () => {
    const ops = await t.get(job.operators);
    const names = ops.body.operators.map((o: any) => o.name);
    expect(names).to.include.members(["Ingest", "Process", "Results", "CrossDCFailover.CrossDataCenterReceiverForHB", "CrossDCFailover.RemoteDataCenterHeartbeatWatchdog"]);
    const ingest = (await t.get(`${job.self}/operators/Ingest`)).body;
    expect(ingest).to.include({ resourceType: "operator", name: "Ingest", restid: "Ingest", operatorKind: "spl.endpoint::EndpointSource", indexWithinJob: 0 });
    const pe = (await t.get(ingest.pe)).body;
    expect(pe.self).to.equal(ingest.pe);
    const receiver = (await t.get(`${job.self}/operators/${encodeURIComponent("CrossDCFailover.CrossDataCenterReceiverForHB")}`)).body;
    expect(receiver.operatorKind).to.equal("com.teracloud.streams.crossdcfailover::CrossDataCenterReceiver");
  });

  it("answers integer metric values that move when the runtime drives them", async () => {
    const url = `${job.self}/operators/Ingest/metrics`;
    const value = async (name: string) => ((await t.get(url)).body.metrics as any[]).find((m) => m.name === name);
    const before = await value("nTuplesSubmitted");
    expect(before).to.include({ resourceType: "metric", value: 0, metricKind: "counter", metricType: "system" });
    t.instance.metric(job.id, "Ingest", "nTuplesSubmitted")!.add(1234);
    const after = await value("nTuplesSubmitted");
    expect(after.value).to.equal(1234);
    expect(after.lastTimeRetrieved).to.equal(t.clock.now());
    const byName = await t.get(`${url}?name=nTuplesSubmitted`);
    expect(byName.body.metrics).to.have.length(1);
    expect(byName.body.owner).to.equal(`${job.self}/operators/Ingest`);
    const custom = ((await t.get(`${job.self}/operators/Process/metrics`)).body.metrics as any[]).find((m) => m.name === "nEnriched");
    expect(custom).to.include({ metricType: "custom", metricKind: "counter" });
    const peMetrics = (await t.get(`${t.rest}/instances/dc1/pes/1/metrics`)).body.metrics as any[];
    t.clock.advance(60_000);
    const later = (await t.get(`${t.rest}/instances/dc1/pes/1/metrics`)).body.metrics as any[];
    const cpu = (list: any[]) => list.find((m) => m.name === "nCpuMilliseconds").value;
    expect(cpu(later)).to.be.greaterThan(cpu(peMetrics));
    for (const m of later) expect(Number.isInteger(m.value), m.name).to.equal(true);
  });

  it("serves port, connection and host metrics", async () => {
    const port = (await t.get(`${job.self}/operators/Process/inputports/1`)).body;
    expect(port).to.include({ resourceType: "operatorInputPort", indexWithinOperator: 1, name: "Process.in1" });
    expect((await t.get(port.metrics)).body.metrics.map((m: any) => m.name)).to.include("nTuplesQueued");
    const connections = (await t.get(port.connections)).body;
    expect(connections.connections[0].id).to.equal("CrossDCFailover.HeartbeatMessagePreparer.o2-Process.i1");
    const peConnection = (await t.get(connections.connections[0].peConnection)).body;
    expect(peConnection).to.include({ resourceType: "peConnection", status: "connected", id: "3o0-2i1" });
    expect((await t.get(peConnection.metrics)).body.metrics[0].name).to.equal("congestionFactor");
    expect((await t.get(`${t.rest}/instances/dc1/resources/dc1-h2/metrics`)).body.metrics.map((m: any) => m.name)).to.deep.equal(["nRunningPes", "cpuUtilization", "nMemoryConsumption"]);
  });

  it("shows a crashed PE restarting, then running with a higher launch count and a new pid", async () => {
    const pe = (await t.get(`${t.rest}/instances/dc1/pes/2`)).body;
    t.instance.crashPe("2", "crashed", "SIGKILL");
    const down = (await t.get(pe.self)).body;
    expect(down).to.include({ status: "restarting", statusReason: "crashed", health: "unhealthy", launchCount: 1 });
    expect(down).to.not.have.property("processId");
    expect((await t.get(pe.job)).body.health).to.equal("partiallyUnhealthy");
    t.clock.advance(500);
    const up = (await t.get(pe.self)).body;
    expect(up).to.include({ status: "running", health: "healthy", launchCount: 2 });
    expect(up.processId).to.not.equal(pe.processId);
  });

  it("sends the application log trace as a .tar.gz to a client that asks for an archive", async () => {
    const res = await fetch(job.applicationLogTrace, { headers: { Authorization: BASIC, Accept: "application/x-compressed", "Accept-Encoding": "gzip" } });
    expect(res.headers.get("content-type")).to.equal("application/x-compressed");
    const archive = Buffer.from(await res.arrayBuffer());
    const listing = spawnSync("tar", ["-tzf", "-"], { input: archive, encoding: "utf8" });
    expect(listing.stdout.split("\n").filter(Boolean)).to.deep.equal(["job_1/job.log", "job_1/pe_1/console.log", "job_1/pe_2/console.log", "job_1/pe_3/console.log"]);
    const jobLog = spawnSync("tar", ["-xzOf", "-", "job_1/job.log"], { input: archive, encoding: "utf8" });
    expect(jobLog.stdout).to.match(/INFO job 1 \(j1\) submitted by streamsadmin/);
  });

  it("ignores a trailing slash", async () => {
    expect((await t.get("/streams/rest/instances/dc1/jobs/")).body.total).to.equal(5);
  });

  it("answers job groups, the application log trace and sws.consoleUrl", async () => {
    const groups = (await t.get("/streams/rest/instances/dc1/jobgroups")).body;
    expect(groups.jobGroups.map((g: any) => g.name)).to.deep.equal(["default", "blue", "green"]);
    expect((await t.get(`${groups.jobGroups[1].self}/jobs`)).body.jobs.map((j: any) => j.name)).to.deep.equal(["j2", "j3"]);
    const trace = await t.get(job.applicationLogTrace);
    expect(trace.headers.get("content-type")).to.equal("text/plain; charset=utf-8");
    expect(trace.body).to.match(/INFO job 1 \(j1\) submitted by streamsadmin/);
    const console = await t.get("/streams/rest/instances/dc1/properties/sws.consoleUrl");
    expect(console.body).to.include({ name: "sws.consoleUrl", value: `${t.origin}/streams/domain/console` });
  });
});

describe("sim REST: limits", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin({ maxBundleBytes: 4096 });
  });
  after(() => t.close());

  it("answers 413 for a bundle over the limit, declared or chunked, and keeps nothing", async () => {
    const big = Buffer.alloc(6000, 1);
    const url = `${t.rest}/instances/dc1/applicationbundles`;
    const declared = await rawRequest("POST", url, { Authorization: BASIC, "Content-Type": "application/x-jar", "Content-Length": String(big.length) }, big);
    expect([declared.status, JSON.parse(declared.text).id]).to.deep.equal([413, "CDISW5104E"]);
    const chunked = await rawRequest("POST", url, { Authorization: BASIC, "Content-Type": "application/x-jar" }, [big.subarray(0, 3000), big.subarray(3000)]);
    expect(chunked.status).to.equal(413);
    expect(t.instance.bundles()).to.have.length(0);
  });
});

describe("sim REST: access tokens", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin({ tokens: true, tokenTtlMs: 60_000 });
  });
  after(() => t.close());

  it("lists accessTokens in the root and issues a token against Basic auth", async () => {
    const root = (await t.get("/streams/rest/resources")).body;
    const entry = root.resources.find((r: any) => r.name === "accessTokens");
    expect(entry.resource).to.equal(`${t.rest}/accesstokens`);
    const issued = await t.send("POST", entry.resource, { audience: "streams" });
    expect(issued.status).to.equal(200);
    expect(issued.body.accessToken).to.be.a("string").with.length.greaterThan(20);
    expect(issued.body.expireTime).to.equal(Math.floor((t.clock.now() + 60_000) / 1000));
    const bearer = { Authorization: `Bearer ${issued.body.accessToken}` };
    expect((await t.get("/streams/rest/instances", bearer)).status).to.equal(200);
    expect((await t.send("POST", entry.resource, { audience: "streams" }, bearer)).status).to.equal(401);
    t.clock.advance(60_000);
    expect((await t.get("/streams/rest/instances", bearer)).status).to.equal(401);
  });

  it("accepts the Java client's list form of the audience and refuses others", async () => {
    expect((await t.send("POST", "/streams/rest/accesstokens", { audience: ["streams"] })).status).to.equal(200);
    const wrong = await t.send("POST", "/streams/rest/accesstokens", { audience: "other" });
    expect([wrong.status, wrong.body.message]).to.deep.equal([400, 'CDISW5100E audience: expected "streams" or ["streams"], found the string "other"']);
  });
});

describe("sim REST: asynchronous submissions and application configurations", () => {
  let t: Twin;
  beforeEach(async () => {
    t = await startTwin({}, { submissionDelayMs: 50 });
  });
  afterEach(() => t.close());

  it("accepts a submission, then completes it with a link to the job, and logs in plain text", async () => {
    const up = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", buildBundle(minimalManifest()), { "Content-Type": "application/x-jar" });
    const created = await t.send("POST", "/streams/rest/instances/dc1/jobsubmissions", {
      application: up.body.bundleId,
      jobConfigurationOverlay: {},
      applicationCredentials: { bearerToken: "do-not-keep-me" },
    });
    expect(created.status).to.equal(201);
    expect(created.body).to.include({ resourceType: "jobSubmission", id: "1", status: "submission.submitted" });
    t.clock.advance(50);
    const done = (await t.get(created.body.self)).body;
    expect(done).to.include({ status: "submission.complete", jobId: "1", job: `${t.rest}/instances/dc1/jobs/1` });
    const log = await t.get(done.logMessages);
    expect(log.headers.get("content-type")).to.equal("text/plain; charset=utf-8");
    expect(log.body).to.contain("job 1 (com.acme::FailoverDemo_1) submitted");
    expect(log.body).to.not.contain("do-not-keep-me");
  });

  it("reports a failed submission with its reason", async () => {
    const created = await t.send("POST", "/streams/rest/instances/dc1/jobsubmissions", { application: "unknown-bundle" });
    t.clock.advance(50);
    const failed = (await t.get(created.body.self)).body;
    expect(failed).to.include({ status: "submission.failedProcessingJob" });
    expect(failed.failureReason).to.contain("no application bundle with id unknown-bundle");
  });

  it("creates, reads, updates and deletes an application configuration", async () => {
    const base = "/streams/rest/instances/dc1/applicationconfigurations";
    const created = await t.send("POST", base, { name: "CrossDCFailover", properties: { heartbeatExchangeInterval: "1" }, description: "toolkit" });
    expect(created.status).to.equal(201);
    expect((await t.get(base)).body.applicationConfigurations.map((c: any) => c.name)).to.deep.equal(["CrossDCFailover"]);
    const patched = await t.send("PATCH", created.body.self, { properties: { consecutiveHeartbeatMissesAllowed: "3", heartbeatExchangeInterval: null } });
    expect(patched.body.properties).to.deep.equal({ consecutiveHeartbeatMissesAllowed: "3" });
    expect((await t.send("POST", base, { name: "CrossDCFailover" })).status).to.equal(409);
    expect((await t.send("DELETE", created.body.self)).status).to.equal(204);
    expect((await t.get(created.body.self)).status).to.equal(404);
  });
});
