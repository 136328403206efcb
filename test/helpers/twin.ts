import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FaultHost } from "../../src/drivers/faults/types.js";
import { parseKnownHosts, SshPool } from "../../src/drivers/ssh/index.js";
import { InMemoryProcessTable, SimHost, seededRandom, type ProcessTable } from "../../src/sim/host/index.js";
import { realClock } from "../../src/runtime/clock.js";
import { realClock as simClock } from "../../src/sim/model/clock.js";
import { generateKeys, startSshServer, type GeneratedKeys, type SshServer } from "../../src/sim/ssh/index.js";

export interface TwinHost<T extends ProcessTable = InMemoryProcessTable> {
  readonly sim: SimHost;
  readonly table: T;
  readonly server: SshServer;
  /** As the fault builders take it; host key pinned, as the environment would give it. */
  readonly fault: FaultHost;
}

export interface Twin<T extends ProcessTable = InMemoryProcessTable> {
  readonly hosts: Readonly<Record<string, TwinHost<T>>>;
  readonly xdcKey: GeneratedKeys;
  readonly dir: string;
  /** A fresh pool with xdc's key and strict host-key checking (keys come from the targets). */
  pool(options?: { connectTimeoutMs?: number }): SshPool;
  /** Stops one host's SSH server and starts it again on the same port (a host that was unreachable for a while). */
  restartSsh(name: string): Promise<void>;
  stopSsh(name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Simulated hosts with real SSH servers on their own loopback addresses, as the twin runs
 * them: `{ "dc1-a": "127.0.6.1", … }`. Real time (the SSH traffic is real anyway).
 */
export async function startTwin(addresses: Readonly<Record<string, string>>, options: { user?: string } = {}): Promise<Twin> {
  return startTwinWith(addresses, (i) => new InMemoryProcessTable({ firstPid: 1000 + 100 * i }), options);
}

/** The same, with each host's processes from `tables` (say, the Streams PEs placed on it). */
export async function startTwinWith<T extends ProcessTable>(addresses: Readonly<Record<string, string>>, tables: (i: number, name: string) => T, options: { user?: string } = {}): Promise<Twin<T>> {
  const simTime = simClock();
  const clock = realClock();
  const xdcKey = generateKeys("xdc@test");
  const dir = mkdtempSync(join(tmpdir(), "xdc-twin-"));
  const hosts: Record<string, TwinHost<T>> = {};
  const keys: Record<string, GeneratedKeys> = {};
  const serve = (name: string, sim: SimHost, port: number) => startSshServer({ host: sim, address: addresses[name]!, port, hostKey: keys[name]!.privateKey, authorizedKeys: [xdcKey.publicKey] });
  for (const [i, [name, address]] of Object.entries(addresses).entries()) {
    keys[name] = generateKeys(name);
    const table = tables(i, name);
    const sim = new SimHost({ name, address, cores: 4, memoryBytes: 8 * 1024 ** 3, diskBytes: 100 * 1024 ** 3, processes: table, now: simTime.now, random: seededRandom(7 + i), timers: simTime });
    const server = await serve(name, sim, 0);
    const user = options.user ?? "root";
    hosts[name] = { sim, table, server, fault: { ssh: { name, address, port: server.port, user, hostKeys: [server.hostKeyPublic] }, address, sudo: user !== "root", device: "eth0" } };
  }
  const stopSsh = async (name: string) => {
    await hosts[name]!.server.close();
  };
  return {
    hosts,
    xdcKey,
    dir,
    pool: (o = {}) => {
      const p = SshPool.create({ auth: { identities: [{ key: xdcKey.privateKey, source: "test key" }] }, hostKeys: { kind: "strict", knownHosts: parseKnownHosts("", "none"), file: "none" }, clock, connectTimeoutMs: o.connectTimeoutMs ?? 3000, commandTimeoutMs: 5000 });
      if (!p.ok) throw new Error(p.error);
      return p.value;
    },
    stopSsh,
    restartSsh: async (name) => {
      const h = hosts[name]!;
      hosts[name] = { ...h, server: await serve(name, h.sim, h.server.port) };
    },
    close: async () => {
      await Promise.all(Object.values(hosts).map((h) => h.server.close().catch(() => undefined)));
      for (const h of Object.values(hosts)) h.sim.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The Streams PE process line a twin host shows. */
export const peProcess = (pe: number, job = 3) => ({
  ppid: 1,
  user: "streamsadmin",
  command: "/opt/teracloud/streams/7.2.0.0/system/impl/bin/streams-pec",
  args: `-pe ${pe} -job ${job}`,
  state: "running" as const,
  startedAt: Date.now() - 60_000,
});

/** What a twin host still carries of any xdc fault: tagged rules, xdc qdiscs, stopped processes, stress-ng. */
export async function leftovers(sim: SimHost): Promise<string[]> {
  const rules = (await sim.exec("iptables -S", "root")).stdout.split("\n").filter((l) => l.includes("xdc."));
  const qdiscs = (await sim.exec("tc qdisc show dev eth0", "root")).stdout.split("\n").filter((l) => /^qdisc (netem|tbf) /.test(l));
  const stopped = sim.processes().filter((p) => p.state === "stopped").map((p) => `stopped: ${p.pid} ${p.command}`);
  const stress = sim.processes().filter((p) => p.command.startsWith("stress-ng")).map((p) => `running: ${p.pid} ${p.command} ${p.args}`);
  return [...rules, ...qdiscs, ...stopped, ...stress];
}
