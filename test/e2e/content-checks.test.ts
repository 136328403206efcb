import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { xdc, type Run } from "../cli/spawn.js";
import { readJsonLines } from "./live-helpers.js";

const FIXTURE = fileURLToPath(new URL("fixtures/content-reset.xdc", import.meta.url));

/**
 * examples/data-validation.xdc with its survivor broken on purpose (it starts its running
 * figures per account from nothing): the content checks fail, and the terminal summary, the
 * journal and the HTML report each name the accounts whose figures fell back.
 */
describe("checks on what the application produced, against a broken application on the twin (xdc exec)", function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-content-"));
  let run: Run;
  before(async () => {
    run = await xdc(["exec", FIXTURE, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")], { cwd: dir });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("fails on the reset and nothing else in what was produced, listing the offending keys", () => {
    expect(run.code, run.stdout + run.stderr).to.equal(1);
    const expects = readJsonLines<{ kind: string; source?: string; ok?: boolean; noData?: boolean; actual?: string; findings?: string[] }>(join(dir, "out", "journal.jsonl")).filter((e) => e.kind === "expect");
    const bySource = (s: string) => expects.find((e) => e.source!.includes(s))!;
    // The output has the right attributes and totals: only the running figures are wrong.
    expect(bySource("conforms(").ok).to.equal(true);
    expect(bySource("all(").ok).to.equal(true);
    expect(bySource("all(").actual).to.match(/^true \(all \d+ tuples\)$/);
    const orders = bySource(`value: "orders"`);
    expect(orders.ok).to.equal(false);
    expect(orders.noData).to.equal(false);
    expect(orders.actual).to.match(/^false \(\d+ of \d+ tuples failed in \d+ keys\)$/);
    expect(orders.findings![0]).to.match(/^keys: k\d+ \(\d+\)/);
    expect(orders.findings!.slice(1).every((f) => /^k\d+ seq \d+: reset: orders went from \d+ \(seq \d+\) down to \d+/.test(f)), orders.findings!.join("\n")).to.equal(true);
    // The terminal summary lists them under the failed expectation; the report too.
    expect(run.stdout).to.match(/failed: .*content-reset\.xdc:\d+: expect continues\(load, app\.Results, value: "orders", slack: 3s\)\n.*\n\s+keys: k\d+ \(\d+\)/);
    const html = readFileSync(join(dir, "out", "report.html"), "utf8");
    expect(html).to.contain(orders.findings![1]!.slice(0, 30));
  });
});
