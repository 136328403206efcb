// `xdc exec --jobs` (issue 19): the reference scenarios (every examples/*.xdc that runs on the
// embedded twin without a Prometheus server) run one at a time and three side by side, each on
// its own twin. Prints both wall times per round side by side, their medians and the ratio.
// Target: --jobs 3 takes at most 0.6 x the time of --jobs 1. Rounds alternate the two (so a
// busy spell on a shared machine hits both), bounded by XDC_BENCH_JOBS_ROUNDS (default 2).
// Loopback only.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BIN } from "./partition-run.js";
import { fmt, median } from "./stats.js";

const EXAMPLES = fileURLToPath(new URL("../examples/", import.meta.url));
const ROUNDS = Math.min(10, Math.max(1, Number(process.env["XDC_BENCH_JOBS_ROUNDS"] ?? 2)));
const TARGET = 0.6;

/** The examples that run on the twin alone: a Prometheus query needs the binary, which a machine may lack. */
export function referenceScenarios(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".xdc"))
    .sort()
    .map((f) => join(EXAMPLES, f))
    .filter((f) => !/\bpromql\s*\(/.test(readFileSync(f, "utf8")));
}

/** One `xdc exec` of the files: its wall time and exit code. Bounded: killed after 15 minutes. */
function exec(files: readonly string[], jobs: number): Promise<{ ms: number; code: number | null; notPassed: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "xdc-bench-jobs-"));
  const args = [BIN, "exec", ...files, "--jobs", String(jobs), "--out", join(dir, "out"), "--ledger", join(dir, "ledger.jsonl")];
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: dir, stdio: "ignore" });
  const timer = setTimeout(() => child.kill("SIGINT"), 15 * 60_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      const notPassed = notPassing(join(dir, "out", "summary.json"));
      rmSync(dir, { recursive: true, force: true });
      resolve({ ms, code, notPassed });
    });
  });
}

/** The scenarios of a run that did not pass, with why: a timing only counts with its verdicts beside it. */
function notPassing(summary: string): string[] {
  if (!existsSync(summary)) return ["(no summary.json)"];
  const s = JSON.parse(readFileSync(summary, "utf8")) as { scenarios: { name: string; verdict: string; reason?: string; expectations: { verdict: string; source: string; actual: string }[] }[] };
  return s.scenarios
    .filter((x) => x.verdict !== "pass")
    .map((x) => `${x.name}: ${x.verdict}${x.reason ? ` (${x.reason})` : ""}${x.expectations.filter((e) => e.verdict !== "pass").map((e) => `; ${e.source} got ${e.actual}`).join("")}`);
}

export async function run(): Promise<void> {
  const files = referenceScenarios();
  console.log(`${files.length} scenarios: ${files.map((f) => f.slice(EXAMPLES.length)).join(", ")}; ${ROUNDS} round${ROUNDS === 1 ? "" : "s"}`);
  const one: number[] = [];
  const three: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const a = await exec(files, 1);
    const b = await exec(files, 3);
    one.push(a.ms);
    three.push(b.ms);
    console.log(`round ${round}: --jobs 1 ${fmt(a.ms / 1000)} s (exit ${a.code})   --jobs 3 ${fmt(b.ms / 1000)} s (exit ${b.code})   ratio ${fmt(b.ms / a.ms, 2)}`);
    for (const [jobs, r] of [[1, a], [3, b]] as const) for (const line of r.notPassed) console.log(`  --jobs ${jobs} did not pass: ${line}`);
  }
  const ratio = median(three) / median(one);
  console.log(`median wall time: --jobs 1 ${fmt(median(one) / 1000)} s   --jobs 3 ${fmt(median(three) / 1000)} s   ratio ${fmt(ratio, 2)} (target <= ${TARGET}: ${ratio <= TARGET ? "met" : "NOT met"})`);
}
