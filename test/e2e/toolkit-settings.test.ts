import { expect } from "chai";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess, type RunningTwin } from "../../src/cli/exec-twin.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { BIN, EXAMPLES, readJsonLines, truth } from "./live-helpers.js";

/** The same partition under one heartbeat interval; the twin's own default (1s) is what a job without settings would get. */
const scenario = (heartbeat: string) => `scenario "heartbeat ${heartbeat}" {
  environment: sim
  timeout: 1m

  let app = application("FailoverDemo", bundle: "apps/FailoverDemo.sab", sources: ["Ingest"], sinks: ["Results"])

  setup {
    submit(app, to: dc1, role: "primary", toolkit: {heartbeat: ${heartbeat}, misses_allowed: 3, init_delay: 0s})
    submit(app, to: dc2, role: "standby", toolkit: {heartbeat: ${heartbeat}, misses_allowed: 3, init_delay: 0s, mode: "active"})
    await healthy(app, on: dc1) within 30s
    await healthy(app, on: dc2) within 30s
  }

  run {
    at 1500ms: partition(dc1, dc2) for 4s
    await failover(app, to: dc2) within 10s
  }

  teardown {
    cancel(app, on: [dc1, dc2])
  }
}
`;

type ToolkitEvent = Extract<JournalEvent, { kind: "toolkit" }>;

/**
 * `submit(…, toolkit: {…})` end to end: `xdc exec --env` against `xdc sim` (both the CLI, as
 * child processes), two scenarios that differ only in the heartbeat interval. The twin's ground
 * truth must show each survivor declaring its peer down on the schedule of the interval the
 * scenario set, and the journal must report the settings each job really runs with.
 */
describe("e2e: the toolkit's settings set at submission (xdc exec against xdc sim)", function () {
  this.timeout(90_000);
  let twin: RunningTwin;
  let dir = "";
  let code: number | null = null;
  let output = "";
  let journal: JournalEvent[] = [];

  before(async () => {
    twin = await startTwinProcess({ xdc: BIN, hosts: 2, heartbeatIntervalMs: 1_000, missesAllowed: 3, seed: 23, restartDelayMs: 300 });
    dir = mkdtempSync(join(tmpdir(), "xdc-toolkit-"));
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
    const file = join(dir, "heartbeats.xdc");
    writeFileSync(file, scenario("200ms") + "\n" + scenario("400ms"));
    const child = spawn(process.execPath, [BIN, "exec", file, "--env", twin.envFile, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")], {
      cwd: dir,
      env: { ...process.env, [twin.passwordVariable]: twin.password },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    });
    journal = readJsonLines<JournalEvent>(join(dir, "out", "journal.jsonl"));
  });
  after(async () => {
    await twin?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("both scenarios pass", () => {
    expect(code, output).to.equal(0);
  });

  it("the ground truth shows each survivor declaring its peer down A·H to (A+1)·H after the last heartbeat, H being the scenario's", async () => {
    const submitted = await truth(twin, "job.submitted");
    const down = await truth(twin, "dc.declaredDown");
    // Each scenario submits dc1 then dc2: the dc2 jobs, in order, are the survivors of the 200ms and the 400ms runs.
    const survivors = submitted.filter((e) => e.dc === "dc2").map((e) => e.jobId as string);
    expect(survivors).to.have.length(2);
    const detection = survivors.map((job) => {
      const d = down.find((e) => e.jobId === job && e.observer === "dc2");
      expect(d, `dc2 job ${job} declared dc1 down`).to.not.equal(undefined);
      return d!.time - (d!.lastHeartbeat as number);
    });
    const [fast, slow] = detection as [number, number];
    // Ticks are not aligned with the peer's sends; a little slack above for a busy machine.
    expect(fast, "200ms × 3").to.be.within(600 - 5, 800 + 150);
    expect(slow, "400ms × 3").to.be.within(1_200 - 5, 1_600 + 150);
    expect(slow - fast).to.be.greaterThan(250);
  });

  it("the journal reports each job's effective settings, read back from its submission parameters, and the bound they give", () => {
    const events = journal.filter((e): e is ToolkitEvent & { t: number; wall: string } => e.kind === "toolkit");
    expect(events.map((e) => [e.scenario, e.dc, e.settings.heartbeatMs, e.detection])).to.deep.equal([
      ["heartbeat 200ms", "dc1", 200, { minMs: 400, maxMs: 800 }],
      ["heartbeat 200ms", "dc2", 200, { minMs: 400, maxMs: 800 }],
      ["heartbeat 400ms", "dc1", 400, { minMs: 800, maxMs: 1_600 }],
      ["heartbeat 400ms", "dc2", 400, { minMs: 800, maxMs: 1_600 }],
    ]);
    const dc2 = events[3]!;
    expect(dc2.settings).to.deep.equal({ heartbeatMs: 400, missesAllowed: 3, initDelayMs: 0, mode: "active" });
    expect(dc2.sources).to.deep.equal({ heartbeat: "submission", misses_allowed: "submission", init_delay: "submission", snapshot_interval: "unset", mode: "submission" });
    expect(dc2.missingOperators).to.deep.equal([]);
    expect(output).to.include("toolkit on dc2, job");
    expect(output).to.include("heartbeat 400ms (submission), misses allowed 3 (submission)");
  });
});
