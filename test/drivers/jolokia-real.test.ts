import { expect } from "chai";
import { connectJolokia, numericValue, type JolokiaApi } from "../../src/drivers/jolokia/index.js";
import { failure, testContext, value } from "./helpers.js";
import { realJolokiaMissing, startRealJolokia, type RealJolokia } from "./jolokia/real-jolokia.js";

const missing = realJolokiaMissing();
const title = "Jolokia client against real Jolokia (Debian's libjolokia-core-java 1.7.1 in a JVM)";

// CI installs the JDK and libjolokia-core-java (.ci/run); only a machine without them skips, and says why.
(missing ? describe.skip : describe)(missing ? `${title}: SKIPPED, ${missing}` : title, function () {
  this.timeout(60_000);
  let agent: RealJolokia;
  let api: JolokiaApi;

  before(async () => {
    agent = await startRealJolokia();
    api = value(await connectJolokia({ url: agent.url, timeoutMs: 10_000, retry: { attempts: 2, baseDelayMs: 10 } }, testContext()));
  });
  after(async () => {
    api?.close();
    await agent?.stop();
  });

  it("reads the JVM's heap in use: a path into the HeapMemoryUsage composite", async () => {
    const used = value(await api.read({ mbean: "java.lang:type=Memory", attribute: "HeapMemoryUsage", path: "used" }));
    const n = numericValue(used.value);
    expect(n.ok && n.value).to.be.greaterThan(0);
    // Jolokia's timestamp is seconds: within a minute of this machine's clock.
    expect(Math.abs(used.timestampMs - Date.now())).to.be.below(60_000);
  });

  it("reads the whole composite, which is no number without a path", async () => {
    const heap = value(await api.read({ mbean: "java.lang:type=Memory", attribute: "HeapMemoryUsage" }));
    expect(heap.value).to.have.keys("init", "committed", "max", "used");
    const n = numericValue(heap.value);
    expect(!n.ok && n.error).to.match(/composite, not a number: give a path/);
  });

  it("gets Jolokia's error status, type and message for an unknown MBean and an unknown attribute", async () => {
    const mbean = failure(await api.read({ mbean: "java.lang:type=NoSuchThing", attribute: "X" }));
    expect(mbean).to.include({ kind: "not-found", status: 404, messageId: "javax.management.InstanceNotFoundException" });
    expect(mbean.message).to.contain("javax.management.InstanceNotFoundException : java.lang:type=NoSuchThing");
    const attribute = failure(await api.read({ mbean: "java.lang:type=Memory", attribute: "NoSuchAttribute" }));
    expect(attribute).to.include({ kind: "not-found", status: 404, messageId: "javax.management.AttributeNotFoundException" });
    expect(attribute.message).to.contain("No such attribute: NoSuchAttribute");
  });

  it("reads in bulk: one response per request, in order, each with its own status", async () => {
    const all = value(await api.readAll([
      { mbean: "java.lang:type=Runtime", attribute: "Uptime" },
      { mbean: "java.lang:type=NoSuchThing", attribute: "X" },
      { mbean: "java.lang:type=Threading", attribute: "ThreadCount" },
    ]));
    expect(all.map((r) => r.ok)).to.deep.equal([true, false, true]);
    expect(all[0]!.ok && all[0]!.value.value).to.be.a("number").greaterThan(0);
    expect(!all[1]!.ok && all[1]!.error.status).to.equal(404);
  });

  it("gets null for a path that leads nowhere, which is no number", async () => {
    const r = value(await api.read({ mbean: "java.lang:type=Memory", attribute: "HeapMemoryUsage", path: "nokey" }));
    expect(r.value).to.equal(null);
    expect(numericValue(r.value).ok).to.equal(false);
  });
});
