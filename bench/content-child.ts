// One run of the content-check benchmark, in its own process: `node --import tsx
// bench/content-child.ts none|loss|content TUPLES`, prints one JSON line. `none` builds the
// same tuples and checks nothing: the process's CPU above it is what the checks cost, with the
// garbage collection they cause wherever it falls (a scavenge runs when the young generation is
// full, mostly while tuples are built, so timing the checks' calls alone misses part of it). The same input as the data
// benchmark (8 key streams, batches of 1 000, 0.1% lost, 0.1% delivered twice, local
// reordering), each tuple an order {seq, account, qty, price} whose output carries
// `total = qty × price` (wrong for 0.1%). `loss` times the DataTracker alone; `content` the
// same tracker plus the condition `out.total == in.qty * in.price and out.qty >= 0`, compiled
// as a scenario's `all(…, where:)` is, with its input window. Tuples are built untimed.
import { ContentTally, InputWindow } from "../src/data/content.js";
import type { TupleId } from "../src/data/records.js";
import { DataTracker } from "../src/data/tracker.js";
import { checkText, memoryHost } from "../src/language/index.js";
import { compileTuplePredicate } from "../src/runtime/interpreter/tuple-predicate.js";
import { seededRandom } from "../src/runtime/random.js";

const [variant = "loss", tuplesArg = "10000000"] = process.argv.slice(2);
if (variant !== "none" && variant !== "loss" && variant !== "content") throw new Error(`unknown variant ${variant}`);
const tuples = Number(tuplesArg);
const STREAMS = 8;
const BATCH = 1000;

const text = `scenario "bench" {
  environment: sim
  timeout: 1m
  let app = application("Demo", bundle: "demo.sab", sources: ["Ingest"], sinks: ["Results"])
  run {
    let load = inject(app.Ingest, rate: 1/s, for: 1s)
  }
  verify {
    expect all(load, app.Results, where: out.total == in.qty * in.price and out.qty >= 0)
  }
}
`;
const checked = checkText(text, "bench.xdc", memoryHost({}));
if (checked.diagnostics.length > 0) throw new Error(checked.diagnostics.map((d) => d.message).join("; "));
const call = [...checked.value.calls.keys()].find((c) => c.callee.kind === "name" && c.callee.name === "all")!;
const predicate = compileTuplePredicate(checked.value, call.args.find((a) => a.name?.name === "where")!.value, (s) => text.slice(s.start.offset, s.end.offset));

const random = seededRandom(7);
const tracker = new DataTracker();
const window = new InputWindow(predicate.inputAttributes);
const tally = new ContentTally((out, _id, input) => (input === undefined ? "\u0000no input" : predicate.test(out, input) ? undefined : predicate.explain(out, input)));
const nextSeq = new Array<number>(STREAMS).fill(0);
let busyMs = 0;
let busyCpuUs = 0;
let wrong = 0;

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
  const ids: TupleId[] = [];
  const inputs: Record<string, unknown>[] = [];
  const outputs: Record<string, unknown>[] = [];
  for (let i = first; i < Math.min(tuples, first + BATCH); i++) {
    const s = i % STREAMS;
    const id = { stream: `k${s}`, seq: nextSeq[s]!++ };
    const input = { seq: id.seq, account: id.stream, qty: i % 1000, price: random() };
    const bad = random() < 0.001;
    if (bad) wrong++;
    ids.push(id);
    inputs.push(input);
    // Written out rather than spread from `input`: an output arrives parsed from JSON, with one
    // shape for all tuples, and a spread copy's fields read ten times slower than either.
    outputs.push({ seq: input.seq, account: input.account, qty: input.qty, price: input.price, total: input.qty * input.price + (bad ? 1 : 0), _dc: "dc1" });
  }
  const delivered: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    const r = random();
    if (r < 0.001) continue;
    delivered.push(k);
    if (r < 0.002) delivered.push(k);
  }
  for (let i = 0; i < delivered.length; i++) {
    const j = Math.min(delivered.length - 1, i + Math.floor(random() * 4));
    [delivered[i], delivered[j]] = [delivered[j]!, delivered[i]!];
  }
  const deliveredIds = delivered.map((k) => ids[k]!);
  const atMs = first / 100;
  if (variant === "none") continue;
  if (variant === "loss") {
    timed(() => {
      tracker.sent(ids, atMs);
      tracker.acked(ids, atMs + 1);
      tracker.received(deliveredIds, atMs + 10);
    });
  } else {
    timed(() => {
      for (let k = 0; k < ids.length; k++) window.put(ids[k]!, inputs[k]!);
      tracker.sent(ids, atMs);
      tracker.acked(ids, atMs + 1);
      for (const k of delivered) tally.observe(outputs[k]!, ids[k]!, window.get(ids[k]!));
      tracker.received(deliveredIds, atMs + 10);
    });
  }
}
timed(() => tracker.report());
const content = variant === "content" ? tally.report() : undefined;
if (content && content.failed === 0) throw new Error("the condition found none of the wrong totals");
const all = process.cpuUsage();
console.log(JSON.stringify({ variant, tuples, ms: busyMs, cpuMs: busyCpuUs / 1000, processCpuMs: (all.user + all.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, wrong, ...(content ? { judged: content.judged, failed: content.failed } : {}) }));
