// One full pass of the recorded-data benchmark over its file, in its own process so that its
// peak RSS is its own: `node --import tsx bench/recorded-child.ts FILE`, prints one JSON line.
// Every row is read (64 KiB at a time), parsed, typed by the schema and given its tracking
// attributes, as `inject(file: …)` does before sending.
import { parseSchema, replay } from "../src/data/index.js";
import { fileLines } from "../src/drivers/exchange/input.js";
import { ORDER_SCHEMA } from "./recorded-file.js";

const [file] = process.argv.slice(2);
if (file === undefined) throw new Error("usage: recorded-child.ts FILE");
const start = performance.now();
const r = replay(() => fileLines(file), { format: "jsonl", schema: parseSchema(ORDER_SCHEMA).schema, key: "seq", ratePerSecond: 1, tag: { workload: "w1" } });
let rows = 0;
while (r.next() !== undefined) rows++;
if (r.problem) throw new Error(`line ${r.problem.line}: ${r.problem.message}`);
const ms = performance.now() - start;
console.log(JSON.stringify({ rows, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
