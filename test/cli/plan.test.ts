import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPlan } from "../../src/cli/plan-run.js";
import type { Io } from "../../src/cli/io.js";

function capture(): Io & { stdout: () => string; stderr: () => string } {
  let out = "";
  let err = "";
  return { out: (t) => void (out += t), err: (t) => void (err += t), readStdin: async () => "", stdout: () => out, stderr: () => err };
}

const SCENARIO = `scenario "kill and cut" {
  environment: sim
  timeout: 5m
  let app = application("Demo", bundle: "demo.sab", sources: ["Ingest"], sinks: ["Out"])
  run {
    at 10s: partition(dc1, dc2) for 5s
    at 20s: kill(pe(app, "Ingest", on: dc2))
  }
}
`;

const LAB = `environment lab {
  dc dc1 {
    streams: "https://10.1.0.1:8443/streams/rest"
    instance: "I1"
    password: secret("DC1_PW")
    hosts: [host("east-1", address: "10.1.0.1"), host("east-2", address: "10.1.0.2", ssh: "root@10.1.0.2")]
  }
  dc dc2 {
    streams: "https://mgmt2.example:8443/streams/rest"
    instance: "I2"
    password: secret("DC2_PW")
    hosts: [host("west-1", address: "10.2.0.1", ssh: "ops@10.2.0.1:2200")]
  }
}
`;

describe("xdc plan --env", () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-plan-"));
    writeFileSync(path("s.xdc"), SCENARIO);
    writeFileSync(path("lab.xdc"), LAB);
    writeFileSync(path("two.xdc"), `${LAB}\n${LAB.replace("environment lab", "environment lab2")}`);
    writeFileSync(path("broken.xdc"), LAB.replace('instance: "I2"\n', ""));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("plans against the environment file's hosts, as exec --env would run (SSH user streams unless named)", async () => {
    const io = capture();
    expect(await runPlan({ paths: [path("s.xdc")], format: "text", env: path("lab.xdc") }, io)).to.equal(0);
    const text = io.stdout();
    expect(text).to.include('scenario "kill and cut" (environment lab)');
    expect(text).to.match(/\+10s \(run \+10s\) +L6 +apply f1: partition dc1 <-> dc2 on east-1, east-2, for 5s\n/);
    expect(text).to.include("east-1: sudo -n iptables -w -I INPUT 1 -s <address of xdc as east-1 sees it> -p tcp --dport 22 ");
    // east-1 serves dc1's REST API: xdc keeps that channel open through the cut.
    expect(text).to.include("--dport 8443");
    expect(text).to.include("east-2: iptables -w -I INPUT 1 ");
    expect(text).to.include("-s 10.2.0.1 -m comment --comment xdc.<run>.f1 -j DROP");
    expect(text).to.include("<host of the PE running Ingest in dc2>: sudo -n kill -s KILL <pid of the PE running Ingest>");
    expect(text).to.match(/revert f2 \(kill\): nothing to undo\n/);
    expect(io.stderr()).to.equal("");
  });

  it("plans environment: sim on the twin's layout without --env", async () => {
    const io = capture();
    expect(await runPlan({ paths: [path("s.xdc")], format: "json" }, io)).to.equal(0);
    const json = JSON.parse(io.stdout()) as { format_version: string; scenarios: { environment: string; runStartMs: number; steps: { kind: string; hosts?: string[] }[] }[] };
    expect(json.format_version).to.equal("1.1");
    const [s] = json.scenarios;
    expect(s!.environment).to.equal("sim");
    expect(s!.runStartMs).to.equal(0);
    expect(s!.steps.find((e) => e.kind === "fault.applied")!.hosts).to.deep.equal(["dc1-h1", "dc1-h2", "dc1-h3"]);
  });

  const refusals: readonly [string, string, RegExp][] = [
    ["a file with errors", "broken.xdc", /error\[XDC\d{4}\]/],
    ["a file with two environments", "two.xdc", /must declare exactly one environment, not 2/],
    ["a file that is not there", "nowhere.xdc", /--env: .*nowhere\.xdc: no such file or directory/],
    ["a directory", ".", /--env: .*: a directory, not a file/],
  ];
  for (const [what, file, message] of refusals) {
    it(`refuses ${what} with exit code 2, planning nothing`, async () => {
      const io = capture();
      expect(await runPlan({ paths: [path("s.xdc")], format: "text", env: path(file) }, io)).to.equal(2);
      expect(io.stderr()).to.match(message);
      expect(io.stdout()).to.equal("");
    });
  }
});
