// RTO accuracy end to end: `xdc exec` of examples/partition.xdc against the twin, the RTO and
// detection it measured (the journal's failover event) against the twin's ground truth, over
// five runs (target: within 100 ms at a 100 ms poll). Each run gets a fresh twin, started here
// so that its ground truth can be read; exec reaches it with --env. Loopback only.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTwinProcess } from "../src/cli/exec-twin.js";
import { BIN, execPartition, partitionTruth, POLL_MS } from "./partition-run.js";
import { fmt, median } from "./stats.js";

const RUNS = 5;
export async function run(): Promise<void> {
  const rto: number[] = [];
  const detection: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const twin = await startTwinProcess({ xdc: BIN, heartbeatIntervalMs: 200, missesAllowed: 3, seed: 100 + i, restartDelayMs: 500 });
    const dir = mkdtempSync(join(tmpdir(), "xdc-bench-rto-"));
    try {
      const code = await execPartition(twin, dir);
      if (code !== 0) throw new Error(`xdc exec exited ${code}; see ${dir}`);
      const journal = readFileSync(join(dir, "out", "journal.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { kind: string; rtoMs?: number; detectionMs?: number });
      const measured = journal.find((e) => e.kind === "failover")!;
      const truth = await partitionTruth(twin);
      if ("missing" in truth) throw new Error(`the twin recorded ${truth.missing}`);
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
