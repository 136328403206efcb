import { expect } from "chai";
import { checked, codes, inRun, inVerify, line, only, scenario, textAt } from "./check-helpers.js";

const HEAP = `jmx("java.lang:type=Memory", "HeapMemoryUsage", on: dc1, path: "used")`;
const DC2 = `dc dc2 { streams: "https://dc2.example:8443/streams/rest" instance: "i" }`;

describe("checker: jmx(…)", () => {
  it("is a Number usable like metric(…): in expect, await, every and after, with arithmetic and comparisons", () => {
    expect(codes(inVerify(`    expect ${HEAP} < 2000000000\n    expect ${HEAP} / 1024 > 0`))).to.deep.equal([]);
    expect(codes(scenario(`  steady {\n    expect jmx("java.lang:type=Threading", "ThreadCount", on: dc2) >= 1\n  }`))).to.deep.equal([]);
    expect(
      codes(
        inRun(`    await ${HEAP} > 0 within 30s
    every 5s for 20s {
      expect jmx("com.ibm.streams.management:type=instance,name=dc1", "Up", on: dc1) == 1
    }
    after failover(app, to: dc2) {
      expect jmx("com.ibm.streams.management:type=instance.job,instance=dc2,name=" + job(app, on: dc2).id, "Metrics", on: dc2, path: "nTuplesProcessed") > 0
    }
    wait 30s`),
      ),
    ).to.deep.equal([]);
  });

  it("takes the path positionally or by name, and defaults it to none", () => {
    expect(codes(inVerify(`    expect jmx("java.lang:type=Memory", "HeapMemoryUsage", dc1, "used") > 0\n    expect jmx("java.lang:type=Runtime", "Uptime", on: dc1) > 0`))).to.deep.equal([]);
  });

  it("needs the datacenter whose agent answers", () => {
    const d = only(inVerify(`    expect jmx("java.lang:type=Runtime", "Uptime") > 0`));
    expect([d.code, d.message]).to.deep.equal(["XDC3005", "missing argument `on` in the call to `jmx`"]);
  });

  it("reports arguments of the wrong type where they are written", () => {
    const text = inVerify(`    expect jmx("java.lang:type=Runtime", 5, on: dc1) > 0\n    expect jmx("java.lang:type=Runtime", "Uptime", on: "dc1") > 0`);
    const ds = checked(text).diagnostics;
    expect(ds.map((d) => [d.code, textAt(text, d)])).to.deep.equal([
      ["XDC3002", "5"],
      ["XDC3002", '"dc1"'],
    ]);
  });

  it("is a plain number: comparing it with a duration is a unit mistake", () => {
    const d = only(inVerify(`    expect jmx("java.lang:type=Runtime", "Uptime", on: dc1) > 5s`));
    expect([d.code, d.message]).to.deep.equal(["XDC3001", "expected a duration, found a number"]);
  });

  it("reads a datacenter's `jolokia` URL from an environment, and suggests it when misspelt", () => {
    const r = checked(`environment lab {
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
    instance: "i"
    jolokia: "https://dc1.example:8778/jolokia"
  }
  ${DC2}
}`);
    expect(r.diagnostics.map(line)).to.deep.equal([]);
    expect(r.value.environments.get("lab")!.dcs.map((d) => d.jolokia)).to.deep.equal(["https://dc1.example:8778/jolokia", undefined]);
    const typo = checked(`environment lab {\n  dc dc1 { streams: "s" instance: "i" jolokai: "http://h/jolokia" }\n  ${DC2}\n}`).diagnostics;
    expect(typo.map((d) => [d.code, d.help?.message])).to.deep.equal([["XDC5003", "did you mean `jolokia`?"]]);
    expect(codes(`environment lab {\n  dc dc1 { streams: "s" instance: "i" jolokia: 8778 }\n  ${DC2}\n}`)).to.deep.equal(["XDC3002"]);
  });
});
