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
});
