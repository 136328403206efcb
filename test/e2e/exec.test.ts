import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xdc } from "../cli/spawn.js";
import { EXAMPLES } from "./live-helpers.js";

describe("xdc exec examples/partition.xdc on the twin (built CLI)", function () {
  this.timeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("passes, prints the RTO and data figures, writes the journal, and leaves no fault applied", async () => {
    const run = await xdc(["exec", join(EXAMPLES, "partition.xdc"), "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/PASS +DC1 partition/);
    expect(run.stdout).to.match(/RTO \d+\.\d{3}s/);
    const journal = readFileSync(join(dir, "out", "journal.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { kind: string; status?: string });
    expect(journal[0]!.kind).to.equal("run.start");
    expect(journal.at(-1)!.kind).to.equal("run.end");
    expect(journal.filter((e) => e.kind === "fault.reverted").map((e) => e.status)).to.deep.equal(["undone"]);
    const ledger = readFileSync(join(dir, "ledger.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { type: string });
    expect(ledger.map((r) => r.type)).to.deep.equal(["apply", "undone"]);
    expect(run.stdout).to.include(`reports: ${join(dir, "out", "junit.xml")}, ${join(dir, "out", "summary.json")}, ${join(dir, "out", "report.html")}`);
    expect(readFileSync(join(dir, "out", "junit.xml"), "utf8")).to.match(/<testsuite name="[^"]*partition.xdc"[^>]* failures="0" errors="0" skipped="0">/);
    expect(JSON.parse(readFileSync(join(dir, "out", "summary.json"), "utf8"))).to.include({ format_version: "1.0", verdict: "pass" });
    expect(readFileSync(join(dir, "out", "report.html"), "utf8")).to.include('id="chart-0"');
  });
});
