// Data Exchange throughput: tuples per second injected in batches of 1 000 into one
// datacenter of the twin (its own process) and read back from the sink, end to end over HTTP.
// Target: at least 100 000 tuples/s. Loopback only; every run is bounded in tuples and time.
import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import { fileURLToPath } from "node:url";
import { buildBundle } from "../src/sim/bundle/bundle.js";
import type { AppManifest } from "../src/sim/bundle/manifest.js";
import { startTwin, type Twin } from "../src/sim/launcher.js";
import { minimalManifest } from "../test/sim/fixtures.js";
import { fmt, median } from "./stats.js";

const BATCH = 1000;
const BATCHES_PER_RUN = 200;
const RUNS = 5;
const RUN_TIME_LIMIT_MS = 30_000;
const IN_FLIGHT = 2;

/** The small source → work → sink application, with processing far faster than the wire and
 * big buffers: the bench measures the exchange, not the application. */
function benchManifest(): AppManifest {
  const app = minimalManifest();
  const bufferSize: Record<string, number> = { Ingest: 100_000, Results: 400_000 };
  return {
    ...app,
    pes: app.pes.map((pe) => ({ ...pe, operators: pe.operators.map((op) => (bufferSize[op.name] ? { ...op, params: { ...op.params, bufferSize: bufferSize[op.name]! } } : op)) })),
    processing: { ratePerSecond: 5_000_000, latencyMs: 0 },
  };
}

interface Http {
  (method: string, url: string, body?: Buffer | string, type?: string): Promise<{ status: number; text: string; retryAfterMs?: number }>;
}

function client(auth: string, agent: Agent): Http {
  return (method, url, body, type = "application/json") =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { Authorization: auth, Accept: "application/json" };
      if (body !== undefined) {
        headers["Content-Type"] = type;
        headers["Content-Length"] = Buffer.byteLength(body);
      }
      const req = request(url, { method, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const retry = res.statusCode === 503 ? (JSON.parse(text) as { retryAfterMs?: number }).retryAfterMs : undefined;
          resolve({ status: res.statusCode ?? 0, text, ...(retry === undefined ? {} : { retryAfterMs: retry }) });
        });
      });
      req.on("error", reject);
      req.end(body);
    });
}

async function setUp(twin: Twin, http: Http): Promise<{ inject: string; inspect: string }> {
  const dc = twin.description.dcs[0]!;
  const instance = `${dc.restUrl}/instances/${dc.instance}`;
  const upload = await http("POST", `${instance}/applicationbundles`, buildBundle(benchManifest()), "application/x-jar");
  const bundleId = (JSON.parse(upload.text) as { bundleId: string }).bundleId;
  const job = await http("POST", `${instance}/jobs`, JSON.stringify({ application: bundleId }));
  if (job.status !== 201) throw new Error(`submit: ${job.status} ${job.text}`);
  const doc = JSON.parse((await http("GET", dc.dataUrl)).text) as { jobs: { inject: { url: string }[]; inspect: { url: string }[] }[] };
  return { inject: doc.jobs[0]!.inject[0]!.url, inspect: doc.jobs[0]!.inspect[0]!.url };
}

/** One run: inject BATCHES_PER_RUN batches (IN_FLIGHT at a time) while reading the sink; tuples/s end to end. */
async function once(http: Http, urls: { inject: string; inspect: string }, base: number): Promise<number> {
  const total = BATCH * BATCHES_PER_RUN;
  const started = performance.now();
  const deadline = started + RUN_TIME_LIMIT_MS;
  let nextBatch = 0;
  const inject = async () => {
    while (nextBatch < BATCHES_PER_RUN && performance.now() < deadline) {
      const b = nextBatch++;
      const body = JSON.stringify({ items: Array.from({ length: BATCH }, (_, i) => ({ seq: base + b * BATCH + i, key: `k${i % 97}`, v: i })) });
      for (;;) {
        const r = await http("POST", urls.inject, body);
        if (r.status === 200) break;
        if (r.status !== 503 || performance.now() > deadline) throw new Error(`inject: ${r.status} ${r.text.slice(0, 200)}`);
        await new Promise((done) => setTimeout(done, Math.min(r.retryAfterMs ?? 10, 50)));
      }
    }
  };
  let read = 0;
  let since = await sinkEnd(http, urls.inspect);
  const drain = async () => {
    while (read < total && performance.now() < deadline) {
      const r = JSON.parse((await http("GET", `${urls.inspect}?since=${since}&limit=20000`)).text) as { items: unknown[]; next: number; missed: number };
      if (r.missed > 0) throw new Error(`the reader fell behind the sink buffer by ${r.missed} tuples`);
      read += r.items.length;
      since = r.next;
      if (r.items.length === 0) await new Promise((done) => setTimeout(done, 2));
    }
  };
  await Promise.all([...Array.from({ length: IN_FLIGHT }, inject), drain()]);
  const seconds = (performance.now() - started) / 1000;
  if (read < total) throw new Error(`only ${read} of ${total} tuples came back within ${RUN_TIME_LIMIT_MS} ms`);
  return total / seconds;
}

/** Where the sink's numbering stands now, so a run reads only its own tuples. */
async function sinkEnd(http: Http, inspect: string): Promise<number> {
  return (JSON.parse((await http("GET", `${inspect}?since=${Number.MAX_SAFE_INTEGER}`)).text) as { next: number }).next;
}

export async function run(): Promise<void> {
  const bundled = fileURLToPath(new URL("../dist/sim-dc.js", import.meta.url));
  const twin = await startTwin({ dcs: ["dc1"], hosts: 2, seed: 1, ...(existsSync(bundled) ? { dcCommand: { command: process.execPath, args: [bundled] } } : {}) });
  const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT + 1 });
  try {
    const http = client(`Basic ${Buffer.from(`${twin.description.user}:${twin.password}`).toString("base64")}`, agent);
    const urls = await setUp(twin, http);
    await once(http, urls, 0); // warm-up
    const rates: number[] = [];
    for (let i = 1; i <= RUNS; i++) rates.push(await once(http, urls, i * BATCH * BATCHES_PER_RUN));
    console.log(`Data Exchange, batches of ${BATCH}, ${BATCH * BATCHES_PER_RUN} tuples per run, ${RUNS} runs`);
    console.log(`  inject + read back through one datacenter: median ${fmt(median(rates), 0)} tuples/s (runs: ${rates.map((r) => fmt(r, 0)).join(", ")})`);
    console.log(`  target 100000 tuples/s: ${median(rates) >= 100_000 ? "met" : "NOT met"}`);
  } finally {
    agent.destroy();
    await twin.stop();
  }
}
