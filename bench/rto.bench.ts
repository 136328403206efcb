// RTO accuracy end to end: `xdc exec` of examples/partition.xdc against the twin, the RTO and
// detection it measured (the journal's failover event) against the twin's ground truth, over
// five runs (target: within 100 ms at a 100 ms poll). Each run gets a fresh twin, started here
// so that its ground truth can be read; exec reaches it with --env. Loopback only.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startTwinProcess, type RunningTwin } from "../src/cli/exec-twin.js";
import { fmt, median } from "./stats.js";

const RUNS = 5;
const POLL_MS = 100;
const BIN = fileURLToPath(new URL("../bin/xdc.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../examples/partition.xdc", import.meta.url));

interface Truth {
  readonly type: string;
  readonly time: number;
  readonly dc: string;
  readonly afterTakeoverMs?: number;
}

function exec(twin: RunningTwin, dir: string): Promise<number | null> {
  const args = [BIN, "exec", EXAMPLE, "--env", twin.envFile, "--poll", `${POLL_MS}ms`, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, [twin.passwordVariable]: twin.password }, stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
}

/** What really happened: the first rule of the partition, dc2's takeover, and its first tuple after it. */
async function groundTruth(twin: RunningTwin): Promise<{ rtoMs: number; detectionMs: number }> {
  const res = await fetch(`${twin.groundTruth}/events?type=rule.added,takeover,tuple.firstAfterTakeover`);
  const events = ((await res.json()) as { events: Truth[] }).events;
  const fault = Math.min(...events.filter((e) => e.type === "rule.added").map((e) => e.time));
  const takeover = events.find((e) => e.type === "takeover" && e.dc === "dc2");
  const first = events.find((e) => e.type === "tuple.firstAfterTakeover" && e.dc === "dc2");
  if (!takeover || !first) throw new Error("the twin recorded no takeover by dc2 and first tuple after it");
  return { rtoMs: takeover.time + first.afterTakeoverMs! - fault, detectionMs: takeover.time - fault };
}

export async function run(): Promise<void> {
  const rto: number[] = [];
  const detection: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const twin = await startTwinProcess({ xdc: BIN, heartbeatIntervalMs: 200, missesAllowed: 3, seed: 100 + i, restartDelayMs: 500 });
    const dir = mkdtempSync(join(tmpdir(), "xdc-bench-rto-"));
    try {
      const code = await exec(twin, dir);
      if (code !== 0) throw new Error(`xdc exec exited ${code}; see ${dir}`);
      const journal = readFileSync(join(dir, "out", "journal.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { kind: string; rtoMs?: number; detectionMs?: number });
      const measured = journal.find((e) => e.kind === "failover")!;
      const truth = await groundTruth(twin);
      rto.push(measured.rtoMs! - truth.rtoMs);
      detection.push(measured.detectionMs! - truth.detectionMs);
      console.log(`run ${i + 1}: RTO measured ${fmt(measured.rtoMs!)} ms, truth ${fmt(truth.rtoMs)} ms; detection measured ${fmt(measured.detectionMs!)} ms, truth ${fmt(truth.detectionMs)} ms`);
      rmSync(dir, { recursive: true, force: true });
    } finally {
      await twin.stop();
    }
  }
  const worst = (xs: number[]) => xs.reduce((w, x) => (Math.abs(x) > Math.abs(w) ? x : w), 0);
  console.log(`poll ${POLL_MS} ms, heartbeat 200 ms, ${RUNS} runs (measured - truth): RTO median ${fmt(median(rto))} ms, worst ${fmt(worst(rto))} ms; detection median ${fmt(median(detection))} ms, worst ${fmt(worst(detection))} ms`);
}
