import { expect } from "chai";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { xdc } from "../cli/spawn.js";
import { EXAMPLES, readJsonLines } from "./live-helpers.js";

type Of<K extends JournalEvent["kind"]> = Extract<JournalEvent, { kind: K }>;
const only = <K extends JournalEvent["kind"]>(events: readonly JournalEvent[], kind: K) => events.filter((e): e is Of<K> => e.kind === kind);

const LOOP = `scenario "pause each standby host in turn" {
  environment: sim
  timeout: 3m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1)
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 2m
  }
  run {
    for h in hosts(dc2) {
      pause(h) for 1s
      wait 500ms
    }
  }
  verify {
    for dc in [dc1] {
      expect healthy(app, on: dc)
    }
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

const SWEEP = `scenario "sweep" (rate: Rate = 50/s, hold: Duration = 1s) {
  environment: sim
  timeout: 2m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1)
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 2m
  }
  run {
    let load = inject(app.Ingest, rate: rate, for: hold, key: "seq")
    log("sending {rate} for {hold}")
  }
  verify {
    expect load.sent >= 1 else "sent nothing at {rate}"
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

const FAST = "toolkit: {heartbeat: 200ms, misses_allowed: 3, init_delay: 0s}";
const ROLES = `scenario "roles" {
  environment: sim
  timeout: 2m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, ${FAST})
    submit(app, to: dc2, role: "standby", ${FAST})
    await healthy(app, on: dc1) within 1m
    expect role(app, on: dc1) == "active"
    expect role(app, on: dc2) == "standby"
  }
  run {
    at 1s: partition(dc1, dc2) for 4s
    await failover(app, to: dc2) within 30s
  }
  verify {
    expect role(app, on: dc2) == "active"
    expect failovers(app, to: dc2, during: "run") == 1
    expect failovers(app, during: "setup") == 0
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

const QUIET = `scenario "quiet" {
  environment: sim
  timeout: 2m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, ${FAST})
    submit(app, to: dc2, role: "standby", ${FAST})
    await healthy(app, on: dc1) within 1m
  }
  run {
    wait 3s
  }
  verify {
    expect failovers(app) == 0
    expect role(app, on: dc2) == "standby"
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

describe("xdc exec: the constructs of the second edition against the twin (built CLI)", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-constructs-"));
  before(() => cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("runs a `for` loop once per host, each round journaled with its item, each fault on its own host", async () => {
    writeFileSync(join(dir, "loop.xdc"), LOOP);
    const run = await xdc(["exec", "loop.xdc", "--out", join(dir, "loop-out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const journal = readJsonLines<JournalEvent>(join(dir, "loop-out", "journal.jsonl"));
    const rounds = only(journal, "action").filter((a) => a.builtin === "for").map((a) => a.what);
    expect(rounds).to.deep.equal([
      "for h in hosts(dc2): 1 of 3, h = dc2-h1",
      "for h in hosts(dc2): 2 of 3, h = dc2-h2",
      "for h in hosts(dc2): 3 of 3, h = dc2-h3",
      "for dc in [dc1]: 1 of 1, dc = dc1",
    ]);
    const applied = only(journal, "fault.applied");
    expect(applied.map((f) => f.hosts)).to.deep.equal([["dc2-h1"], ["dc2-h2"], ["dc2-h3"]]);
    expect(only(journal, "fault.reverted").map((f) => f.status)).to.deep.equal(["undone", "undone", "undone"]);
    // Each round starts after the one before has waited: the faults do not overlap.
    const at = applied.map((f) => f.t);
    expect(at[1]! - at[0]!).to.be.at.least(500);
    expect(at[2]! - at[1]!).to.be.at.least(500);
  });

  it("runs a sweep: one scenario per `--set` value, each named and journaled with its parameters", async () => {
    writeFileSync(join(dir, "sweep.xdc"), SWEEP);
    const run = await xdc(["exec", "sweep.xdc", "--set", "rate=20/s,80/s", "--out", join(dir, "sweep-out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/PASS +sweep \[rate=20\/s\]/);
    expect(run.stdout).to.match(/PASS +sweep \[rate=80\/s\]/);
    const journal = readJsonLines<JournalEvent>(join(dir, "sweep-out", "journal.jsonl"));
    expect(only(journal, "scenario.start").map((e) => [e.scenario, e.params])).to.deep.equal([
      ["sweep [rate=20/s]", { rate: "20/s", hold: "1s" }],
      ["sweep [rate=80/s]", { rate: "80/s", hold: "1s" }],
    ]);
    expect(only(journal, "log").map((e) => e.message)).to.include.members(["sending 20/s for 1s", "sending 80/s for 1s"]);
    // Each run sent at its own rate: about rate × 1s tuples.
    const sent = only(journal, "data").filter((d) => d.key === "seq").map((d) => d.sent);
    expect(sent.length).to.be.at.least(2);
    expect(sent[1]!).to.be.greaterThan(sent[0]!);
  });

  it("reads roles and counts failovers from the observer: one after a partition, none without a fault", async () => {
    writeFileSync(join(dir, "roles.xdc"), ROLES);
    writeFileSync(join(dir, "quiet.xdc"), QUIET);
    const run = await xdc(["exec", "roles.xdc", "quiet.xdc", "--out", join(dir, "roles-out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const journal = readJsonLines<JournalEvent>(join(dir, "roles-out", "journal.jsonl"));
    expect(only(journal, "expect").map((e) => [e.source, e.ok, e.actual])).to.deep.equal([
      ['expect role(app, on: dc1) == "active"', true, '"active"'],
      ['expect role(app, on: dc2) == "standby"', true, '"standby"'],
      ['expect role(app, on: dc2) == "active"', true, '"active"'],
      ['expect failovers(app, to: dc2, during: "run") == 1', true, "1"],
      ['expect failovers(app, during: "setup") == 0', true, "0"],
      ["expect failovers(app) == 0", true, "0"],
      ['expect role(app, on: dc2) == "standby"', true, '"standby"'],
    ]);
  });

  it("makes a count of failovers no data when nothing watched the application (no look at it after its submission)", async () => {
    writeFileSync(join(dir, "blind.xdc"), QUIET.replace("    await healthy(app, on: dc1) within 1m\n", ""));
    const run = await xdc(["exec", "blind.xdc", "--out", join(dir, "blind-out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.not.equal(0);
    const journal = readJsonLines<JournalEvent>(join(dir, "blind-out", "journal.jsonl"));
    expect(only(journal, "expect").map((e) => [e.ok, e.noData])).to.deep.equal([
      [false, true],
      [true, false],
    ]);
    expect(only(journal, "scenario.end").map((e) => e.verdict)).to.deep.equal(["no-data"]);
  });
});
