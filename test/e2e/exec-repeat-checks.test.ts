import { expect } from "chai";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RepeatsSummary } from "../../src/report/repeats.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { BIN, EXAMPLES, readJsonLines } from "./live-helpers.js";

/**
 * Checks over repeats (`expect p95(fo.rto) <= 30s`) through the built CLI against the twin:
 * each repeat records its value, deferred; exec judges the statistic after the last repeat.
 */

/** A short failover on the twin, with one check over repeats that holds and one that cannot. */
const SCENARIO = `scenario "rto over repeats" {
  environment: sim
  timeout: 3m
  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])
  setup {
    submit(app, to: dc1, role: "primary")
    submit(app, to: dc2, role: "standby")
    await healthy(app, on: dc1) within 1m
    await healthy(app, on: dc2) within 1m
    wait 2s
  }
  run {
    partition(dc1, dc2) for 3s
    let fo = await failover(app, to: dc2) within 30s
  }
  verify {
    expect p95(fo.rto) <= 30s
    expect 1ms >= median(fo.rto)
  }
  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

function xdc(dir: string, args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: "utf8", timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const expects = (path: string) => (readJsonLines(path) as JournalEvent[]).filter((e): e is Extract<JournalEvent, { kind: "expect" }> => e.kind === "expect");

describe("xdc exec: checks over repeats (built CLI, twin)", function () {
  this.timeout(300_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-repeat-checks-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
    writeFileSync(join(dir, "rto.xdc"), SCENARIO);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("--repeat 2 records each repeat's value, deferred, and judges p95 and median over both after the last: one failing check fails the run", () => {
    const r = xdc(dir, ["exec", "rto.xdc", "--repeat", "2", "--jobs", "2", "--out", "out", "--ledger", "ledger.jsonl"]);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    for (const k of [1, 2]) {
      const journal = join(dir, "out", `repeat-${k}`, "journal.jsonl");
      const deferred = expects(journal);
      expect(deferred.map((e) => [e.deferred, e.ok, e.overRepeats?.stat, e.overRepeats?.op, e.overRepeats?.limit, e.overRepeats?.unit])).to.deep.equal([
        [true, false, "p95", "<=", 30_000, "ms"],
        [true, false, "median", "<=", 1, "ms"],
      ]);
      // Not a verdict on its own: the repeat passed, its report lists no failed expectation.
      const end = (readJsonLines(journal) as JournalEvent[]).find((e) => e.kind === "scenario.end");
      expect(end).to.include({ verdict: "pass" });
      const json = JSON.parse(readFileSync(join(dir, "out", `repeat-${k}`, "summary.json"), "utf8")) as { scenarios: { expectations: unknown[] }[] };
      expect(json.scenarios[0]!.expectations).to.deep.equal([]);
    }
    const rtos = [1, 2].map((k) => expects(join(dir, "out", `repeat-${k}`, "journal.jsonl"))[0]!.overRepeats!.value!);
    const summary = JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8")) as RepeatsSummary;
    expect(summary).to.include({ format_version: "1.1", exitCode: 1, verdict: "fail" });
    const s = summary.scenarios[0]!;
    expect(s).to.include({ passed: 2, pass_rate: 1, verdict: "fail" });
    expect(s.checks.map((c) => [c.stat, c.verdict, c.count, c.values])).to.deep.equal([
      ["p95", "pass", 2, rtos],
      ["median", "fail", 2, rtos],
    ]);
    expect(s.checks[0]!.value).to.equal(Math.max(...rtos));
    expect(s.checks[1]!.value).to.equal((rtos[0]! + rtos[1]!) / 2);
    expect(s.reason).to.match(/^expect 1ms >= median\(fo\.rto\) at .*rto\.xdc:18:5: expected median <= 1 ms, median .* over 2 values of 2 repeats$/);
    expect(r.stdout).to.include("recorded: expect p95(fo.rto) <= 30s");
    expect(r.stdout).to.match(/ok: .*rto\.xdc:17:5: expect p95\(fo\.rto\) <= 30s \(expected p95 <= 30 s, p95 .* over 2 values of 2 repeats\)/);
    expect(r.stdout).to.match(/FAILED: .*rto\.xdc:18:5: expect 1ms >= median\(fo\.rto\)/);
  });

  it("a run that is not repeated judges the one value", () => {
    const r = xdc(dir, ["exec", "rto.xdc", "--out", "once", "--ledger", "once.ledger.jsonl"]);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    const judged = expects(join(dir, "once", "journal.jsonl"));
    expect(judged.map((e) => [e.ok, e.deferred, e.overRepeats?.stat])).to.deep.equal([
      [true, undefined, "p95"],
      [false, undefined, "median"],
    ]);
  });
});
