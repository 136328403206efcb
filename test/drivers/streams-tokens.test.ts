import { expect } from "chai";
import { VirtualClock } from "../../src/runtime/clock.js";
import { connectTwin, expectNoSecrets, startDriverTwin, testContext, value, type DriverTwin } from "./helpers.js";

/** The twin's instance clock starts at this epoch ms; the client's virtual clock is anchored there too. */
const TWIN_START = 1_700_000_000_000;
const TTL_MS = 600_000;

const bearers = (t: DriverTwin) => [...new Set(t.seen.map((s) => s.authorization ?? "").filter((a) => a.startsWith("Bearer ")))];
const tokenPosts = (t: DriverTwin) => t.seen.filter((s) => s.method === "POST" && s.url.endsWith("/accesstokens"));

describe("drivers/streams: access tokens", () => {
  let t: DriverTwin;
  beforeEach(async () => {
    t = await startDriverTwin({ handler: { tokens: true, tokenTtlMs: TTL_MS } });
  });
  afterEach(() => t.close());

  it("gets a token with Basic when the root offers one, then sends only the token", async () => {
    const ctx = testContext(new VirtualClock({ auto: true, wallAnchorMs: TWIN_START }));
    const api = await connectTwin(t, ctx);
    value(await api.jobs());
    value(await api.instance());
    expect(t.seen[0]).to.include({ method: "GET", url: "/streams/rest/resources" });
    expect(t.seen[0]!.authorization).to.match(/^Basic /);
    expect(tokenPosts(t)).to.have.length(1);
    expect(tokenPosts(t)[0]!.authorization).to.match(/^Basic /);
    const after = t.seen.slice(t.seen.indexOf(tokenPosts(t)[0]!) + 1);
    expect(after.length).to.be.greaterThan(1);
    for (const s of after) expect(s.authorization, s.url).to.match(/^Bearer /);
    expectNoSecrets(ctx.logger.text(), bearers(t).map((b) => b.slice(7)));
    api.close();
  });

  it("renews the token before it expires", async () => {
    const clock = new VirtualClock({ auto: true, wallAnchorMs: TWIN_START });
    const ctx = testContext(clock);
    const api = await connectTwin(t, ctx);
    value(await api.jobs());
    // 500 s of a 600 s token: past the renewal point, before the expiry.
    await clock.sleep(500_000);
    t.clock.advance(500_000);
    value(await api.jobs());
    expect(tokenPosts(t)).to.have.length(2);
    expect(bearers(t)).to.have.length(2);
    expect(t.seen.some((s) => s.method !== "POST" && s.url.endsWith("/jobs") && s.authorization === bearers(t)[1])).to.equal(true);
    expectNoSecrets(ctx.logger.text(), bearers(t).map((b) => b.slice(7)));
    api.close();
  });

  it("gets a new token when the server refuses the one it has, and the call succeeds", async () => {
    const ctx = testContext(new VirtualClock({ auto: true, wallAnchorMs: TWIN_START }));
    const api = await connectTwin(t, ctx);
    value(await api.jobs());
    // The server's clock runs ahead: it sees the token as expired while the client does not.
    t.clock.advance(TTL_MS + 1);
    const before = t.seen.length;
    expect(value(await api.jobs())).to.have.length(0);
    const retried = t.seen.slice(before).map((s) => `${s.method} ${s.url.replace(/\?.*/, "")}`);
    expect(retried).to.deep.equal(["GET /streams/rest/instances/dc1/jobs", "POST /streams/rest/accesstokens", "GET /streams/rest/instances/dc1/jobs"]);
    api.close();
  });

  it("keeps Basic when tokens are turned off", async () => {
    const api = await connectTwin(t, testContext(), { tokens: false });
    value(await api.jobs());
    expect(tokenPosts(t)).to.have.length(0);
    for (const s of t.seen) expect(s.authorization).to.match(/^Basic /);
    api.close();
  });
});

describe("drivers/streams: a token resource that does not work", () => {
  let t: DriverTwin;
  before(async () => {
    t = await startDriverTwin({
      handler: { tokens: true },
      intercept: (req, res) => {
        if (!req.url?.endsWith("/accesstokens")) return false;
        res.writeHead(404, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ id: "CDISW5000E", message: "CDISW5000E gone" }));
        return true;
      },
    });
  });
  after(() => t.close());

  it("falls back to Basic and says so", async () => {
    const ctx = testContext();
    const api = await connectTwin(t, ctx);
    value(await api.jobs());
    value(await api.jobs());
    expect(tokenPosts(t)).to.have.length(1);
    expect(t.seen.filter((s) => s.authorization?.startsWith("Basic")).length).to.equal(t.seen.length);
    expect(ctx.logger.entries.some((e) => e.level === "warn" && e.message.includes("using Basic authentication"))).to.equal(true);
    api.close();
  });
});
