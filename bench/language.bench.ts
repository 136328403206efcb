// Language front end: throughput on a generated corpus of realistic scenarios, next to
// JSON.parse on a JSON text of the same size, and the cold start of `xdc check`.
// Targets: parse+check ≥ 10 MB/s; cold start of `xdc check` ≤ 2.5 × `node -e 0`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type * as LanguageModule from "../src/language/index.js";
import type * as ParseModule from "../src/language/parse.js";
import { seededRandom } from "../src/sim/model/random.js";
import { BENCHMARK_SEED as SEED, realisticCorpus, realisticFile } from "../test/support/realistic.js";
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
  const { checkText } = await importBundled<typeof LanguageModule>("src/language/index.ts");
  return [
    { name: "parse", run: (text, file) => parse(text, file) },
    { name: "parse+check", run: (text, file) => checkText(text, file) },
  ];
}

/**
 * Wall and CPU milliseconds of each of `runs` runs of `f`, after one run to warm up. CPU time
 * (this process's user and system time) moves less when other work shares the machine.
 */
function timed(runs: number, f: () => void): { wall: number[]; cpu: number[] } {
  f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    f();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
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
  const row = (name: string, size: number, t: { wall: number[]; cpu: number[] }, note: string) => {
    const wall = median(t.wall);
    const cpu = median(t.cpu);
    console.log(`  ${name.padEnd(12)} ${fmt(mbPerSecond(size, wall)).padStart(6)} MB/s wall ${fmt(mbPerSecond(size, cpu)).padStart(6)} MB/s CPU   ${note}`);
  };
  for (const stage of measured) {
    const t = timed(RUNS, () => files.forEach((f, i) => stage.run(f, `bench/${i}.xdc`)));
    row(stage.name, bytes, t, `${fmt((median(t.cpu) / lines) * 1000, 2)} ms CPU per 1,000 lines`);
  }
  const json = jsonOfSize(files, bytes, measured[0]!.run);
  row("JSON.parse", json.length, timed(RUNS, () => JSON.parse(json)), `the same ASTs as JSON, ${fmt(json.length / 1e6, 2)} MB`);

  for (const n of [1_000, 10_000]) {
    const text = fileOfLines(files, n);
    const count = text.split("\n").length;
    for (const stage of measured) {
      const cpu = median(timed(RUNS, () => stage.run(text, "bench/big.xdc")).cpu);
      console.log(`  one ${count}-line file: ${stage.name} ${fmt((cpu / count) * 1000, 2)} ms CPU per 1,000 lines`);
    }
  }
}

/** Median (and fastest) wall time in ms of spawning `args` with node, `runs` times. */
function spawnMedian(args: readonly string[], runs: number): { ms: number; fastest: number; status: number | null; stdout: string; stderr: string } {
  const times: number[] = [];
  let last = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 30_000 });
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 30_000 });
    times.push(performance.now() - start);
  }
  return { ms: median(times), fastest: Math.min(...times), status: last.status, stdout: last.stdout, stderr: last.stderr };
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
    console.log(`cold start, median (fastest) of ${COLD_RUNS}:`);
    const line = (name: string, r: typeof bare, extra = "") =>
      console.log(`  ${name.padEnd(20)} ${fmt(r.ms, 0).padStart(5)} ms (${fmt(r.fastest, 0)})   ${fmt(r.ms / bare.ms, 2)} × node -e 0 (${fmt(r.fastest / bare.fastest, 2)})${extra}`);
    line("node -e 0", bare);
    line("xdc --version", version);
    if (!hasCommand("check")) {
      console.log("  xdc check            not measured: this build has no `check` command yet");
    } else {
      line("xdc check (1 file)", check, `; target 2.5 ×: ${check.ms / bare.ms <= 2.5 ? "met" : "missed"}; exit ${check.status}`);
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
