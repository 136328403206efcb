// Spawned by rest.bench.ts: serves one twin instance with 20 jobs through the REST handler,
// and a bare node:http server answering the same job-list bytes, both on 127.0.0.1. Runs in its
// own process so that the servers and the load generator do not share a thread. Prints the
// ports as one JSON line; exits when its stdin closes (the benchmark ended or died).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { StreamsInstance } from "../src/sim/model/instance.js";
import { realClock } from "../src/sim/model/clock.js";
import { seededRandom } from "../src/sim/model/random.js";
import { createRestHandler } from "../src/sim/rest/handler.js";

const JOBS = 20;
const clock = realClock();
const instance = new StreamsInstance({
  id: "dc1",
  hosts: [1, 2, 3].map((k) => ({ id: `dc1-h${k}`, ipAddress: `127.0.1.${10 + k}` })),
  now: clock.now,
  timers: clock,
  random: seededRandom(1),
});
const uploaded = instance.uploadBundle(readFileSync(new URL("../examples/apps/FailoverDemo.sab", import.meta.url)));
if (!uploaded.ok) throw new Error(uploaded.error.message);
for (let i = 0; i < JOBS; i++) instance.submitJob({ bundleId: uploaded.value.bundleId, startedBy: "streamsadmin", jobName: `bench-${i}` });

const handler = createRestHandler({ instance, baseUrl: "http://127.0.0.1:8443", credentials: { user: "streamsadmin", password: "bench" } });
const twin = createServer((req, res) => handler(req, res));
await new Promise<void>((resolve) => twin.listen(0, "127.0.0.1", resolve));

// The bare server answers the bytes the twin answers, with the same headers.
const port = (twin.address() as AddressInfo).port;
const auth = `Basic ${Buffer.from("streamsadmin:bench").toString("base64")}`;
const body = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/streams/rest/instances/dc1/jobs`, { headers: { Authorization: auth } })).arrayBuffer());
const bare = createServer((_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
  res.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));

process.stdout.write(`${JSON.stringify({ twin: port, bare: (bare.address() as AddressInfo).port, bytes: body.length })}\n`);
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.stdin.on("close", () => process.exit(0));
