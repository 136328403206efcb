// One validation run of the data benchmark, in its own process so that its peak RSS is its own:
// `node --import tsx bench/data-child.ts tracker|naive TUPLES`, prints one JSON line.
// Feeds a recorder 8 key streams in batches of 1 000: every tuple sent and acknowledged,
// 0.1% never delivered, 0.1% delivered twice, and deliveries locally reordered (each position
// swapped with one up to 3 ahead). Only the recorder's calls and its report are timed.
import { DataTracker } from "../src/data/tracker.js";
import type { TupleId, TupleRecorder } from "../src/data/records.js";
import { seededRandom } from "../src/runtime/random.js";
import { NaiveTracker } from "../test/data/naive.js";

const variants: Record<string, () => TupleRecorder & { report(): unknown }> = {
  tracker: () => new DataTracker(),
  naive: () => new NaiveTracker(),
};

const [variant = "tracker", tuplesArg = "10000000"] = process.argv.slice(2);
const make = variants[variant];
if (make === undefined) throw new Error(`unknown variant ${variant}`);
const tuples = Number(tuplesArg);
const STREAMS = 8;
const BATCH = 1000;
const random = seededRandom(7);
const recorder = make();
const nextSeq = new Array<number>(STREAMS).fill(0);
let busyMs = 0;
let busyCpuUs = 0;
let lost = 0;
let doubled = 0;

/** Wall and CPU time (all threads, so the collector's share counts) of the recorder's work only. */
function timed<T>(f: () => T): T {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const out = f();
  const used = process.cpuUsage(cpu);
  busyCpuUs += used.user + used.system;
  busyMs += performance.now() - wall;
  return out;
}

for (let first = 0; first < tuples; first += BATCH) {
  const batch: TupleId[] = [];
  for (let i = first; i < Math.min(tuples, first + BATCH); i++) {
    const s = i % STREAMS;
    batch.push({ stream: `k${s}`, seq: nextSeq[s]!++ });
  }
  const delivered: TupleId[] = [];
  for (const id of batch) {
    const r = random();
    if (r < 0.001) {
      lost++;
      continue;
    }
    delivered.push(id);
    if (r < 0.002) {
      delivered.push(id);
      doubled++;
    }
  }
  for (let i = 0; i < delivered.length; i++) {
    const j = Math.min(delivered.length - 1, i + Math.floor(random() * 4));
    [delivered[i], delivered[j]] = [delivered[j]!, delivered[i]!];
  }
  const atMs = first / 100;
  const receivedAtMs = atMs + 5 + random() * 20;
  timed(() => {
    recorder.sent(batch, atMs);
    recorder.acked(batch, atMs + 1);
    recorder.received(delivered, receivedAtMs);
  });
}
const report = timed(() => recorder.report()) as { lost: { count: number } | unknown[] };
const reportedLost = Array.isArray(report.lost) ? report.lost.length : (report.lost as { count: number }).count;
if (reportedLost !== lost) throw new Error(`${variant} reported ${reportedLost} lost, ${lost} were dropped`);
console.log(JSON.stringify({ variant, tuples, ms: busyMs, cpuMs: busyCpuUs / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, lost, doubled }));
