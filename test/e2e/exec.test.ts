import { expect } from "chai";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import { BIN, EXAMPLES, readJsonLines, truth } from "./live-helpers.js";

interface Exec {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `xdc exec --env` against a twin the test started, so the test can read its ground truth and knows its password. */
function exec(twin: RunningTwin, dir: string, scenario: string, o: { interruptOn?: RegExp } = {}): Promise<Exec> {
  const args = [BIN, "exec", scenario, "--env", twin.envFile, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, [twin.passwordVariable]: twin.password }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let interrupted = false;
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
    if (o.interruptOn && !interrupted && o.interruptOn.test(stdout)) {
      interrupted = true;
      child.kill("SIGINT");
    }
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A copy of the partition example, changed by `edit`, next to the demo application's bundle. */
function variant(dir: string, edit: (text: string) => string): string {
  cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
  const path = join(dir, "scenario.xdc");
  const text = readFileSync(join(EXAMPLES, "partition.xdc"), "utf8");
  const changed = edit(text);
  expect(changed).to.not.equal(text);
  writeFileSync(path, changed);
  return path;
}

/** Every rule and qdisc the twin's hosts got was removed again: no fault is left in force. */
async function nothingLeftApplied(twin: RunningTwin): Promise<void> {
  const events = await truth(twin, "rule.added,rule.removed,qdisc.added,qdisc.removed");
  const inForce = new Map<string, number>();
  for (const e of events) {
    const what = `${String(e["host"])} ${String(e["rule"] ?? e["dev"])}`;
    inForce.set(what, (inForce.get(what) ?? 0) + (e.type.endsWith("added") ? 1 : -1));
  }
  expect(events.filter((e) => e.type.endsWith("added")), "the scenario applied no host rule").to.not.be.empty;
  expect([...inForce].filter(([, n]) => n !== 0)).to.deep.equal([]);
}

function noSecretIn(twin: RunningTwin, dir: string, run: Exec): void {
  const file = (name: string) => readFileSync(join(dir, name), "utf8");
  const texts = { stdout: run.stdout, stderr: run.stderr, journal: file("out/journal.jsonl"), ledger: file("ledger.jsonl"), junit: file("out/junit.xml"), summary: file("out/summary.json"), html: file("out/report.html") };
  for (const [where, text] of Object.entries(texts)) expect(text.includes(twin.password), `the password appears in ${where}`).to.equal(false);
}

describe("xdc exec on failure and on Ctrl-C (built CLI, --env, twin ground truth)", function () {
  this.timeout(120_000);
  const twins: RunningTwin[] = [];
  const dirs: string[] = [];
  before(async () => {
    twins.push(...(await Promise.all([0, 1].map((i) => startTwinProcess({ xdc: BIN, heartbeatIntervalMs: 200, missesAllowed: 3, seed: 20 + i, restartDelayMs: 500 })))));
    dirs.push(mkdtempSync(join(tmpdir(), "xdc-exec-fail-")), mkdtempSync(join(tmpdir(), "xdc-exec-int-")));
  });
  after(async () => {
    await Promise.all(twins.map((t) => t.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it("an expectation that cannot hold fails: exit 1, its line and both values, faults undone; a Ctrl-C during `run` undoes the faults, runs teardown and exits 130", async () => {
    const [failTwin, intTwin] = twins as [RunningTwin, RunningTwin];
    const [failDir, intDir] = dirs as [string, string];
    const failing = variant(failDir, (t) => t.replace("expect fo.rto <= 45s", "expect fo.rto <= 1ms"));
    const long = variant(intDir, (t) => t.replace("at 3s: partition(dc1, dc2) for 6s", "at 3s: partition(dc1, dc2) for 60s"));
    const [failed, interrupted] = await Promise.all([exec(failTwin, failDir, failing), exec(intTwin, intDir, long, { interruptOn: /fault f\d+: partition/ })]);

    // the failure
    expect(failed.code, failed.stdout + failed.stderr).to.equal(1);
    const line = readFileSync(failing, "utf8").split("\n").findIndex((l) => l.includes("fo.rto <= 1ms")) + 1;
    expect(failed.stdout).to.match(/^ {2}FAIL {4}DC1 partition/m);
    expect(failed.stdout).to.include(`failed: ${failing}:${line}: expect fo.rto <= 1ms`);
    expect(failed.stdout).to.match(/expected <= 1ms, actual \d+(\.\d+)? ?(ms|s)/);
    const failJournal = readJsonLines<{ kind: string; status?: string; verdict?: string }>(join(failDir, "out", "journal.jsonl"));
    expect(failJournal.find((e) => e.kind === "scenario.end")!.verdict).to.equal("fail");
    expect(failJournal.filter((e) => e.kind === "fault.reverted").map((e) => e.status)).to.deep.equal(["undone"]);
    await nothingLeftApplied(failTwin);
    noSecretIn(failTwin, failDir, failed);

    // the interruption
    expect(interrupted.code, interrupted.stdout + interrupted.stderr).to.equal(130);
    const intJournal = readJsonLines<{ kind: string; status?: string; phase?: string; interrupted?: boolean; errorClass?: string }>(join(intDir, "out", "journal.jsonl"));
    expect(intJournal.filter((e) => e.kind === "fault.reverted").map((e) => e.status)).to.deep.equal(["undone"]);
    expect(intJournal.some((e) => e.kind === "phase.start" && e.phase === "teardown")).to.equal(true);
    expect(intJournal.find((e) => e.kind === "scenario.end")!.errorClass).to.equal("interrupted");
    const end = intJournal.at(-1)!;
    expect(end.kind).to.equal("run.end");
    expect(end.interrupted).to.equal(true);
    await nothingLeftApplied(intTwin);
    // teardown cancelled both jobs
    expect((await truth(intTwin, "job.cancelled")).map((e) => e.dc).sort()).to.deep.equal(["dc1", "dc2"]);
    noSecretIn(intTwin, intDir, interrupted);
  });
});
