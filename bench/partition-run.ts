// The partition example as the RTO benches run it: `xdc exec` against a twin the bench started
// (so it can read the twin's ground truth), and the RTO and detection that ground truth gives.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningTwin } from "../src/cli/exec-twin.js";

export const POLL_MS = 100;
export const BIN = fileURLToPath(new URL("../bin/xdc.js", import.meta.url));
const EXAMPLE = fileURLToPath(new URL("../examples/partition.xdc", import.meta.url));

export interface TruthEvent {
  readonly type: string;
  readonly time: number;
  readonly dc: string;
  readonly jobName?: string;
  readonly afterTakeoverMs?: number;
}

/** `xdc exec examples/partition.xdc --env` against `twin`, journal and ledger in `dir`: its exit code. */
export function execPartition(twin: RunningTwin, dir: string): Promise<number | null> {
  const args = [BIN, "exec", EXAMPLE, "--env", twin.envFile, "--poll", `${POLL_MS}ms`, "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")];
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, [twin.passwordVariable]: twin.password }, stdio: "ignore" });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
}

/** The twin's ground truth, events of these types. */
export async function truth(twin: RunningTwin, types: string): Promise<TruthEvent[]> {
  const res = await fetch(`${twin.groundTruth}/events?type=${types}`);
  return ((await res.json()) as { events: TruthEvent[] }).events;
}

/**
 * What really happened: from the partition's first rule to dc2's takeover (detection) and on to
 * its first tuple after it (RTO); or what of it the twin did not record.
 */
export async function partitionTruth(twin: RunningTwin): Promise<{ rtoMs: number; detectionMs: number } | { missing: string }> {
  const events = await truth(twin, "rule.added,takeover,tuple.firstAfterTakeover");
  const fault = Math.min(...events.filter((e) => e.type === "rule.added").map((e) => e.time));
  const takeover = events.find((e) => e.type === "takeover" && e.dc === "dc2");
  const first = events.find((e) => e.type === "tuple.firstAfterTakeover" && e.dc === "dc2");
  if (!takeover) return { missing: "no takeover by dc2 in the truth" };
  if (!first) return { missing: "no tuple at dc2 after its takeover in the truth" };
  return { rtoMs: takeover.time + first.afterTakeoverMs! - fault, detectionMs: takeover.time - fault };
}
