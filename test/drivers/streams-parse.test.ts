import { expect } from "chai";
import type { HttpResponse } from "../../src/drivers/http/client.js";
import { resourceRoot } from "../../src/drivers/streams/discovery.js";
import { readStreamsErrorBody } from "../../src/drivers/streams/error-body.js";
import { parseJob, parseMetric, parsePe } from "../../src/drivers/streams/parse.js";
import { submissionBody } from "../../src/drivers/streams/submission.js";

const response = (body: unknown, contentType = "application/json"): HttpResponse => ({
  status: 404,
  headers: { "content-type": contentType },
  text: typeof body === "string" ? body : JSON.stringify(body),
  json: typeof body === "string" ? undefined : body,
});

describe("drivers/streams: reading what the server says", () => {
  it("normalises the casing of statuses and makes unknown ones `unknown`", () => {
    const pe = parsePe({ id: 7, self: "http://h/pes/7", status: "Running", statusReason: "HostFailure", health: "partiallyHealthy", launchCount: "2", host: "http://h/hosts/a" });
    expect(pe.ok && pe.value).to.deep.include({ id: "7", status: "running", statusReason: "hostFailure", health: "partiallyHealthy", launchCount: 2 });
    // 4.x calls the PE's host `host`.
    expect(pe.ok && pe.value.links).to.deep.equal({ resource: "http://h/hosts/a" });
    const odd = parsePe({ id: "1", self: "http://h/pes/1", status: "Levitating", health: 3 });
    expect(odd.ok && [odd.value.status, odd.value.health, odd.value.launchCount]).to.deep.equal(["unknown", "unknown", 0]);
  });

  it("says which required field an element lacks", () => {
    expect(parseJob({ self: "http://h/jobs/1" })).to.deep.equal({ ok: false, error: "job without `id`" });
    expect(parseJob([])).to.deep.equal({ ok: false, error: "expected a job object, found an array" });
    expect(parseMetric({ name: "n" })).to.deep.equal({ ok: false, error: "metric without a numeric `value`" });
  });

  it("keeps only absolute links", () => {
    const job = parseJob({ id: "1", self: "http://h/jobs/1", name: "j", pes: "relative/pes", operators: "https://h/jobs/1/operators", submitParameters: [{ name: "a", value: "1" }, { name: "b", value: 2 }, { bad: true }] });
    expect(job.ok && job.value.links).to.deep.equal({ operators: "https://h/jobs/1/operators" });
    expect(job.ok && job.value.submitParameters).to.deep.equal([{ name: "a", value: "1" }, { name: "b", value: "2" }]);
  });

  it("finds Streams' message id in each form of error body", () => {
    expect(readStreamsErrorBody(response({ id: "CDISW5000E", message: "CDISW5000E The resource … cannot be found." }))).to.deep.equal({ messageId: "CDISW5000E", detail: "CDISW5000E The resource … cannot be found." });
    expect(readStreamsErrorBody(response({ messages: [{ id: "CDISW5003E", message: "not\nauthorized" }] }))).to.deep.equal({ messageId: "CDISW5003E", detail: "not authorized" });
    expect(readStreamsErrorBody(response("CDISR1234E went wrong", "text/plain"))).to.deep.equal({ messageId: "CDISR1234E", detail: "CDISR1234E went wrong" });
    expect(readStreamsErrorBody(response("<html>proxy error</html>", "text/html"))).to.deep.equal({});
    expect(readStreamsErrorBody(response("x".repeat(1000), "text/plain")).detail).to.have.length(300);
  });
});

describe("drivers/streams: the root and the submission body", () => {
  it("finds the resource root from a base, a root or an origin", () => {
    expect(resourceRoot("https://h:8443/streams/rest")).to.deep.equal({ ok: true, value: "https://h:8443/streams/rest/resources" });
    expect(resourceRoot("https://h:8443/streams/rest/resources/")).to.deep.equal({ ok: true, value: "https://h:8443/streams/rest/resources" });
    expect(resourceRoot("https://h:8443")).to.deep.equal({ ok: true, value: "https://h:8443/streams/rest/resources" });
    expect(resourceRoot("https://h:8443/streams?x=1")).to.deep.equal({ ok: true, value: "https://h:8443/streams/resources" });
    expect(resourceRoot("h:8443").ok).to.equal(false);
  });

  it("puts name, group and parameters into the overlay, over what the overlay says", () => {
    const body = submissionBody({
      bundleId: "b1",
      jobName: "orders-dc1",
      jobGroup: "blue",
      parameters: { role: "standby" },
      overlay: { jobConfig: { jobName: "ignored", tracing: "info", submissionParameters: [{ name: "role", value: "primary" }, { name: "x", value: "1" }] }, deploymentConfig: { fusionScheme: "manual" } },
    });
    expect(body).to.deep.equal({
      application: "b1",
      preview: false,
      jobConfigurationOverlay: {
        jobConfigOverlays: [
          {
            jobConfig: { jobName: "orders-dc1", jobGroup: "blue", tracing: "info", submissionParameters: [{ name: "role", value: "standby" }, { name: "x", value: "1" }] },
            deploymentConfig: { fusionScheme: "manual" },
          },
        ],
      },
    });
  });
});
