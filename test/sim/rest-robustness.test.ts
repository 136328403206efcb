import { expect } from "chai";
import fc from "fast-check";
import { ROUTES } from "../../src/sim/rest/routes.js";
import { upload } from "./fixtures.js";
import { rawRequest, BASIC, startTwin, type Twin } from "./rest-helpers.js";

// Values that name real resources, mixed with noise, for each path parameter.
const VALID: Record<string, string[]> = {
  instance: ["dc1"],
  job: ["1", "2"],
  operator: ["Ingest", "Process", "CrossDCFailover.RemoteDCDataMerger"],
  pe: ["1", "2", "3"],
  inputPort: ["0", "1", "2"],
  outputPort: ["0", "1"],
  operatorConnection: ["Ingest.o0-Process.i0"],
  peConnection: ["1o0-2i0"],
  resource: ["dc1-h1"],
  host: ["dc1-h2"],
  jobGroup: ["default"],
  submission: ["1"],
  appConfiguration: ["CrossDCFailover"],
  name: ["sws.consoleUrl"],
};

const segment = (name: string) =>
  fc.oneof(fc.constantFrom(...(VALID[name] ?? ["x"])), fc.string({ maxLength: 12 }), fc.constantFrom("%", "%ZZ", "..", "-1", "00", "%2F"));

const request = fc.record({
  route: fc.constantFrom(...ROUTES.map((r) => r.path)),
  method: fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT"),
  query: fc.constantFrom("", "?count=2", "?count=0", "?page=-1&count=1", "?fields=id,a.b", "?status=running,x", "?page=abc"),
  body: fc.oneof(fc.json({ maxDepth: 3 }), fc.string({ maxLength: 30 }), fc.constant("")),
});

describe("sim REST: robustness", () => {
  let t: Twin;
  before(async () => {
    t = await startTwin();
    const bundleId = upload(t.instance);
    t.instance.submitJob({ bundleId, startedBy: "u" });
    t.instance.submitJob({ bundleId, startedBy: "u" });
    t.instance.createSubmission({ bundleId, startedBy: "u" });
    t.instance.appConfigurations.create({ name: "CrossDCFailover", properties: {} }, "u");
    t.clock.advance(0);
  });
  after(() => t.close());

  it("answers any method, path, query and body under /streams/rest without a 500", async () => {
    await fc.assert(
      fc.asyncProperty(request, fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), async (r, picks) => {
        let i = 0;
        const path = r.route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
          const values = VALID[name] ?? ["x"];
          return encodeURIComponent(values[picks[i++ % picks.length]! % values.length]!);
        });
        const body = r.method === "GET" ? "" : r.body;
        const res = await rawRequest(r.method, `${t.rest}/${path}${r.query}`, { Authorization: BASIC, "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(body)) }, body);
        expect([200, 201, 204, 400, 404, 405, 409], `${r.method} ${path}${r.query} ${body}: ${res.text}`).to.include(res.status);
        if (res.status >= 400) expect(JSON.parse(res.text).id).to.match(/^CDISW5\d{3}E$/);
      }),
      { numRuns: 150 },
    );
  });

  it("answers arbitrary path segments without a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(segment("x"), { minLength: 1, maxLength: 7 }), async (parts) => {
        const path = parts.map((p) => (/^%/.test(p) ? p : encodeURIComponent(p))).join("/");
        const res = await rawRequest("GET", `${t.rest}/instances/dc1/${path}`, { Authorization: BASIC });
        expect([200, 400, 404, 405]).to.include(res.status);
      }),
      { numRuns: 100 },
    );
  });
});
