import { expect } from "chai";
import { realClock } from "../../src/runtime/clock.js";

import { join } from "node:path";
import type { FaultPlan } from "../../src/drivers/faults/types.js";
import { bandwidth, isolate, latency, packetLoss, partition } from "../../src/drivers/network/index.js";
import { killPes, pausePes } from "../../src/drivers/process/index.js";
import { stress } from "../../src/drivers/resource/index.js";
import type { SshPool } from "../../src/drivers/ssh/index.js";
import { must } from "../helpers/must.js";
import { FaultRunner } from "../../src/runtime/fault-runner.js";
import { pinHostKeys, sshChannels } from "../../src/runtime/fault-targets.js";
import { Ledger, readLedger } from "../../src/runtime/ledger.js";
import { recover } from "../../src/runtime/recover.js";
import { leftovers, peProcess, startTwin, type Twin } from "../helpers/twin.js";

const clock = realClock();

const DC1 = { "dc1-a": "127.0.6.1", "dc1-b": "127.0.6.2", "dc1-c": "127.0.6.3" };
const DC2 = { "dc2-a": "127.0.7.1", "dc2-b": "127.0.7.2", "dc2-c": "127.0.7.3" };
const dc2Addresses = Object.values(DC2);
const heartbeat = (src: string, dst: string) => ({ direction: "in" as const, protocol: "tcp" as const, src, dst, sport: 40000, dport: 25091 });

describe("faults end to end on the twin's hosts over SSH", function () {
  let twin: Twin;
  let pool: SshPool;
  let ledger: Ledger;
  let ledgerPath: string;
  let runner: FaultRunner;
  let n = 0;
  const dc1 = () => Object.keys(DC1).map((k) => twin.hosts[k]!.fault);
  const id = () => `f${++n}`;

  before(async () => {
    twin = await startTwin({ ...DC1, ...DC2 });
    twin.hosts["dc1-a"]!.table.add(peProcess(7));
    twin.hosts["dc1-a"]!.table.add(peProcess(8));
  });

  beforeEach(async () => {
    pool = twin.pool();
    ledgerPath = join(twin.dir, `ledger-${n}.jsonl`);
    ledger = must(await Ledger.open(ledgerPath));
    runner = new FaultRunner({ shell: pool, ledger, clock, by: "run", verifyTimeoutMs: 2000, verifyIntervalMs: 20 });
  });

  afterEach(async () => {
    await ledger.close();
    await pool.close();
    for (const h of Object.values(twin.hosts)) expect(await leftovers(h.sim), h.fault.ssh.name).to.deep.equal([]);
  });

  after(() => twin.close());

  /** Applies, runs `during`, undoes; checks the ledger records both. */
  async function roundTrip(plan: FaultPlan, during: () => Promise<void> | void): Promise<void> {
    must(await runner.apply(plan));
    await during();
    const report = await runner.undo(plan);
    expect(report).to.deep.include({ status: "undone", problems: [] });
    const state = must(await readLedger(ledgerPath));
    expect(state.records.map((r) => r.type)).to.deep.equal(["apply", "undone"]);
    expect(state.outstanding).to.deep.equal([]);
  }

  it("partition: dc1 stops hearing dc2 and heals after the undo", async () => {
    const hosts = must(await pinHostKeys(pool, dc1()));
    const keep = must(await sshChannels(pool, hosts));
    expect(keep.map((k) => k.peer)).to.deep.equal(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
    const plan = must(partition({ run: "t1", id: id(), hosts, peers: dc2Addresses, keep, label: "dc1 <-> dc2" }));
    const a = twin.hosts["dc1-a"]!.sim;
    expect(a.filter(heartbeat("127.0.7.2", "127.0.6.1")).action).to.equal("accept");
    await roundTrip(plan, () => {
      expect(a.filter(heartbeat("127.0.7.2", "127.0.6.1")).action).to.equal("drop");
      expect(a.filter({ ...heartbeat("127.0.6.1", "127.0.7.3"), direction: "out" }).action).to.equal("drop");
      expect(twin.hosts["dc1-c"]!.sim.filter(heartbeat("127.0.7.1", "127.0.6.3")).action).to.equal("drop");
      // Traffic inside dc1 is untouched.
      expect(a.filter(heartbeat("127.0.6.2", "127.0.6.1")).action).to.equal("accept");
    });
    expect(a.filter(heartbeat("127.0.7.2", "127.0.6.1")).action).to.equal("accept");
  });

  it("partition: never cuts xdc's own SSH channel, even when xdc's address is among the peers", async () => {
    const hosts = must(await pinHostKeys(pool, dc1().slice(0, 1)));
    const keep = must(await sshChannels(pool, hosts));
    // The peers include 127.0.0.1, the address xdc connects from: only the ACCEPT keeps SSH open.
    const plan = must(partition({ run: "t1", id: id(), hosts, peers: ["127.0.0.0/30", ...dc2Addresses], keep, label: "dc1 <-> everyone" }));
    const careless = must(partition({ run: "t1", id: id(), hosts, peers: ["127.0.0.0/30"], keep: [], label: "careless" }));
    await roundTrip(plan, async () => {
      const fresh = twin.pool();
      try {
        const r = await fresh.exec(hosts[0]!.ssh, "echo still reachable");
        expect(r.ok && r.value.stdout).to.equal("still reachable\n");
      } finally {
        await fresh.close();
      }
    });
    // The same cut without the exemption locks a new connection out: the exemption is what kept it open.
    must(await runner.apply(careless));
    const fresh = twin.pool({ connectTimeoutMs: 300 });
    try {
      const r = await fresh.exec(hosts[0]!.ssh, "true");
      expect(!r.ok && r.error.code).to.equal("timeout");
    } finally {
      await fresh.close();
    }
    expect((await runner.undo(careless)).status).to.equal("undone");
  });

  it("isolate: dc2-a hears neither dc1 nor the rest of dc2, and all again after the undo", async () => {
    const hosts = must(await pinHostKeys(pool, [twin.hosts["dc2-a"]!.fault]));
    const others = [...Object.values(DC1), "127.0.7.2", "127.0.7.3"];
    const plan = must(isolate({ run: "t1", id: id(), hosts, peers: others, keep: must(await sshChannels(pool, hosts)), label: "dc2-a" }));
    const a = twin.hosts["dc2-a"]!.sim;
    await roundTrip(plan, () => {
      for (const src of others) expect(a.filter(heartbeat(src, "127.0.7.1")).action, src).to.equal("drop");
    });
    for (const src of others) expect(a.filter(heartbeat(src, "127.0.7.1")).action, src).to.equal("accept");
  });

  it("packet_loss: drops a share of dc2's packets, and none after the undo", async () => {
    const hosts = must(await pinHostKeys(pool, dc1().slice(0, 1)));
    const plan = must(packetLoss({ run: "t1", id: id(), hosts, peers: dc2Addresses, keep: must(await sshChannels(pool, hosts)), label: "dc1 <-> dc2", lossPercent: 50 }));
    const a = twin.hosts["dc1-a"]!.sim;
    await roundTrip(plan, () => {
      const verdicts = Array.from({ length: 200 }, () => a.filter(heartbeat("127.0.7.1", "127.0.6.1")).action);
      expect(verdicts.filter((v) => v === "drop").length).to.be.within(60, 140);
    });
    expect(a.filter(heartbeat("127.0.7.1", "127.0.6.1")).action).to.equal("accept");
  });

  it("latency: dc1's and dc2's messages are delayed, and not after the undo", async () => {
    const hosts = must(await pinHostKeys(pool, [twin.hosts["dc1-b"]!.fault, twin.hosts["dc2-b"]!.fault]));
    const plan = must(latency({ run: "t1", id: id(), hosts, delayMs: 200, jitterMs: 20, label: "dc1 <-> dc2" }));
    const b = twin.hosts["dc1-b"]!.sim;
    const out = { ...heartbeat("127.0.6.2", "127.0.7.2"), direction: "out" as const };
    await roundTrip(plan, () => {
      expect(b.shape(out, 100).delayMs).to.be.within(180, 220);
      expect(twin.hosts["dc2-b"]!.sim.shape({ ...out, src: "127.0.7.2", dst: "127.0.6.2" }, 100).delayMs).to.be.within(180, 220);
    });
    expect(b.shape(out, 100).delayMs).to.equal(0);
  });

  it("latency: a host that already has a root qdisc of its own keeps it, and the fault fails cleanly", async () => {
    const c = twin.hosts["dc1-c"]!.sim;
    await c.exec("tc qdisc add dev eth0 root netem delay 5ms", "root");
    try {
      const plan = must(latency({ run: "t1", id: id(), hosts: [twin.hosts["dc1-c"]!.fault], delayMs: 100, jitterMs: 0, label: "dc1" }));
      const r = await runner.apply(plan);
      expect(!r.ok && r.error.code).to.equal("apply-failed");
      expect(!r.ok && r.error.message).to.include("Exclusivity flag on");
      expect(!r.ok && r.error.undo?.status).to.equal("undone");
      expect((await c.exec("tc qdisc show dev eth0", "root")).stdout).to.match(/^qdisc netem 8\w+: root .*delay 5ms/);
    } finally {
      await c.exec("tc qdisc del dev eth0 root", "root");
    }
  });

  it("bandwidth: what dc1-a sends is limited to the rate", async () => {
    const plan = must(bandwidth({ run: "t1", id: id(), hosts: [twin.hosts["dc1-a"]!.fault], bytesPerSecond: 125_000, label: "dc1 <-> dc2" }));
    const a = twin.hosts["dc1-a"]!.sim;
    await roundTrip(plan, () => {
      expect(a.shape({ ...heartbeat("127.0.6.1", "127.0.7.1"), direction: "out" }, 1000).bytesPerSecond).to.equal(125_000);
    });
  });

  it("pause: a PE found by host and pid stops, and runs again after the undo", async () => {
    const a = twin.hosts["dc1-a"]!;
    const pid = a.table.list().find((p) => p.args === "-pe 7 -job 3")!.pid;
    const plan = must(pausePes({ run: "t1", id: id(), targets: [{ host: a.fault, pid, pe: "PE 7" }] }));
    await roundTrip(plan, () => {
      expect(a.table.list().find((p) => p.pid === pid)?.state).to.equal("stopped");
    });
    expect(a.table.list().find((p) => p.pid === pid)?.state).to.equal("running");
  });

  it("kill: a PE's process ends with the signal; nothing is left to undo", async () => {
    const a = twin.hosts["dc1-a"]!;
    const pid = a.table.list().find((p) => p.args === "-pe 8 -job 3")!.pid;
    const plan = must(killPes({ run: "t1", id: id(), targets: [{ host: a.fault, pid, pe: "PE 8" }], signal: "KILL" }));
    must(await runner.apply(plan));
    expect(a.table.list().some((p) => p.pid === pid)).to.equal(false);
    const state = must(await readLedger(ledgerPath));
    expect(state.records.map((r) => (r.type === "undone" ? r.note : r.type))).to.deep.equal(["apply", "nothing to undo"]);
  });

  for (const load of [
    { kind: "stress_cpu", workers: 2, loadPercent: 100 },
    { kind: "stress_memory", bytes: 1024 ** 3 },
    { kind: "stress_disk", bytes: 2 * 1024 ** 3, path: "/tmp" },
  ] as const) {
    it(`${load.kind}: the host carries the load until the undo`, async () => {
      const b = twin.hosts["dc1-b"]!;
      const plan = must(stress({ run: "t1", id: id(), host: b.fault, load, timeoutSeconds: 60 }));
      await roundTrip(plan, () => {
        const l = b.sim.load();
        expect([l.cpuWorkers, l.memoryBytes, l.diskBytes]).to.deep.equal(
          load.kind === "stress_cpu" ? [2, 0, 0] : load.kind === "stress_memory" ? [0, 1024 ** 3, 0] : [0, 0, 2 * 1024 ** 3],
        );
      });
      expect(b.sim.load().cpuWorkers).to.equal(0);
    });
  }

  it("a failed undo is reported with the command to run by hand, and xdc recover finishes it later", async () => {
    const hosts = must(await pinHostKeys(pool, dc1().slice(2)));
    const plan = must(partition({ run: "t1", id: id(), hosts, peers: dc2Addresses, keep: must(await sshChannels(pool, hosts)), label: "dc1 <-> dc2" }));
    must(await runner.apply(plan));
    await pool.close();
    await twin.stopSsh("dc1-c");
    const failed = await new FaultRunner({ shell: twin.pool({ connectTimeoutMs: 300 }), ledger, clock, by: "run", verifyTimeoutMs: 100, verifyIntervalMs: 50 }).undo(plan);
    expect(failed.status).to.equal("failed");
    expect(failed.problems.join("\n")).to.include("cannot reach dc1-c");
    const port = hosts[0]!.ssh.port;
    expect(failed.manual).to.deep.equal([
      `ssh -p ${port} root@127.0.6.3 'iptables -w -D INPUT -s 127.0.7.1 -m comment --comment xdc.t1.${plan.id} -j DROP ; iptables -w -D OUTPUT -d 127.0.7.1 -m comment --comment xdc.t1.${plan.id} -j DROP ; ` +
        `iptables -w -D INPUT -s 127.0.7.2 -m comment --comment xdc.t1.${plan.id} -j DROP ; iptables -w -D OUTPUT -d 127.0.7.2 -m comment --comment xdc.t1.${plan.id} -j DROP ; ` +
        `iptables -w -D INPUT -s 127.0.7.3 -m comment --comment xdc.t1.${plan.id} -j DROP ; iptables -w -D OUTPUT -d 127.0.7.3 -m comment --comment xdc.t1.${plan.id} -j DROP ; ` +
        `iptables -w -D INPUT -s 127.0.0.1 -p tcp --dport ${port} -m comment --comment xdc.t1.${plan.id} -j ACCEPT ; iptables -w -D OUTPUT -d 127.0.0.1 -p tcp --sport ${port} -m comment --comment xdc.t1.${plan.id} -j ACCEPT'`,
    ]);
    expect((await readLedger(ledgerPath)).ok && must(await readLedger(ledgerPath)).outstanding.map((f) => f.id)).to.deep.equal([plan.id]);
    await twin.restartSsh("dc1-c");
    const recoverPool = twin.pool();
    try {
      const first = must(await recover(ledgerPath, { shell: recoverPool, clock, verifyTimeoutMs: 500 }));
      expect(first.undone.map((u) => [u.id, u.status])).to.deep.equal([[plan.id, "undone"]]);
      const second = must(await recover(ledgerPath, { shell: recoverPool, clock }));
      expect(second.undone).to.deep.equal([]);
    } finally {
      await recoverPool.close();
    }
  });
});
