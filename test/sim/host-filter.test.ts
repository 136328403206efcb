import { expect } from "chai";
import type { Flow } from "../../src/sim/host/index.js";
import { makeHost } from "./host-fixture.js";

/** A heartbeat from dc2's first host to this host (127.0.1.1), toolkit port 25091. */
const heartbeat = (over: Partial<Flow> = {}): Flow => ({ direction: "in", protocol: "tcp", src: "127.0.2.1", dst: "127.0.1.1", sport: 40000, dport: 25091, ...over });

async function hostWith(...rules: string[]) {
  const fixture = makeHost();
  for (const rule of rules) {
    const r = await fixture.run(`iptables ${rule}`);
    expect(r.code, `${rule}: ${r.stderr}`).to.equal(0);
  }
  return fixture;
}

describe("sim host: packet filter", () => {
  it("accepts everything by default", async () => {
    const { host } = await hostWith();
    expect(host.filter(heartbeat())).to.deep.equal({ action: "accept" });
    expect(host.filter(heartbeat({ direction: "out", src: "127.0.1.1", dst: "127.0.2.1" }))).to.deep.equal({ action: "accept" });
  });

  it("matches source networks and masks, and names the deciding rule", async () => {
    const { host } = await hostWith("-A INPUT -s 127.0.2.0/24 -j DROP");
    expect(host.filter(heartbeat())).to.deep.equal({ action: "drop", rule: "-A INPUT -s 127.0.2.0/24 -j DROP" });
    expect(host.filter(heartbeat({ src: "127.0.3.1" })).action).to.equal("accept");
    expect(host.filter(heartbeat({ direction: "out", src: "127.0.1.1", dst: "127.0.2.1" })).action).to.equal("accept");
  });

  it("matches destinations with dotted masks and with !", async () => {
    const { host } = await hostWith("-A OUTPUT -d 127.0.2.0/255.255.255.0 -j REJECT", "-A INPUT ! -s 127.0.1.0/24 -p tcp --dport 9000 -j DROP");
    const out = (dst: string) => host.filter({ direction: "out", protocol: "tcp", src: "127.0.1.1", dst, dport: 25091 }).action;
    expect([out("127.0.2.9"), out("127.0.1.2")]).to.deep.equal(["reject", "accept"]);
    expect(host.filter(heartbeat({ dport: 9000 })).action).to.equal("drop");
    expect(host.filter(heartbeat({ dport: 9000, src: "127.0.1.2" })).action).to.equal("accept");
  });

  it("matches protocols and port ranges, inverted or not", async () => {
    const { host } = await hostWith("-A INPUT -p tcp --dport 25091:25093 -j DROP", "-A INPUT -p udp ! --sport 53 -j REJECT");
    expect(host.filter(heartbeat({ dport: 25092 })).action).to.equal("drop");
    expect(host.filter(heartbeat({ dport: 25094 })).action).to.equal("accept");
    expect(host.filter(heartbeat({ protocol: "udp", dport: 25092, sport: 53 })).action).to.equal("accept");
    expect(host.filter(heartbeat({ protocol: "udp", dport: 25092, sport: 54 })).action).to.equal("reject");
    expect(host.filter(heartbeat({ protocol: "icmp", sport: undefined, dport: undefined })).action).to.equal("accept");
  });

  it("decides by the first matching rule, so insert order counts", async () => {
    const { run, host } = await hostWith("-A INPUT -s 127.0.2.1 -j DROP");
    expect(host.filter(heartbeat()).action).to.equal("drop");
    await run("iptables -I INPUT 1 -s 127.0.2.0/24 -j ACCEPT");
    expect(host.filter(heartbeat())).to.deep.equal({ action: "accept", rule: "-A INPUT -s 127.0.2.0/24 -j ACCEPT" });
    await run("iptables -I INPUT -p tcp --dport 25091 -j REJECT");
    expect(host.filter(heartbeat()).action).to.equal("reject");
  });

  it("follows jumps into user chains and returns from them", async () => {
    const { host } = await hostWith(
      "-N XDC",
      "-A XDC -s 127.0.2.5 -j RETURN",
      "-A XDC -s 127.0.2.0/24 -j DROP",
      "-A INPUT -j XDC",
      "-A INPUT -s 127.0.2.5 -j REJECT",
    );
    expect(host.filter(heartbeat())).to.deep.equal({ action: "drop", rule: "-A XDC -s 127.0.2.0/24 -j DROP" });
    expect(host.filter(heartbeat({ src: "127.0.2.5" }))).to.deep.equal({ action: "reject", rule: "-A INPUT -s 127.0.2.5/32 -j REJECT --reject-with icmp-port-unreachable" });
    expect(host.filter(heartbeat({ src: "127.0.9.9" })).action).to.equal("accept");
  });

  it("applies the chain policy when no rule decides", async () => {
    const { host } = await hostWith("-P INPUT DROP", "-A INPUT -s 127.0.2.1 -j ACCEPT");
    expect(host.filter(heartbeat()).action).to.equal("accept");
    expect(host.filter(heartbeat({ src: "127.0.2.2" }))).to.deep.equal({ action: "drop", rule: "-P INPUT DROP" });
  });

  it("drops a share of flows with a statistic rule, the same share for the same seed", async () => {
    const drops = async () => {
      const { host } = await hostWith("-A INPUT -m statistic --mode random --probability 0.25 -j DROP");
      return Array.from({ length: 2000 }, () => host.filter(heartbeat()).action).filter((a) => a === "drop").length;
    };
    const first = await drops();
    expect(first).to.be.within(430, 570);
    expect(await drops()).to.equal(first);
  });

  it("lets management traffic through unless a rule names it", async () => {
    const { host, run } = await hostWith("-P INPUT DROP", "-A INPUT -j REJECT");
    const ssh: Flow = { direction: "in", protocol: "tcp", src: "127.0.0.1", dst: "127.0.1.1", sport: 50000, dport: 2222, management: true };
    expect(host.filter(ssh)).to.deep.equal({ action: "accept" });
    expect(host.filter(heartbeat()).action).to.equal("reject");
    await run("iptables -I INPUT -s 127.0.0.1 -p tcp --dport 2222 -j DROP");
    expect(host.filter(ssh)).to.deep.equal({ action: "drop", rule: "-A INPUT -s 127.0.0.1/32 -p tcp -m tcp --dport 2222 -j DROP" });
  });

  it("tells lo from eth0 by whether the host talks to itself", async () => {
    const { host } = await hostWith("-A INPUT -i lo -j ACCEPT", "-A INPUT -j DROP");
    expect(host.filter(heartbeat({ src: "127.0.1.1" })).action).to.equal("accept");
    expect(host.filter(heartbeat()).action).to.equal("drop");
  });

  it("counts packets and bytes on the rules that matched", async () => {
    const { host, run } = await hostWith("-A INPUT -s 127.0.2.0/24 -j ACCEPT");
    host.filter(heartbeat(), 1200);
    host.filter(heartbeat(), 800);
    host.filter(heartbeat({ src: "127.0.3.1" }), 100);
    expect((await run("iptables -v -S INPUT")).stdout).to.equal("-P INPUT ACCEPT -c 1 100\n-A INPUT -s 127.0.2.0/24 -c 2 2000 -j ACCEPT\n");
  });
});
