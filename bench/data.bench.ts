// Data validation: 10 000 000 tuples (8 key streams, batches of 1 000) with 0.1% loss, 0.1%
// duplicates and local reordering, validated by the streaming DataTracker and by a naive
// implementation (a Set of ids and a scan of the acknowledged ones), each run in its own
// process (bench/data-child.ts) so that its peak RSS is its own. Runs alternate between the
// two so that load from elsewhere on the machine falls on both alike.
// Targets: tracker at least 3× faster than naive, and under 200 MB peak RSS.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { fmt, median } from "./stats.js";

const TUPLES = 10_000_000;
const RUNS = 3;
const VARIANTS = ["tracker", "naive"] as const;
const child = fileURLToPath(new URL("./data-child.ts", import.meta.url));

interface Figures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
}

function once(variant: string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    // The naive variant holds every id as a string: give it the heap it needs to finish.
    const p = spawn(process.execPath, ["--max-old-space-size=8192", "--import", "tsx", child, variant, String(TUPLES)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    p.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    p.once("error", reject);
    p.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Figures) : reject(new Error(`${variant} exited with ${code}`))));
  });
}

export async function run(): Promise<void> {
  const results: Record<string, Figures[]> = { tracker: [], naive: [] };
  for (let r = 0; r < RUNS; r++) for (const v of VARIANTS) results[v]!.push(await once(v));
  const med = (v: string, k: keyof Figures) => median(results[v]!.map((f) => f[k]));
  console.log(`validation of ${TUPLES.toLocaleString("en")} tuples, medians of ${RUNS} runs (time: the recorder's work only; CPU: all threads)`);
  for (const v of VARIANTS) {
    console.log(
      `  ${v.padEnd(8)} wall ${fmt(med(v, "ms"), 0).padStart(7)} ms  CPU ${fmt(med(v, "cpuMs"), 0).padStart(7)} ms  ` +
        `${fmt((med(v, "cpuMs") * 1e6) / TUPLES, 0).padStart(5)} ns/tuple  peak RSS ${fmt(med(v, "maxRssMB"), 0).padStart(5)} MB`,
    );
  }
  const cpuRatio = med("naive", "cpuMs") / med("tracker", "cpuMs");
  const wallRatio = med("naive", "ms") / med("tracker", "ms");
  console.log(`  naive / tracker: ${fmt(cpuRatio)}× CPU, ${fmt(wallRatio)}× wall (target ≥ 3×); tracker peak RSS ${fmt(med("tracker", "maxRssMB"), 0)} MB (target < 200 MB)`);
}
