// Requests per second of GET …/instances/dc1/jobs (20 jobs) through the twin's REST handler,
// next to a bare node:http server answering the same bytes. Target: at least half of it.
// Loopback only; every run is bounded in requests and time.
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { fmt, median } from "./stats.js";

const REQUESTS_PER_RUN = 4000;
const CONNECTIONS = 4;
const RUNS = 5;
const RUN_TIME_LIMIT_MS = 20_000;
const PATH = "/streams/rest/instances/dc1/jobs";
const AUTH = `Basic ${Buffer.from("streamsadmin:bench").toString("base64")}`;

interface Ports {
  readonly twin: number;
  readonly bare: number;
  readonly bytes: number;
}

/** Requests per second over `REQUESTS_PER_RUN` GETs on `CONNECTIONS` keep-alive connections. */
async function measure(port: number, distinctUrls = false): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const started = performance.now();
  let sent = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      // A query parameter that names no property changes nothing but the cache key.
      const path = distinctUrls ? `${PATH}?nocache=${sent}` : PATH;
      const req = request({ host: "127.0.0.1", port, path, agent, headers: { Authorization: AUTH, Accept: "application/json" } }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        res.resume();
        res.on("end", resolve);
      });
      req.on("error", reject);
      req.end();
    });
  const worker = async () => {
    while (sent < REQUESTS_PER_RUN && performance.now() - started < RUN_TIME_LIMIT_MS) {
      sent++;
      await one();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return sent / seconds;
}

export async function run(): Promise<void> {
  const script = fileURLToPath(new URL("./rest-servers.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`the server process exited (${code})`)));
    });
    const ports = JSON.parse(line) as Ports;
    await measure(ports.twin);
    await measure(ports.bare);
    const twin: number[] = [];
    const bare: number[] = [];
    const uncached: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      twin.push(await measure(ports.twin));
      bare.push(await measure(ports.bare));
      uncached.push(await measure(ports.twin, true));
    }
    const ratio = median(twin) / median(bare);
    console.log(`GET ${PATH} (20 jobs, ${ports.bytes} bytes), ${REQUESTS_PER_RUN} requests x ${RUNS} runs, ${CONNECTIONS} keep-alive connections`);
    console.log(`  twin REST handler  median ${fmt(median(twin), 0)} req/s   (runs: ${twin.map((x) => fmt(x, 0)).join(", ")})`);
    console.log(`  twin, uncached     median ${fmt(median(uncached), 0)} req/s   (every URL distinct: each answer rendered anew)`);
    console.log(`  bare node:http     median ${fmt(median(bare), 0)} req/s   (runs: ${bare.map((x) => fmt(x, 0)).join(", ")})`);
    console.log(`  ratio ${fmt(ratio, 2)} (target >= 0.50); uncached ratio ${fmt(median(uncached) / median(bare), 2)}`);
  } finally {
    child.stdin!.end();
    child.kill();
  }
}
