// Twin hosts with SSH servers in a process of their own, for benchmarks that measure xdc's side:
// `node --import tsx bench/twin-hosts.ts FIRST_ADDRESS COUNT`, loopback only. Prints one JSON
// line (xdc's private key, and each host's address, port and host key), then serves until its
// stdin closes, so it never outlives the benchmark that started it.
import { InMemoryProcessTable, SimHost, seededRandom } from "../src/sim/host/index.js";
import { realClock } from "../src/sim/model/clock.js";
import { generateKeys, startSshServer } from "../src/sim/ssh/index.js";

const [first = "127.0.12.1", countText = "50"] = process.argv.slice(2);
const prefix = first.split(".").slice(0, 3).join(".");
const start = Number(first.split(".")[3]);
const clock = realClock();
const xdcKey = generateKeys("bench-xdc");
const hosts = [];
const closers: (() => Promise<void>)[] = [];
for (let i = 0; i < Number(countText); i++) {
  const address = `${prefix}.${start + i}`;
  const host = new SimHost({ name: `h${i + 1}`, address, cores: 4, memoryBytes: 8 << 30, diskBytes: 100 << 30, processes: new InMemoryProcessTable(), now: clock.now, random: seededRandom(i), timers: clock });
  const server = await startSshServer({ host, address, port: 0, hostKey: generateKeys(`h${i + 1}`).privateKey, authorizedKeys: [xdcKey.publicKey] });
  hosts.push({ name: `h${i + 1}`, address, port: server.port, hostKey: server.hostKeyPublic });
  closers.push(async () => {
    await server.close();
    host.dispose();
  });
}
process.stdout.write(`${JSON.stringify({ key: xdcKey.privateKey, hosts })}\n`);
process.stdin.resume();
process.stdin.on("end", async () => {
  await Promise.all(closers.map((c) => c()));
  process.exit(0);
});
