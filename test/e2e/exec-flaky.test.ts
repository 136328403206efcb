import { expect } from "chai";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { BIN, EXAMPLES, readJsonLines, truth } from "./live-helpers.js";

const POLL_MS = 100;

interface JournalLine {
  readonly kind: string;
  readonly verdict?: string;
  readonly rtoMs?: number;
  readonly role?: string;
  readonly dc?: string;
  readonly signals?: readonly string[];
}

function exec(twin: RunningTwin, dir: string): Promise<{ code: number | null; output: string }> {
  const args = [BIN, "exec", join(EXAMPLES, "partition.xdc"), "--env", twin.envFile, "--poll", `${POLL_MS}ms`, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, [twin.passwordVariable]: twin.password }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/**
 * Issue 15: against a twin whose REST API answers 30 % of requests with a 503, a reset or a
 * 300 ms delay, the partition example must pass, submit each job once, and measure the RTO as
 * closely as without flakiness (one poll + 50 ms of the ground truth). Seed 11 is the one the
 * issue reported failing.
 */
describe("xdc exec against a flaky REST API (--flaky 0.3, twin ground truth)", function () {
  this.timeout(120_000);
  let twin: RunningTwin;
  let dir: string;
  before(async () => {
    twin = await startTwinProcess({ xdc: BIN, heartbeatIntervalMs: 200, missesAllowed: 3, seed: 11, restartDelayMs: 500, flaky: 0.3 });
    dir = mkdtempSync(join(tmpdir(), "xdc-exec-flaky-"));
  });
  after(async () => {
    await twin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("passes, submits each job once, never infers a role from an API error, and measures the RTO within one poll + 50 ms", async () => {
    const run = await exec(twin, dir);
    expect(run.code, run.output).to.equal(0);
    const journal = readJsonLines<JournalLine>(join(dir, "out", "journal.jsonl"));
    expect(journal.find((e) => e.kind === "scenario.end")!.verdict).to.equal("pass");

    // A role comes from what a datacenter showed, never from a request that failed.
    const roles = journal.filter((e) => e.kind === "role");
    expect(roles.filter((e) => e.signals!.some((s) => s.startsWith("rest-"))), JSON.stringify(roles)).to.deep.equal([]);
    const beforeFailover = journal.slice(0, journal.findIndex((e) => e.kind === "failover"));
    expect(beforeFailover.filter((e) => e.kind === "role" && e.dc === "dc2").map((e) => e.role)).to.deep.equal(["standby", "active"]);

    const submitted = await truth(twin, "job.submitted");
    const perJob = new Map<string, number>();
    for (const e of submitted) perJob.set(`${e.dc} ${String(e["jobName"])}`, (perJob.get(`${e.dc} ${String(e["jobName"])}`) ?? 0) + 1);
    expect([...perJob.values()], JSON.stringify([...perJob])).to.deep.equal([1, 1]);

    const events = await truth(twin, "rule.added,takeover,tuple.firstAfterTakeover");
    const fault = Math.min(...events.filter((e) => e.type === "rule.added").map((e) => e.time));
    const takeover = events.find((e) => e.type === "takeover" && e.dc === "dc2");
    const first = events.find((e) => e.type === "tuple.firstAfterTakeover" && e.dc === "dc2");
    expect(takeover && first, "the twin recorded dc2's takeover and its first tuple").to.not.equal(undefined);
    const truthRto = takeover!.time + Number(first!["afterTakeoverMs"]) - fault;
    const measured = journal.find((e) => e.kind === "failover")!.rtoMs!;
    expect(Math.abs(measured - truthRto), `RTO measured ${measured} ms, truth ${truthRto} ms`).to.be.at.most(POLL_MS + 50);
  });
});
