// The latency of a fault command pair (`iptables -A …` then `iptables -C …`) over one warm SSH
// connection to a twin host, alone and with 50 hosts answering at once (127.0.9.1–50, loopback
// only). Every loop is bounded in count; each command has a time limit. Clients and servers
// share this one process (and its cores), so the parallel figure is a throughput bound.
import ssh2 from "ssh2";
import { InMemoryProcessTable, SimHost, seededRandom } from "../src/sim/host/index.js";
import { generateKeys, startSshServer, type SshServer } from "../src/sim/ssh/index.js";
import { fmt, median } from "./stats.js";

const HOSTS = 50;
const PAIRS_ALONE = 60;
const ROUNDS = 5;
const PAIRS_PER_ROUND = 6;
const COMMAND_LIMIT_MS = 10_000;

interface Target {
  readonly server: SshServer;
  readonly client: ssh2.Client;
  readonly address: string;
}

function exec(client: ssh2.Client, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${command} within ${COMMAND_LIMIT_MS} ms`)), COMMAND_LIMIT_MS);
    client.exec(command, (err, channel) => {
      if (err) {
        clearTimeout(timer);
        return reject(err);
      }
      let code = -1;
      channel.on("data", () => undefined);
      channel.stderr.on("data", () => undefined);
      channel.on("exit", (c: number) => (code = c));
      channel.on("close", () => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  });
}

async function start(address: string, hostKey: string, clientKey: ReturnType<typeof generateKeys>): Promise<Target> {
  const host = new SimHost({ name: address, address, cores: 4, memoryBytes: 8 << 30, diskBytes: 100 << 30, processes: new InMemoryProcessTable(), now: Date.now, random: seededRandom(1) });
  const server = await startSshServer({ host, address, port: 0, hostKey, authorizedKeys: [clientKey.publicKey] });
  const client = await new Promise<ssh2.Client>((resolve, reject) => {
    const c = new ssh2.Client();
    // xdc's own SSH driver should do the same: without it each command waits on delayed ACKs.
    c.on("ready", () => resolve(c.setNoDelay(true))).on("error", reject);
    c.connect({ host: address, port: server.port, username: "root", privateKey: clientKey.privateKey, readyTimeout: COMMAND_LIMIT_MS });
  });
  await exec(client, "true");
  return { server, client, address };
}

/** One `-A` then `-C` of a rule unique to `n`; returns the pair's latency in ms. */
async function pair(target: Target, n: number): Promise<number> {
  const rule = `INPUT -s 10.${(n >> 8) & 255}.${n & 255}.1 -p tcp --dport 25091 -m comment --comment "xdc bench ${n}" -j DROP`;
  const t0 = performance.now();
  const added = await exec(target.client, `iptables -A ${rule}`);
  const checked = await exec(target.client, `iptables -C ${rule}`);
  const ms = performance.now() - t0;
  if (added !== 0 || checked !== 0) throw new Error(`iptables failed on ${target.address}: -A ${added}, -C ${checked}`);
  return ms;
}

async function stop(targets: readonly Target[]): Promise<void> {
  for (const t of targets) t.client.end();
  await Promise.all(targets.map((t) => t.server.close()));
}

export async function run(): Promise<void> {
  const hostKey = generateKeys("bench-host").privateKey;
  const clientKey = generateKeys("bench-client");

  const alone = await start("127.0.9.1", hostKey, clientKey);
  const aloneMs: number[] = [];
  for (let n = 0; n < PAIRS_ALONE; n++) aloneMs.push(await pair(alone, n));
  await stop([alone]);

  const targets: Target[] = [];
  for (let i = 1; i <= HOSTS; i++) targets.push(await start(`127.0.9.${i}`, hostKey, clientKey));
  const roundMedians: number[] = [];
  // Round 0 warms the JIT on the parallel path and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    const latencies = await Promise.all(
      targets.map(async (t) => {
        const ms: number[] = [];
        for (let k = 0; k < PAIRS_PER_ROUND; k++) ms.push(await pair(t, round * PAIRS_PER_ROUND + k));
        return ms;
      }),
    );
    if (round > 0) roundMedians.push(median(latencies.flat()));
  }
  await stop(targets);

  const single = median(aloneMs);
  const parallel = median(roundMedians);
  console.log(`iptables -A then -C over one warm SSH connection (median of ${PAIRS_ALONE} pairs): ${fmt(single, 2)} ms`);
  console.log(`same, ${HOSTS} hosts at once (median of ${ROUNDS} round medians, ${PAIRS_PER_ROUND} pairs per host per round): ${fmt(parallel, 2)} ms`);
  console.log(`  round medians: ${roundMedians.map((m) => fmt(m, 2)).join(", ")} ms`);
  console.log(`ratio ${HOSTS} hosts / 1 host: ${fmt(parallel / single, 1)}x`);
}
