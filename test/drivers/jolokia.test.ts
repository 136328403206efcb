import { expect } from "chai";
import { connectJolokia, numericValue, type JolokiaApi } from "../../src/drivers/jolokia/index.js";
import { upload } from "../sim/fixtures.js";
import { expectNoSecrets, failure, PASSWORD, startDriverTwin, testContext, USER, value, type DriverTwin, type TestContext } from "./helpers.js";

const INSTANCE = "com.ibm.streams.management:type=instance,name=dc1";
const JOB = "com.ibm.streams.management:type=instance.job,instance=dc1,name=1";

describe("Jolokia client against the twin's agent", () => {
  let t: DriverTwin;
  let ctx: TestContext;
  let api: JolokiaApi;
  const errors: string[] = [];

  before(async () => {
    t = await startDriverTwin({
      // Not a Jolokia agent: answers 200 with text, as a web server at a wrong URL might.
      intercept: (req, res) => {
        if (!req.url?.startsWith("/not-jolokia")) return false;
        res.writeHead(200, { "Content-Type": "text/html" });
        res.end("<html>hello</html>");
        return true;
      },
    });
    const job = t.instance.submitJob({ bundleId: upload(t.instance), startedBy: "u", jobName: "orders" });
    if (!job.ok) throw new Error(job.error.message);
    t.clock.advance(2_000);
    t.instance.metric("1", "Ingest", "nTuplesSubmitted")!.add(42);
    ctx = testContext();
    api = value(await connectJolokia({ url: `${t.origin}/jolokia`, credentials: { user: USER, password: PASSWORD }, timeoutMs: 2_000, retry: { baseDelayMs: 5, maxDelayMs: 20 } }, ctx));
  });
  after(async () => {
    api.close();
    await t.close();
    // Every error message and log line of the suite, free of the password in any form.
    expectNoSecrets([...errors, ...ctx.logger.entries.map((e) => `${e.message} ${JSON.stringify(e.fields ?? {})}`)].join("\n"));
  });

  it("reads an attribute with one POST of a bulk array to the agent's URL, with Basic authentication", async () => {
    const seen = t.seen.length;
    const r = value(await api.read({ mbean: INSTANCE, attribute: "Up" }));
    expect(r.value).to.equal(1);
    expect(r.timestampMs).to.equal(Math.floor(t.instance.now() / 1000) * 1000);
    expect(t.seen.slice(seen)).to.deep.equal([{ method: "POST", url: "/jolokia/", authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}` }]);
  });

  it("reads a path into a composite", async () => {
    expect(value(await api.read({ mbean: JOB, attribute: "Operators", path: "Ingest/nTuplesSubmitted" })).value).to.equal(42);
    expect(value(await api.read({ mbean: JOB, attribute: "Metrics" })).value).to.include({ nTuplesSubmitted: 42 });
  });

  it("reads several attributes in one bulk request, each with its own result", async () => {
    const seen = t.seen.length;
    const all = value(await api.readAll([
      { mbean: INSTANCE, attribute: "JobCount" },
      { mbean: "com.ibm.streams.management:type=instance.job,instance=dc1,name=99", attribute: "Metrics" },
      { mbean: JOB, attribute: "Metrics", path: "nTuplesSubmitted" },
    ]));
    expect(t.seen.length - seen).to.equal(1);
    expect(all.map((r) => (r.ok ? r.value.value : r.error.kind))).to.deep.equal([1, "not-found", 42]);
  });

  it("reports an unknown MBean as not-found, with Jolokia's status, error type and message", async () => {
    const e = failure(await api.read({ mbean: "com.ibm.streams.management:type=instance.job,instance=dc1,name=99", attribute: "Metrics" }));
    errors.push(e.message);
    expect(e).to.include({ kind: "not-found", status: 404, messageId: "javax.management.InstanceNotFoundException" });
    expect(e.message).to.equal(
      "read of com.ibm.streams.management:type=instance.job,instance=dc1,name=99 Metrics: Jolokia answered 404 (javax.management.InstanceNotFoundException): javax.management.InstanceNotFoundException : com.ibm.streams.management:type=instance.job,instance=dc1,name=99",
    );
  });

  it("reports an unknown attribute as not-found, and a malformed ObjectName as bad-request", async () => {
    const e = failure(await api.read({ mbean: JOB, attribute: "Nope" }));
    errors.push(e.message);
    expect(e).to.include({ kind: "not-found", messageId: "javax.management.AttributeNotFoundException" });
    expect(e.message).to.contain("No such attribute: Nope");
    const bad = failure(await api.read({ mbean: "notanmbean", attribute: "X" }));
    errors.push(bad.message);
    expect(bad).to.include({ kind: "bad-request", status: 400 });
  });

  it("takes numbers as numbers, and says why anything else is not one", () => {
    expect(numericValue(42)).to.deep.equal({ ok: true, value: 42 });
    expect(numericValue(0.5)).to.deep.equal({ ok: true, value: 0.5 });
    const composite = numericValue({ used: 1, max: 2 });
    expect(!composite.ok && composite.error).to.equal("the value is a composite, not a number: give a path to one of its keys (used, max)");
    const nothing = numericValue(null);
    expect(!nothing.ok && nothing.error).to.match(/^the value is null: no such key on that path/);
    expect(numericValue("12").ok).to.equal(false);
    expect(numericValue(true).ok).to.equal(false);
  });

  it("fails with authentication on a wrong password, without retrying", async () => {
    const wrong = value(await connectJolokia({ url: `${t.origin}/jolokia`, credentials: { user: USER, password: "not-it" }, retry: { baseDelayMs: 1 } }, ctx));
    const e = failure(await wrong.read({ mbean: INSTANCE, attribute: "Up" }));
    errors.push(e.message);
    expect(e).to.include({ kind: "authentication", status: 401, attempts: 1 });
    wrong.close();
  });

  it("fails as protocol when the URL answers something that is not Jolokia's", async () => {
    const other = value(await connectJolokia({ url: `${t.origin}/not-jolokia` }, ctx));
    const e = failure(await other.read({ mbean: INSTANCE, attribute: "Up" }));
    expect(e.kind).to.equal("protocol");
    expect(e.message).to.match(/not JSON .*text\/html.*Jolokia agent's URL/);
    other.close();
  });

  it("fails as network when nothing listens, after its retries", async () => {
    const closed = await startDriverTwin();
    const origin = closed.origin;
    await closed.close();
    const gone = value(await connectJolokia({ url: `${origin}/jolokia`, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }, ctx));
    const e = failure(await gone.read({ mbean: INSTANCE, attribute: "Up" }));
    expect(e).to.include({ kind: "network", code: "ECONNREFUSED", attempts: 3 });
    gone.close();
  });

  it("refuses a URL that is not one, or carries credentials, before sending anything", async () => {
    expect(failure(await connectJolokia({ url: "not a url" }, ctx)).kind).to.equal("configuration");
    expect(failure(await connectJolokia({ url: "ftp://h/jolokia" }, ctx)).kind).to.equal("configuration");
    expect(failure(await connectJolokia({ url: `http://u:p@127.0.0.1:1/jolokia` }, ctx)).kind).to.equal("configuration");
    // The TLS settings reach it as they reach the REST client: a CA file that cannot be read stops it here.
    const tls = failure(await connectJolokia({ url: "https://127.0.0.1:1/jolokia", tls: { caFile: "/nonexistent/ca.pem" } }, ctx));
    expect(tls.kind).to.equal("configuration");
    expect(tls.message).to.contain("/nonexistent/ca.pem");
  });
});
