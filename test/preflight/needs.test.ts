import { expect } from "chai";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { twinLayout } from "../../src/cli/plan-twin.js";
import { checkText, fileSystemHost } from "../../src/language/index.js";
import { targetFor } from "../../src/plan/target.js";
import { emptyNeeds, scenarioNeeds, type Needs } from "../../src/preflight/needs.js";
import { programsOf } from "../../src/preflight/shell-words.js";
import { versionAtLeast } from "../../src/preflight/tools.js";

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

/** The needs of every scenario of a file, in the twin `xdc exec` would start. */
async function needsOf(file: string, text = readFileSync(file, "utf8")): Promise<Needs> {
  const host = fileSystemHost();
  const checked = checkText(text, file, host);
  expect(checked.diagnostics.filter((d) => d.severity === "error")).to.deep.equal([]);
  const needs = emptyNeeds();
  for (const s of checked.value.scenarios) await scenarioNeeds(checked.value, s, (f) => (f === file ? text : host.read(f)), targetFor(s, { twin: twinLayout }), needs);
  return needs;
}

const programs = (n: Needs, host: string) => Object.fromEntries(n.hosts.get(host)?.programs ?? []);

describe("preflight: what a scenario needs, from the plan's fault builders", () => {
  it("a partition needs iptables through sudo, with the comment match, on the cut side's hosts only", async () => {
    const n = await needsOf(example("partition.xdc"));
    expect([...n.hosts.keys()].sort()).to.deep.equal(["dc1-h1", "dc1-h2", "dc1-h3"]);
    expect(programs(n, "dc1-h2")).to.deep.equal({ iptables: true });
    expect([...n.hosts.get("dc1-h1")!.modules]).to.deep.equal(["xt_comment"]);
    expect(n.hosts.get("dc1-h1")!.rules).to.equal(true);
    expect(n.hosts.get("dc1-h1")!.shaped).to.equal(false);
  });

  it("latency needs tc and netem on both ends of the link; packet loss the statistic match", async () => {
    const n = await needsOf(example("degradation.xdc"));
    expect(programs(n, "dc2-h1")).to.deep.equal({ tc: true });
    expect([...n.hosts.get("dc2-h3")!.modules]).to.deep.equal(["sch_netem"]);
    expect(n.hosts.get("dc2-h1")!.shaped).to.equal(true);
    expect(n.hosts.get("dc1-h1")!.modules).to.include("xt_statistic");
  });

  it("a kill of a PE needs kill and ps on every host of its datacenter, since the PE may run on any", async () => {
    const n = await needsOf(example("process-kill.xdc"));
    for (const h of ["dc1-h1", "dc1-h2", "dc1-h3"]) expect(programs(n, h)).to.include({ kill: true, ps: true });
    expect(n.hosts.has("dc2-h1")).to.equal(false);
  });

  it("stress needs stress-ng without sudo, and pgrep and pkill to find and end it", async () => {
    const text = `scenario "stress" {
  environment: sim
  timeout: 1m
  run {
    stress_cpu(host("dc2-h2"), workers: 2, load: 80%) for 5s
  }
}
`;
    const n = await needsOf(example("stress.xdc"), text);
    expect(programs(n, "dc2-h2")).to.deep.equal({ "stress-ng": false, pgrep: false, pkill: false });
    expect([...n.hosts.keys()]).to.deep.equal(["dc2-h2"]);
  });

  it("an API fault needs no host; every scenario names its bundle and the endpoints it feeds and reads", async () => {
    const n = await needsOf(example("api-cancel.xdc"));
    expect(n.hosts.size).to.equal(0);
    expect([...n.bundles.values()]).to.deep.equal(["apps/FailoverDemo.sab"]);
    expect([...n.endpoints.values()]).to.deep.include({ app: "FailoverDemo", operator: "Ingest", direction: "source" });
    expect([...n.endpoints.values()]).to.deep.include({ app: "FailoverDemo", operator: "Results", direction: "sink" });
    expect(n.problems).to.deep.equal([]);
  });

  it("a fault the environment cannot carry is a problem, as it would be for exec", async () => {
    const text = `environment bare {
  dc a {
    streams: "http://127.0.9.1:1/streams/rest"
    instance: "a"
  }
  dc b {
    streams: "http://127.0.9.2:1/streams/rest"
    instance: "b"
  }
}

scenario "no hosts" {
  environment: bare
  timeout: 1m
  run {
    partition(a, b) for 5s
  }
}
`;
    const n = await needsOf(example("bare.xdc"), text);
    expect(n.problems).to.have.length(1);
    expect(n.problems[0]).to.match(/^partition: .*no hosts for a/);
  });
});

describe("preflight: reading command lines", () => {
  it("finds each program a line runs, through sudo -n and nohup, never inside quotes or redirections", () => {
    expect(programsOf("sudo -n iptables -w -I INPUT 1 -j ACCEPT && sudo -n iptables -w -S")).to.deep.equal([
      { program: "iptables", sudo: true },
      { program: "iptables", sudo: true },
    ]);
    expect(programsOf("nohup stress-ng --cpu 2 --timeout 3600s -q >/dev/null 2>&1 & echo $!")).to.deep.equal([
      { program: "stress-ng", sudo: false },
      { program: "echo", sudo: false },
    ]);
    expect(programsOf("pgrep -f -x 'stress-ng --cpu 2 ; kill' ; pkill -TERM x")).to.deep.equal([
      { program: "pgrep", sudo: false },
      { program: "pkill", sudo: false },
    ]);
  });

  it("compares versions by number, not as text", () => {
    expect(versionAtLeast("1.8.9", "1.4.20")).to.equal(true);
    expect(versionAtLeast("1.4.19", "1.4.20")).to.equal(false);
    expect(versionAtLeast("0.15.06", "0.09.0")).to.equal(true);
  });
});
