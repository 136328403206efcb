// Language front end: throughput on a generated corpus of realistic scenarios, next to
// JSON.parse on a JSON text of the same size, and the cold start of `xdc check`.
// Targets (ARCHITECTURE/STYLE): parse+check ≥ 10 MB/s; cold start ≤ 2.5 × `node -e 0`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as ParseModule from "../src/language/parse.js";
import { BENCHMARK_SEED as SEED, realisticCorpus, realisticFile, seededRandom } from "../test/support/realistic.js";
import { importBundled } from "./bundle.js";
import { fmt, median } from "./stats.js";

const CORPUS_BYTES = 5 * 1024 * 1024;
const RUNS = 5;
const COLD_RUNS = 15;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

type Stage = { readonly name: string; readonly run: (text: string, file: string) => unknown };

/** The front-end stages to measure, each over one file, from the bundled code. */
async function stages(): Promise<Stage[]> {
  const { parse } = await importBundled<typeof ParseModule>("src/language/parse.ts");
  return [{ name: "parse", run: (text, file) => parse(text, file) }];
}

/** Milliseconds of each of `runs` runs of `f`, after one run to warm up. */
function timed(runs: number, f: () => void): number[] {
  f();
  return Array.from({ length: runs }, () => {
    const start = performance.now();
    f();
    return performance.now() - start;
  });
}

const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

/** The corpus's ASTs without positions, as JSON of about `bytes` bytes: the same content as data. */
function jsonOfSize(files: readonly string[], bytes: number, parse: Stage["run"]): string {
  const items: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const ast = JSON.stringify((parse(files[i % files.length]!, "f.xdc") as { value: { items: unknown } }).value.items, (k, v: unknown) => (k === "span" || k.endsWith("Span") ? undefined : v));
    items.push(ast);
    size += ast.length + 1;
  }
  return `[${items.join(",")}]`;
}

/** Whole files joined until the text has at least `lines` lines. */
function fileOfLines(files: readonly string[], lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const f = files[i % files.length]!;
    parts.push(f);
    count += f.split("\n").length;
  }
  return parts.join("\n");
}

function throughput(files: readonly string[], measured: readonly Stage[]): void {
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
  const lines = files.reduce((n, f) => n + f.split("\n").length, 0);
  console.log(`corpus: ${fmt(bytes / 1e6, 2)} MB, ${files.length} files, ${lines} lines (seed ${SEED}); median of ${RUNS} runs after a warm-up`);
  // Other work on the machine slows every figure; the load says how much to trust them.
  console.log(`load average ${fmt(loadavg()[0]!, 2)} on ${availableParallelism()} cores`);
  for (const stage of measured) {
    const ms = median(timed(RUNS, () => files.forEach((f, i) => stage.run(f, `bench/${i}.xdc`))));
    console.log(`  ${stage.name.padEnd(12)} ${fmt(mbPerSecond(bytes, ms)).padStart(7)} MB/s   ${fmt(ms, 0).padStart(6)} ms   ${fmt((ms / lines) * 1000, 2)} ms per 1,000 lines`);
  }
  const json = jsonOfSize(files, bytes, measured[0]!.run);
  const jsonMs = median(timed(RUNS, () => JSON.parse(json)));
  console.log(`  ${"JSON.parse".padEnd(12)} ${fmt(mbPerSecond(json.length, jsonMs)).padStart(7)} MB/s   ${fmt(jsonMs, 0).padStart(6)} ms   (the same ASTs as JSON, ${fmt(json.length / 1e6, 2)} MB)`);

  for (const n of [1_000, 10_000]) {
    const text = fileOfLines(files, n);
    const count = text.split("\n").length;
    for (const stage of measured) {
      const ms = median(timed(RUNS, () => stage.run(text, "bench/big.xdc")));
      console.log(`  one ${count}-line file: ${stage.name} ${fmt((ms / count) * 1000, 2)} ms per 1,000 lines`);
    }
  }
}

/** Median wall time in ms of spawning `args` with node, `runs` times. */
function spawnMedian(args: readonly string[], runs: number): { ms: number; status: number | null; stdout: string; stderr: string } {
  const times: number[] = [];
  let last = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 30_000 });
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 30_000 });
    times.push(performance.now() - start);
  }
  return { ms: median(times), status: last.status, stdout: last.stdout, stderr: last.stderr };
}

/** Whether the built CLI lists `name` among its commands. */
function hasCommand(name: string): boolean {
  const help = spawnSync(process.execPath, ["bin/xdc.js", "--help"], { cwd: root, encoding: "utf8", timeout: 30_000 });
  return new RegExp(`^\\s+${name}\\b`, "m").test(help.stdout);
}

function coldStart(scenario: string): void {
  const dir = mkdtempSync(join(tmpdir(), "xdc-bench-"));
  try {
    const file = join(dir, "one.xdc");
    writeFileSync(file, scenario);
    const bare = spawnMedian(["-e", "0"], COLD_RUNS);
    const version = spawnMedian(["bin/xdc.js", "--version"], COLD_RUNS);
    const check = spawnMedian(["bin/xdc.js", "check", file], COLD_RUNS);
    console.log(`cold start, median of ${COLD_RUNS}:`);
    console.log(`  node -e 0            ${fmt(bare.ms, 0).padStart(5)} ms`);
    console.log(`  xdc --version        ${fmt(version.ms, 0).padStart(5)} ms   ${fmt(version.ms / bare.ms, 2)} × node -e 0`);
    if (!hasCommand("check")) {
      console.log("  xdc check            not measured: this build has no `check` command yet");
    } else {
      const verdict = check.ms / bare.ms <= 2.5 ? "meets" : "misses";
      console.log(`  xdc check (1 file)   ${fmt(check.ms, 0).padStart(5)} ms   ${fmt(check.ms / bare.ms, 2)} × node -e 0 (${verdict} the 2.5 × target; exit ${check.status})`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<void> {
  const files = realisticCorpus(SEED, CORPUS_BYTES);
  throughput(files, await stages());
  coldStart(realisticFile(seededRandom(SEED), 0, 1));
}
