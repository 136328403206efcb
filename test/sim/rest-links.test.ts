import { expect } from "chai";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { demoManifest } from "./fixtures.js";
import { startTwin, type Twin } from "./rest-helpers.js";

/** Every string in a JSON value that is a URL under `prefix`. */
function linksIn(value: unknown, prefix: string, out: Set<string>): Set<string> {
  if (typeof value === "string" && value.startsWith(prefix)) out.add(value);
  else if (Array.isArray(value)) for (const v of value) linksIn(v, prefix, out);
  else if (typeof value === "object" && value !== null) for (const v of Object.values(value)) linksIn(v, prefix, out);
  return out;
}

describe("sim REST: links", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin();
    const up = await t.send("POST", "/streams/rest/instances/dc1/applicationbundles", buildBundle(demoManifest()), { "Content-Type": "application/x-jar" });
    await t.send("POST", "/streams/rest/instances/dc1/jobs", { application: up.body.bundleId });
    await t.send("POST", "/streams/rest/instances/dc1/jobsubmissions", { application: up.body.bundleId });
    await t.send("POST", "/streams/rest/instances/dc1/applicationconfigurations", { name: "CrossDCFailover", properties: {} });
    t.clock.advance(0);
  });
  after(() => t.close());

  it("resolves every link reachable from the root, and each element's self is where it was found", async () => {
    const seen = new Set<string>();
    const queue = [`${t.rest}/resources`];
    const selves = new Map<string, string>();
    while (queue.length > 0 && seen.size < 3000) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await t.get(url);
      expect(res.status, url).to.equal(200);
      if (typeof res.body !== "object") continue;
      const self = res.body.self;
      if (typeof self === "string") expect(self, `self of ${url}`).to.equal(url);
      for (const element of Object.values(res.body).filter(Array.isArray).flat() as any[]) {
        if (element && typeof element.self === "string") {
          const known = selves.get(element.self);
          if (known) expect(JSON.stringify(element), "one self, one element").to.equal(known);
          selves.set(element.self, JSON.stringify(element));
        }
      }
      for (const link of linksIn(res.body, t.rest, new Set())) if (!seen.has(link)) queue.push(link);
    }
    expect(queue, "the crawl ends").to.have.length(0);
    // instance, jobs, PEs, operators, ports, connections, metrics, hosts…: a few hundred resources
    expect(seen.size).to.be.greaterThan(200);
    for (const path of ["/jobs/1/operators/Ingest/metrics", "/pes/1/inputports", "/peconnections/1o0-2i0/metrics", "/hosts/dc1-h1/metrics", "/jobsubmissions/1/logmessages"]) {
      expect(seen.has(`${t.rest}/instances/dc1${path}`), path).to.equal(true);
    }
  });
});
