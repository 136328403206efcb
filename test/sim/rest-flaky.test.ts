import { expect } from "chai";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { seededRandom } from "../../src/sim/model/random.js";
import { drawFlaky } from "../../src/sim/rest/flaky.js";
import { minimalManifest } from "./fixtures.js";
import { BASIC, rawRequest, startTwin, type Twin } from "./rest-helpers.js";

const SEED = 7;
const REQUESTS = 150;

describe("sim REST: flaky mode", () => {
  let t: Twin;
  let bundleId = "";
  before(async () => {
    t = await startTwin({ flaky: { rate: 0.2, rand: seededRandom(SEED), slowMs: 15 } });
    const up = t.instance.uploadBundle(buildBundle(minimalManifest()));
    if (!up.ok) throw new Error(up.error.message);
    bundleId = up.value.bundleId;
  });
  after(() => t.close());

  it("answers a fifth of requests with 503s, resets and slow answers, and never duplicates or loses an effect", async () => {
    // The same seed replays the handler's draws: one per request, in order, since requests go one at a time.
    const predictor = { rate: 0.2, rand: seededRandom(SEED), slowMs: 15 };
    const expected = Array.from({ length: REQUESTS }, () => drawFlaky(predictor).kind);
    const observed: string[] = [];
    const created = new Set<string>();
    const headers = { Authorization: BASIC, Connection: "close", "Content-Type": "application/json" };
    for (let i = 0; i < REQUESTS; i++) {
      const submit = i % 3 === 0;
      const name = `flaky-${i}`;
      const body = JSON.stringify({ application: bundleId, jobName: name });
      const res = await rawRequest(submit ? "POST" : "GET", `${t.rest}/instances/dc1/jobs`, { ...headers, "Content-Length": String(submit ? Buffer.byteLength(body) : 0) }, submit ? body : "").then(
        (r) => r,
        () => ({ status: -1, text: "" }),
      );
      observed.push(res.status === -1 ? "reset" : res.status === 503 ? "unavailable" : "answered");
      if (submit && res.status === 201) created.add(name);
      if (res.status === 503) expect(JSON.parse(res.text).id).to.equal("CDISW5103E");
    }
    expect(observed).to.deep.equal(expected.map((k) => (k === "none" || k === "slow" ? "answered" : k)));
    const counts = (k: string) => expected.filter((e) => e === k).length;
    for (const kind of ["unavailable", "reset", "slow"]) expect(counts(kind), kind).to.be.greaterThan(0);
    expect(counts("none")).to.be.within(REQUESTS * 0.7, REQUESTS * 0.9);
    // Every 201 made exactly one job; a reset or a 503 made none.
    expect(t.instance.jobs().map((j) => j.name).sort()).to.deep.equal([...created].sort());
    const metrics = await fetch(`${t.origin}/metrics`);
    expect(metrics.status, "the server still answers").to.equal(200);
  });
});
