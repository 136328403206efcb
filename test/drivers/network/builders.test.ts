import { expect } from "chai";
import { bandwidth, isolate, latency, packetLoss, partition, qdiscHandle } from "../../../src/drivers/network/index.js";
import { faultHost } from "../fault-hosts.js";

const a1 = faultHost("dc1-a", "10.1.0.11");
const a2 = faultHost("dc1-b", "10.1.0.12", { user: "root" });
const base = { run: "r1", id: "f1", label: "dc1 <-> dc2" };
const keep = [
  { host: "dc1-a", peer: "10.9.0.5", port: 22, what: "ssh" },
  { host: "dc1-b", peer: "10.9.0.5", port: 22, what: "ssh" },
];

describe("network fault builders", () => {
  it("partition: ACCEPTs for xdc's channel first, then DROPs both ways, one command line per host", () => {
    const plan = partition({ ...base, hosts: [a1, a2], peers: ["10.2.0.0/24"], keep });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.summary).to.equal("partition dc1 <-> dc2 on dc1-a, dc1-b");
    expect(plan.value.hosts).to.deep.equal({ "dc1-a": a1.ssh, "dc1-b": a2.ssh });
    expect(plan.value.apply).to.deep.equal([
      {
        via: "ssh",
        host: "dc1-a",
        line:
          "sudo -n iptables -w -I INPUT 1 -s 10.9.0.5 -p tcp --dport 22 -m comment --comment xdc.r1.f1 -j ACCEPT && " +
          "sudo -n iptables -w -I OUTPUT 1 -d 10.9.0.5 -p tcp --sport 22 -m comment --comment xdc.r1.f1 -j ACCEPT && " +
          "sudo -n iptables -w -I INPUT 2 -s 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP && " +
          "sudo -n iptables -w -I OUTPUT 2 -d 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP",
      },
      {
        via: "ssh",
        host: "dc1-b",
        line:
          "iptables -w -I INPUT 1 -s 10.9.0.5 -p tcp --dport 22 -m comment --comment xdc.r1.f1 -j ACCEPT && " +
          "iptables -w -I OUTPUT 1 -d 10.9.0.5 -p tcp --sport 22 -m comment --comment xdc.r1.f1 -j ACCEPT && " +
          "iptables -w -I INPUT 2 -s 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP && " +
          "iptables -w -I OUTPUT 2 -d 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP",
      },
    ]);
    expect(plan.value.undo[0]).to.deep.equal({
      via: "ssh",
      host: "dc1-a",
      line:
        "sudo -n iptables -w -D INPUT -s 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP ; " +
        "sudo -n iptables -w -D OUTPUT -d 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP ; " +
        "sudo -n iptables -w -D INPUT -s 10.9.0.5 -p tcp --dport 22 -m comment --comment xdc.r1.f1 -j ACCEPT ; " +
        "sudo -n iptables -w -D OUTPUT -d 10.9.0.5 -p tcp --sport 22 -m comment --comment xdc.r1.f1 -j ACCEPT",
    });
    expect(plan.value.verify[0]).to.deep.equal({
      what: "dc1-a lists 4 rules tagged xdc.r1.f1",
      probe: { via: "ssh", host: "dc1-a", line: "sudo -n iptables -w -S" },
      expect: { exit: [0], pattern: '--comment "?xdc\\.r1\\.f1"?( |$)', min: 4, max: 4 },
    });
    expect(plan.value.verifyUndone[1]!.expect).to.deep.equal({ exit: [0], pattern: '--comment "?xdc\\.r1\\.f1"?( |$)', min: 0, max: 0 });
  });

  it("partition: the tag pattern counts this fault's rules and no other's", () => {
    const plan = partition({ ...base, hosts: [a1], peers: ["10.2.0.1"], keep: [] });
    if (!plan.ok) throw new Error(plan.error.message);
    const re = new RegExp(plan.value.verify[0]!.expect.pattern);
    expect(re.test('-A INPUT -s 10.2.0.1/32 -m comment --comment "xdc.r1.f1" -j DROP')).to.equal(true);
    expect(re.test("-A INPUT -s 10.2.0.1/32 -m comment --comment xdc.r1.f1 -j DROP")).to.equal(true);
    expect(re.test('-A INPUT -s 10.2.0.1/32 -m comment --comment "xdc.r1.f10" -j DROP')).to.equal(false);
    expect(re.test('-A INPUT -s 10.2.0.1/32 -m comment --comment "xdcXr1.f1" -j DROP')).to.equal(false);
  });

  it("partition: never a rule that cuts the kept channel before the ACCEPT is in, nor after it is out", () => {
    const plan = partition({ ...base, hosts: [a1], peers: ["10.9.0.0/16"], keep: [keep[0]!] });
    if (!plan.ok) throw new Error(plan.error.message);
    const applied = plan.value.apply[0]!.via === "ssh" ? plan.value.apply[0]!.line.split(" && ") : [];
    const undone = plan.value.undo[0]!.via === "ssh" ? plan.value.undo[0]!.line.split(" ; ") : [];
    const firstDrop = applied.findIndex((l) => l.includes("DROP"));
    expect(applied.slice(0, firstDrop).every((l) => l.includes("ACCEPT"))).to.equal(true);
    expect(applied.slice(0, firstDrop)).to.have.length(2);
    // Each DROP goes in right below its chain's ACCEPT (position 2), so the peers' /16 cannot shadow xdc's own address.
    expect(applied.slice(firstDrop).every((l) => / (INPUT|OUTPUT) 2 /.test(l))).to.equal(true);
    const firstAccept = undone.findIndex((l) => l.includes("ACCEPT"));
    expect(undone.slice(firstAccept).every((l) => l.includes("ACCEPT"))).to.equal(true);
    expect(undone.slice(0, firstAccept).every((l) => l.includes("DROP"))).to.equal(true);
  });

  it("isolate is a partition from every peer, under its own kind", () => {
    const plan = isolate({ ...base, label: "dc1", hosts: [a2], peers: ["10.2.0.0/24", "10.3.0.0/24"], keep: [] });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.kind).to.equal("isolate");
    expect(plan.value.apply[0]).to.deep.include({
      line:
        "iptables -w -I INPUT 1 -s 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP && iptables -w -I OUTPUT 1 -d 10.2.0.0/24 -m comment --comment xdc.r1.f1 -j DROP && " +
        "iptables -w -I INPUT 1 -s 10.3.0.0/24 -m comment --comment xdc.r1.f1 -j DROP && iptables -w -I OUTPUT 1 -d 10.3.0.0/24 -m comment --comment xdc.r1.f1 -j DROP",
    });
  });

  it("packet_loss: a statistic match on the DROPs only", () => {
    const plan = packetLoss({ ...base, hosts: [a2], peers: ["10.2.0.7"], keep: [keep[1]!], lossPercent: 5 });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.summary).to.equal("drop 5% of packets dc1 <-> dc2 on dc1-b");
    expect(plan.value.apply[0]).to.deep.include({
      line:
        "iptables -w -I INPUT 1 -s 10.9.0.5 -p tcp --dport 22 -m comment --comment xdc.r1.f1 -j ACCEPT && " +
        "iptables -w -I OUTPUT 1 -d 10.9.0.5 -p tcp --sport 22 -m comment --comment xdc.r1.f1 -j ACCEPT && " +
        "iptables -w -I INPUT 2 -s 10.2.0.7 -m statistic --mode random --probability 0.05 -m comment --comment xdc.r1.f1 -j DROP && " +
        "iptables -w -I OUTPUT 2 -d 10.2.0.7 -m statistic --mode random --probability 0.05 -m comment --comment xdc.r1.f1 -j DROP",
    });
    expect(packetLoss({ ...base, hosts: [a2], peers: ["10.2.0.7"], keep: [], lossPercent: 0 }).ok).to.equal(false);
    expect(packetLoss({ ...base, hosts: [a2], peers: ["10.2.0.7"], keep: [], lossPercent: 0.1 })).to.satisfy((p: ReturnType<typeof packetLoss>) => p.ok && p.value.apply[0]!.via === "ssh" && p.value.apply[0]!.line.includes("--probability 0.001 "));
  });

  it("latency: a netem root qdisc whose handle is the fault's tag", () => {
    const handle = qdiscHandle("r1", "f1");
    expect(handle).to.match(/^[1-7]?[0-9a-f]{1,3}$/);
    expect(qdiscHandle("r1", "f2")).to.not.equal(handle);
    const plan = latency({ ...base, hosts: [a1, a2], delayMs: 200, jitterMs: 20 });
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.summary).to.equal("delay (+200ms ±20ms) dc1 <-> dc2 on dc1-a, dc1-b");
    expect(plan.value.apply).to.deep.equal([
      { via: "ssh", host: "dc1-a", line: `sudo -n tc qdisc add dev eth0 root handle ${handle}: netem delay 200ms 20ms` },
      { via: "ssh", host: "dc1-b", line: `tc qdisc add dev eth0 root handle ${handle}: netem delay 200ms 20ms` },
    ]);
    expect(plan.value.undo[0]).to.deep.equal({ via: "ssh", host: "dc1-a", line: `sudo -n tc qdisc del dev eth0 root handle ${handle}:` });
    expect(plan.value.verify[1]).to.deep.equal({
      what: `dc1-b shows netem ${handle}: as the root qdisc of eth0`,
      probe: { via: "ssh", host: "dc1-b", line: "tc qdisc show dev eth0" },
      expect: { exit: [0], pattern: `^qdisc netem ${handle}: root`, min: 1, max: 1 },
    });
    expect(plan.value.verifyUndone[1]!.expect.pattern).to.equal(`^qdisc \\S+ ${handle}: `);
    const lossy = latency({ ...base, hosts: [a2], delayMs: 0.5, jitterMs: 0, lossPercent: 2 });
    expect(lossy.ok && lossy.value.apply[0]).to.deep.include({ line: `tc qdisc add dev eth0 root handle ${handle}: netem delay 500us loss 2%` });
  });

  it("latency: refuses a netem loss that would starve xdc's own session", () => {
    const plan = latency({ ...base, hosts: [a1], delayMs: 10, jitterMs: 0, lossPercent: 50 });
    expect(!plan.ok && plan.error.message).to.match(/use packet_loss/);
  });

  it("bandwidth: a token bucket at the rate in bytes per second", () => {
    const plan = bandwidth({ ...base, hosts: [faultHost("dc2-a", "10.2.0.1", { user: "root", device: "ens3" })], bytesPerSecond: 1_000_000 });
    if (!plan.ok) throw new Error(plan.error.message);
    const handle = qdiscHandle("r1", "f1");
    expect(plan.value.apply[0]).to.deep.include({ line: `tc qdisc add dev ens3 root handle ${handle}: tbf rate 1000000bps burst 20000 latency 100ms` });
    expect(plan.value.verify[0]!.expect.pattern).to.equal(`^qdisc tbf ${handle}: root`);
  });

  it("refuses inputs that would make a broken or surprising rule", () => {
    const bad = [
      partition({ ...base, hosts: [a1], peers: [], keep: [] }),
      partition({ ...base, hosts: [a1], peers: ["dc2.example"], keep: [] }),
      partition({ ...base, hosts: [a1], peers: ["10.2.0.0/33"], keep: [] }),
      partition({ ...base, hosts: [a1], peers: ["10.2.0.1"], keep: [{ host: "dc1-a", peer: "10.9.0.0/24", port: 22, what: "ssh" }] }),
      partition({ ...base, hosts: [a1, a1], peers: ["10.2.0.1"], keep: [] }),
      partition({ ...base, run: "r 1", hosts: [a1], peers: ["10.2.0.1"], keep: [] }),
      latency({ ...base, hosts: [faultHost("x", "10.0.0.1", { device: "eth0; reboot" })], delayMs: 1, jitterMs: 0 }),
      bandwidth({ ...base, hosts: [a1], bytesPerSecond: 10 }),
    ];
    expect(bad.map((b) => (b.ok ? "accepted" : b.error.code))).to.deep.equal(Array(bad.length).fill("fault-input"));
  });
});
