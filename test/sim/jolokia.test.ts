import { expect } from "chai";
import { upload } from "./fixtures.js";
import { BASIC, rawRequest, startTwin, type Twin } from "./rest-helpers.js";

const INSTANCE = "com.ibm.streams.management:type=instance,name=dc1";
const JOB = "com.ibm.streams.management:type=instance.job,instance=dc1,name=1";
const PE = "com.ibm.streams.management:type=instance.pe,instance=dc1,name=1";

/** POSTs a Jolokia request (or a bulk array) with the twin's credentials; the status, content type and parsed body. */
async function post(t: Twin, body: unknown, path = "/jolokia"): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(`${t.origin}${path}`, { method: "POST", headers: { Authorization: BASIC, "Content-Type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get("content-type") ?? "", body: JSON.parse(await res.text()) };
}

async function get(t: Twin, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.origin}${path}`, { headers: { Authorization: BASIC } });
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text };
}

describe("sim Jolokia: JMX over HTTP for the instance, its jobs, PEs and hosts", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin();
    const job = t.instance.submitJob({ bundleId: upload(t.instance), startedBy: "u", jobName: "orders" });
    if (!job.ok) throw new Error(job.error.message);
    t.clock.advance(2_000);
    t.instance.metric("1", "Ingest", "nTuplesSubmitted")!.add(42);
    t.instance.metric("1", "Process", "nEnriched")!.add(7);
  });
  after(() => t.close());

  it("answers a POSTed read with Jolokia's response shape, HTTP 200 and text/plain as an agent does", async () => {
    const r = await post(t, { type: "read", mbean: INSTANCE, attribute: "JobCount" });
    expect(r.status).to.equal(200);
    expect(r.type).to.match(/^text\/plain/);
    expect(r.body).to.deep.equal({ request: { type: "read", mbean: INSTANCE, attribute: "JobCount" }, value: 1, timestamp: Math.floor(t.instance.now() / 1000), status: 200 });
  });

  it("answers GET /jolokia/read/MBEAN/ATTRIBUTE/PATH, following the path into a composite", async () => {
    const r = await get(t, `/jolokia/read/${encodeURIComponent(JOB)}/Operators/Ingest/nTuplesSubmitted`);
    expect(r.status).to.equal(200);
    expect(r.body).to.include({ value: 42, status: 200 });
    expect(r.body.request).to.deep.equal({ type: "read", mbean: JOB, attribute: "Operators", path: "Ingest/nTuplesSubmitted" });
  });

  it("mirrors the REST metrics: a job's Metrics sum its operators', a PE's are its own", async () => {
    const job = await post(t, { type: "read", mbean: JOB, attribute: "Metrics" });
    expect(job.body.value).to.include({ nTuplesSubmitted: 42, nEnriched: 7 });
    expect(job.body.value.nTuplesSubmitted).to.equal(t.instance.job("1")!.operators.reduce((s, op) => s + (op.metrics.get("nTuplesSubmitted")?.value ?? 0), 0));
    const pe = await post(t, { type: "read", mbean: PE, attribute: "Metrics", path: "nCpuMilliseconds" });
    expect(pe.body.value).to.equal(t.instance.pe("1")!.metrics.get("nCpuMilliseconds")!.value);
    const state = await post(t, { type: "read", mbean: PE, attribute: ["Status", "LaunchCount", "Healthy"] });
    expect(state.body.value).to.deep.equal({ Status: "running", LaunchCount: 1, Healthy: 1 });
    const host = await post(t, { type: "read", mbean: "com.ibm.streams.management:type=instance.resource,instance=dc1,name=dc1-h1", attribute: "Metrics", path: "nRunningPes" });
    expect(host.body.value).to.equal(t.instance.pesOnHost("dc1-h1").filter((p) => p.status === "running").length);
  });

  it("reads a value afresh at every request", async () => {
    const before = (await post(t, { type: "read", mbean: JOB, attribute: "Metrics", path: "nTuplesSubmitted" })).body.value;
    t.instance.metric("1", "Ingest", "nTuplesSubmitted")!.add(8);
    const after = (await post(t, { type: "read", mbean: JOB, attribute: "Metrics", path: "nTuplesSubmitted" })).body.value;
    expect(after - before).to.equal(8);
  });

  it("matches key properties in any order, and reads every attribute when none is named", async () => {
    const r = await post(t, { type: "read", mbean: "com.ibm.streams.management:name=1,instance=dc1,type=instance.job" });
    expect(r.body.status).to.equal(200);
    expect(r.body.value).to.include({ Id: "1", Name: "orders", Status: "running", Health: "healthy" });
  });

  it("answers a bulk request with one response per request, each with its own status", async () => {
    const r = await post(t, [
      { type: "read", mbean: INSTANCE, attribute: "Up" },
      { type: "read", mbean: "com.ibm.streams.management:type=instance.job,instance=dc1,name=99", attribute: "Metrics" },
      { type: "read", mbean: JOB, attribute: "Nope" },
      { type: "exec", mbean: JOB, operation: "x" },
    ]);
    expect(r.status).to.equal(200);
    expect(r.body).to.have.length(4);
    expect(r.body.map((x: any) => x.status)).to.deep.equal([200, 404, 404, 400]);
    expect(r.body[0].value).to.equal(1);
    expect(r.body[1]).to.deep.include({ error_type: "javax.management.InstanceNotFoundException", error: "javax.management.InstanceNotFoundException : com.ibm.streams.management:type=instance.job,instance=dc1,name=99" });
    expect(r.body[2]).to.deep.include({ error_type: "javax.management.AttributeNotFoundException", error: "javax.management.AttributeNotFoundException : No such attribute: Nope" });
    expect(r.body[3].error).to.match(/answers read and version/);
  });

  it("answers 404 for other domains, other instances and a quoted value (JMX holds name=\"1\" and name=1 apart)", async () => {
    for (const mbean of ["java.lang:type=Memory", "com.ibm.streams.management:type=instance,name=dc2", 'com.ibm.streams.management:type=instance.job,instance=dc1,name="1"', `${JOB},extra=1`]) {
      const r = await post(t, { type: "read", mbean, attribute: "Id" });
      expect(r.body, mbean).to.deep.include({ status: 404, error_type: "javax.management.InstanceNotFoundException" });
    }
  });

  it("answers 400 for a malformed ObjectName, a pattern, an unknown type and a body that is not JSON", async () => {
    expect((await post(t, { type: "read", mbean: "notanmbean", attribute: "X" })).body).to.deep.include({ status: 400, error: "java.lang.IllegalArgumentException : Invalid object name. Key properties cannot be empty" });
    expect((await post(t, { type: "read", mbean: "com.ibm.streams.management:type=instance.job,*", attribute: "X" })).body.status).to.equal(400);
    expect((await post(t, { type: "bogus" })).body).to.deep.include({ status: 400, error: "java.lang.IllegalArgumentException : No type with name 'bogus' exists" });
    const notJson = await post(t, "{not json");
    expect(notJson.status).to.equal(200);
    expect(notJson.body).to.include({ status: 400, error_type: "java.lang.IllegalArgumentException" });
  });

  it("answers null for a path that leads nowhere, as Jolokia 1.x does", async () => {
    const r = await post(t, { type: "read", mbean: JOB, attribute: "Metrics", path: "noSuchMetric" });
    expect(r.body).to.include({ status: 200, value: null });
  });

  it("honours Jolokia's escapes in GET paths (!/ a slash inside a part)", async () => {
    const r = await get(t, `/jolokia/read/${encodeURIComponent(JOB)}/Operators/Ingest!/x`);
    expect(r.body.request.path).to.equal("Ingest!/x");
    expect(r.body.value).to.equal(null);
  });

  it("answers version on GET /jolokia and /jolokia/version", async () => {
    for (const path of ["/jolokia", "/jolokia/", "/jolokia/version"]) {
      const r = await get(t, path);
      expect(r.body.value, path).to.include({ agent: "xdc-twin", protocol: "7.2" });
    }
  });

  it("asks for the REST API's credentials (401 with a Basic challenge) and answers only GET and POST", async () => {
    const anonymous = await fetch(`${t.origin}/jolokia/read/${encodeURIComponent(INSTANCE)}/Up`);
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers.get("www-authenticate")).to.equal('Basic realm="jolokia"');
    const wrong = await fetch(`${t.origin}/jolokia`, { method: "POST", headers: { Authorization: `Basic ${Buffer.from("streamsadmin:nope").toString("base64")}` }, body: "{}" });
    expect(wrong.status).to.equal(401);
    const put = await rawRequest("PUT", `${t.origin}/jolokia`, { Authorization: BASIC });
    expect(put.status).to.equal(405);
  });
});
