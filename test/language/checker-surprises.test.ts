import { expect } from "chai";
import type { Diagnostic } from "../../src/language/diagnostics.js";
import { checkText, memoryHost } from "../../src/language/index.js";
import { checked, codes, inRun, line, only, scenario, textAt } from "./check-helpers.js";

/** Applies a diagnostic's edit to the text. */
const fix = (text: string, d: Diagnostic) => {
  const e = d.help!.edit!;
  return text.slice(0, e.span.start.offset) + e.newText + text.slice(e.span.end.offset);
};

const ENV = (hosts: string) => `environment lab {
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
    instance: "StreamsInstance"
    password: secret("P1")${hosts}
  }
  dc dc2 {
    streams: "https://dc2.example:8443/streams/rest"
    instance: "StreamsInstance"
    password: secret("P2")
  }
}
`;

describe("checker: checks that prevent runtime surprises", () => {
  describe("the same datacenter on both sides (XDC3019)", () => {
    it("rejects `partition(dc1, dc1)` and suggests the other datacenter", () => {
      const text = inRun("    partition(dc1, dc1) for 30s");
      const d = only(text);
      expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3019", "`partition` is given `dc1` as both `a` and `b`", "dc1"]);
      expect(d.span.start.column).to.equal(20);
      expect([d.help?.message, d.help?.edit?.applicability]).to.deep.equal(["did you mean `dc2`?", "maybe-incorrect"]);
      expect(codes(fix(text, d))).to.deep.equal([]);
    });

    it("covers every link fault and `failover(to:, from:)`", () => {
      expect(codes(inRun("    latency(dc2, dc2, delay: 10ms) for 1m"))).to.deep.equal(["XDC3019"]);
      expect(codes(inRun("    packet_loss(dc1, dc1, rate: 5%) for 1m"))).to.deep.equal(["XDC3019"]);
      expect(codes(inRun("    bandwidth(dc1, dc1, limit: 1MB) for 1m"))).to.deep.equal(["XDC3019"]);
      const text = inRun("    await failover(app, to: dc1, from: dc1) within 2m");
      const d = only(text);
      expect([d.code, d.message, d.help?.edit?.newText]).to.deep.equal(["XDC3019", "`failover` is given `dc1` as both `to` and `from`", "dc2"]);
    });

    it("says nothing of two different datacenters, or of one known only at run time", () => {
      expect(codes(inRun("    partition(dc1, dc2) for 30s"))).to.deep.equal([]);
      expect(codes(inRun("    await failover(app, to: dc2, from: dc1) within 2m"))).to.deep.equal([]);
    });
  });

  describe("two primaries of one application (XDC3020)", () => {
    it("rejects a second primary in another datacenter, and fixes it to a standby", () => {
      const text = scenario("  run { wait 1s }").replace("setup { submit(app, to: dc1) }", "setup {\n    submit(app, to: dc1)\n    submit(app, to: dc2)\n  }");
      const d = only(text);
      expect([d.code, d.message, textAt(text, d)]).to.deep.equal(["XDC3020", "`app` is submitted as primary twice", "submit(app, to: dc2)"]);
      expect(d.labels.map((l) => [textAt(text, l), l.message])).to.deep.equal([["submit(app, to: dc1)", "the first primary"]]);
      expect(d.help?.edit?.applicability).to.equal("maybe-incorrect");
      expect(fix(text, d)).to.contain('submit(app, to: dc2, role: "standby")');
      expect(codes(fix(text, d))).to.deep.equal([]);
    });

    it("replaces an explicit role, and leaves a standby and a resubmission to the same datacenter alone", () => {
      const text = scenario("  run { wait 1s }").replace("setup { submit(app, to: dc1) }", 'setup {\n    submit(app, to: dc1)\n    submit(app, to: dc2, role: "primary")\n  }');
      expect(fix(text, only(text))).to.contain('submit(app, to: dc2, role: "standby")');
      expect(codes(scenario("  run { wait 1s }").replace("setup { submit(app, to: dc1) }", 'setup {\n    submit(app, to: dc1)\n    submit(app, to: dc2, role: "standby")\n  }'))).to.deep.equal([]);
      expect(codes(scenario("  run { wait 1s }").replace("setup { submit(app, to: dc1) }", "setup {\n    submit(app, to: dc1)\n    submit(app, to: dc1)\n  }"))).to.deep.equal([]);
    });

    it("judges each scenario on its own", () => {
      const one = (name: string, dc: string) => `scenario "${name}" {\n  timeout: 1m\n  setup { submit(app, to: ${dc}) }\n}\n`;
      expect(codes(`let app = application("Demo", bundle: "demo.sab")\n${one("a", "dc1")}${one("b", "dc2")}`)).to.deep.equal([]);
    });
  });

  describe("`for` on a fault that does not last (XDC4008)", () => {
    it("warns of `kill(…) for 1s`, and its fix removes `for`", () => {
      const text = inRun('    kill(pe(app, "Ingest", on: dc1)) for 1s');
      const d = only(text);
      expect([d.code, d.severity, d.message, textAt(text, d)]).to.deep.equal(["XDC4008", "warning", "`kill` is over once applied: `for` has nothing to undo", " for 1s"]);
      expect(d.help?.message).to.contain("`pause` it instead");
      expect(d.help?.edit?.applicability).to.equal("maybe-incorrect");
      expect(codes(fix(text, d))).to.deep.equal([]);
    });

    it("says nothing of a lasting fault with `for`, nor of `kill` without it", () => {
      expect(codes(inRun('    pause(pe(app, "Ingest", on: dc1)) for 1s'))).to.deep.equal([]);
      expect(codes(inRun('    kill(pe(app, "Ingest", on: dc1))'))).to.deep.equal([]);
    });
  });

  describe("the timeline against the timeout (XDC4005, XDC4009)", () => {
    it("counts a fault's `for` and a workload's `for:` as time the phase needs", () => {
      const fault = inRun("    partition(dc1, dc2) for 2m", "timeout: 1m");
      const d = only(fault);
      expect([d.code, d.message, textAt(fault, d)]).to.deep.equal(["XDC4005", "this fault is undone after the scenario's timeout", "partition(dc1, dc2)"]);
      const load = inRun("    inject(app.Ingest, rate: 10/s, for: 90s)", "timeout: 1m");
      expect(only(load).message).to.equal("this workload ends after the scenario's timeout");
      const every = inRun('    every 10s for 2m { log("tick") }', "timeout: 1m");
      expect(only(every).code).to.equal("XDC4005");
    });

    it("adds the phases: `verify` starts when `run` has ended", () => {
      const text = scenario("  run { partition(dc1, dc2) for 50s }\n  verify { wait 20s }", "timeout: 1m");
      const d = only(text);
      expect([d.code, textAt(text, d)]).to.deep.equal(["XDC4005", "wait 20s"]);
      expect(d.label).to.equal("at 70s at the earliest; the timeout is 1m");
    });

    it("warns when an await that takes its whole `within` would run past the timeout", () => {
      const text = inRun("    wait 30s\n    let _fo = await failover(app, to: dc2) within 2m", "timeout: 2m");
      const d = only(text);
      expect([d.code, d.severity, textAt(text, d)]).to.deep.equal(["XDC4009", "warning", "2m"]);
      expect(d.message).to.equal("the scenario's timeout may end this `await` before its `within 2m` does");
      expect(d.label).to.equal("if it waits the whole time, it ends at 150s; the timeout is 2m");
      expect(codes(inRun("    wait 30s\n    let _fo = await failover(app, to: dc2) within 1m", "timeout: 2m"))).to.deep.equal([]);
    });

    it("reports a certain overrun, not also the possible one", () => {
      expect(codes(inRun("    await failover(app, to: dc2) within 5m\n    wait 3m", "timeout: 2m"))).to.deep.equal(["XDC4005"]);
    });
  });

  describe("hosts of a known environment (XDC3013)", () => {
    it("knows the twin has three hosts in each datacenter", () => {
      const text = inRun("    pause(hosts(dc1)[3]) for 10s");
      const d = only(text);
      expect([d.code, d.message, textAt(text, d), d.help?.message]).to.deep.equal(["XDC3013", "index 3 is out of range: `dc1` in `sim` has 3 hosts, numbered from 0", "3", "use an index from 0 to 2"]);
      expect(codes(inRun("    pause(hosts(dc2)[2]) for 10s"))).to.deep.equal([]);
    });

    it("counts the hosts an environment declares, and none when it declares none", () => {
      const withHosts = `${ENV('\n    hosts: [host("a"), host("b")]')}scenario "t" {\n  timeout: 1m\n  environment: lab\n  run { pause(hosts(dc1)[2]) for 10s }\n}\n`;
      expect(checked(withHosts).diagnostics.map(line)).to.deep.equal(["17:26 XDC3013 index 2 is out of range: `dc1` in `lab` has 2 hosts, numbered from 0"]);
      const none = `${ENV("")}scenario "t" {\n  timeout: 1m\n  environment: lab\n  run { pause(hosts(dc2)[0]) for 10s }\n}\n`;
      const d = checked(none).diagnostics;
      expect(d.map((x) => x.message)).to.deep.equal(["index 0 is out of range: `dc2` in `lab` has no hosts"]);
      expect(d[0]!.notes[0]).to.contain("hosts: [host(");
    });

    it("with --env, checks against that deployment: its datacenters and its hosts", () => {
      const env = checked(ENV('\n    hosts: [host("a")]')).value.environments.get("lab")!;
      const text = 'scenario "t" {\n  timeout: 1m\n  run {\n    pause(hosts(dc1)[1]) for 10s\n    partition(dc1, dc3) for 1s\n  }\n}\n';
      const r = checkText(text, "t.xdc", memoryHost(), { environment: env });
      expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).to.deep.equal([
        "XDC3013 index 1 is out of range: `dc1` in `lab` has 1 host, numbered from 0",
        "XDC2002 unknown datacenter `dc3`",
      ]);
    });

    it("checks a position in a list written out, and not one computed at run time", () => {
      expect(codes(inRun("    let xs = [1s, 2s]\n    wait xs[2]"))).to.deep.equal(["XDC3013"]);
      expect(codes(inRun("    let n = 5\n    pause(hosts(dc1)[n - 5]) for 1s"))).to.deep.equal([]);
    });
  });
});
