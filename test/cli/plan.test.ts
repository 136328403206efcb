import { expect } from "chai";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runPlan } from "../../src/cli/plan-run.js";
import type { Io } from "../../src/cli/io.js";
import { unprivileged, xdc, letOthersReach } from "./spawn.js";

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

/** What the scenarios' `bundle:` names: `check` only asks that it is there; `plan` does not read it. */
const BUNDLE = "a bundle's place\n";

describe("xdc plan --env", () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-plan-"));
    writeFileSync(path("s.xdc"), SCENARIO);
    writeFileSync(path("demo.sab"), BUNDLE);
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

describe("xdc plan: the paths it is given", () => {
  let dir: string;
  const path = (...parts: string[]) => join(dir, ...parts);
  const scenario = (name: string) => SCENARIO.replace('"kill and cut"', JSON.stringify(name));
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-plan-paths-"));
    // the unreadable-file case runs the CLI as another user, who must be able to enter here
    chmodSync(dir, 0o755);
    mkdirSync(path("suite", "deeper"), { recursive: true });
    for (const where of [[], ["suite"], ["suite", "deeper"]]) writeFileSync(path(...where, "demo.sab"), BUNDLE);
    writeFileSync(path("suite", "b.xdc"), scenario("second"));
    writeFileSync(path("suite", "a.xdc"), scenario("first"));
    writeFileSync(path("suite", "deeper", "c.xdc"), scenario("third"));
    writeFileSync(path("suite", "lab.env"), LAB);
    writeFileSync(path("empty.xdc"), "");
    writeFileSync(path("comments.xdc"), "// a scenario comes later\n");
    writeFileSync(path("unreadable.xdc"), SCENARIO);
    chmodSync(path("unreadable.xdc"), 0o000);
    writeFileSync(path("ctl.xdc"), SCENARIO.replace('"kill and cut"', '"up \\u{1b}[1A\\u{1b}[2K \\u{9b}2J"').replace("run {\n", 'run {\n    log("red \\u{1b}[31m\\u{7}")\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("plans every scenario of a directory, files in name order, as check reads them", async () => {
    const io = capture();
    expect(await runPlan({ paths: [path("suite")], format: "json" }, io)).to.equal(0);
    const json = JSON.parse(io.stdout()) as { scenarios: { name: string }[] };
    expect(json.scenarios.map((s) => s.name)).to.deep.equal(["first", "second", "third"]);
    expect(io.stderr()).to.equal("");
  });

  it("plans several paths in the order given, a file reached twice once", async () => {
    const io = capture();
    expect(await runPlan({ paths: [path("suite", "b.xdc"), path("suite")], format: "text" }, io)).to.equal(0);
    expect([...io.stdout().matchAll(/^scenario "(\w+)"/gm)].map((m) => m[1])).to.deep.equal(["second", "first", "third"]);
  });

  for (const file of ["empty.xdc", "comments.xdc"]) {
    it(`exits 4 on ${file}, with one line: a plan of nothing is not a plan`, async () => {
      const io = capture();
      expect(await runPlan({ paths: [path(file)], format: "text" }, io)).to.equal(4);
      expect(io.stderr()).to.equal(`xdc plan: no scenario to plan: ${path(file)} has none\n`);
      expect(io.stdout()).to.equal("");
    });
  }

  it("refuses a path that does not exist and a directory without .xdc files, naming each (exit 2)", async () => {
    const io = capture();
    mkdirSync(path("nothing-here"), { recursive: true });
    expect(await runPlan({ paths: [path("nowhere.xdc"), path("nothing-here")], format: "text" }, io)).to.equal(2);
    expect(io.stderr()).to.equal(`xdc plan: ${path("nowhere.xdc")}: no such file or directory\nxdc plan: ${path("nothing-here")}: no .xdc files in this directory\n`);
    expect(io.stdout()).to.equal("");
  });

  it("refuses a file it cannot read with one line and exit 2 (run as a user who may not read it)", async function () {
    const user = unprivileged();
    const restore = user !== undefined ? letOthersReach() : () => {};
    try {
      if (user !== undefined && (await xdc(["--version"], { cwd: dir, user, env: { HOME: dir } })).code !== 0) {
        // The CLI must be readable by nobody (65534) for this to mean anything: letOthersReach opens the way
        // into a private checkout, so this skips only where the checkout's own files are unreadable.
        console.warn("    skipped: user 65534 cannot run this checkout's xdc");
        this.skip();
      }
      const run = await xdc(["plan", "unreadable.xdc"], { cwd: dir, ...(user ? { user, env: { HOME: dir } } : {}) });
      expect(run.code).to.equal(2);
      expect(run.stderr).to.equal("xdc plan: unreadable.xdc: cannot read it (EACCES)\n");
      expect(run.stdout).to.equal("");
    } finally {
      restore();
    }
  });

  it("prints the control characters of scenario text as the scenario would spell them, never raw", async () => {
    const io = capture();
    expect(await runPlan({ paths: [path("ctl.xdc")], format: "text" }, io)).to.equal(0);
    expect(io.stdout()).to.include('scenario "up \\u{1b}[1A\\u{1b}[2K \\u{9b}2J" (environment sim)');
    expect(io.stdout()).to.include('log "red \\u{1b}[31m\\u{7}"');
    expect(io.stdout()).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });
});
