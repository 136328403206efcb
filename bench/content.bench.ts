// Checks on what the application produced, at scale: 10 000 000 tuples (the data benchmark's
// input: 8 key streams, batches of 1 000, 0.1% lost, 0.1% delivered twice, local reordering),
// each an order whose output carries `total = qty × price`. Two variants, each in its own
// process (bench/content-child.ts), alternating so that load from elsewhere falls on both:
// `loss` is the plain loss tracking (the DataTracker), `content` the same tracking plus the
// condition `all(…, where: out.total == in.qty * in.price and out.qty >= 0)` with its input
// window. Target: content at most 2× the time of loss tracking. A third variant, `none`, builds
// the same tuples and checks nothing, so that the whole process's CPU above it counts the
// garbage collection each variant causes even where it falls outside the timed calls.
import { spawn } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { fmt, median } from "./stats.js";

const TUPLES = Number(process.env["XDC_BENCH_TUPLES"] ?? 10_000_000);
// Five rounds: on a shared machine one round's ratio moves by a third either way.
const RUNS = 5;
const VARIANTS = ["none", "loss", "content"] as const;
const child = fileURLToPath(new URL("./content-child.ts", import.meta.url));

interface Figures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly processCpuMs: number;
  readonly maxRssMB: number;
}

function once(variant: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ["--import", "tsx", child, variant, String(TUPLES)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    p.once("error", reject);
    p.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Figures) : reject(new Error(`${variant} exited with ${code}`))));
  });
}

export async function run(): Promise<void> {
  const results: Record<string, Figures[]> = { none: [], loss: [], content: [] };
  for (let r = 0; r < RUNS; r++) for (const v of VARIANTS) results[v]!.push(await once(v));
  const med = (v: string, k: keyof Figures) => median(results[v]!.map((f) => f[k]));
  console.log(`content checks over ${TUPLES.toLocaleString("en")} tuples, medians of ${RUNS} runs (time: the checks' calls only; CPU: all threads; load average ${os.loadavg()[0]!.toFixed(1)} at the end)`);
  for (const v of VARIANTS) {
    if (v === "none") continue;
    console.log(
      `  ${v.padEnd(8)} wall ${fmt(med(v, "ms"), 0).padStart(7)} ms  CPU ${fmt(med(v, "cpuMs"), 0).padStart(7)} ms  ` +
        `${fmt((med(v, "cpuMs") * 1e6) / TUPLES, 0).padStart(5)} ns/tuple  peak RSS ${fmt(med(v, "maxRssMB"), 0).padStart(5)} MB`,
    );
  }
  console.log(`  content / loss: ${fmt(med("content", "cpuMs") / med("loss", "cpuMs"), 2)}× CPU, ${fmt(med("content", "ms") / med("loss", "ms"), 2)}× wall (target ≤ 2×)`);
  // Per run, each variant's process CPU above the `none` run of the same round (same load), then the median.
  const above = (v: string) => median(results[v]!.map((f, r) => f.processCpuMs - results["none"]![r]!.processCpuMs));
  console.log(`  whole process above building the tuples (with all GC): loss ${fmt(above("loss"), 0)} ms, content ${fmt(above("content"), 0)} ms, ${fmt(above("content") / above("loss"), 2)}×`);
}
