import { expect } from "chai";
import { InMemoryProcessTable, SimHost } from "../../src/sim/host/index.js";
import { realClock } from "../../src/sim/model/clock.js";
import { seededRandom } from "../../src/sim/model/random.js";
import { startHostServer, type HostServer } from "../../src/sim/dc/host-server.js";
import { encodeMessage, type HeartbeatMessage } from "../../src/sim/toolkit/message.js";
import { ReceiverTable } from "../../src/sim/toolkit/receivers.js";
import { send, type SendOutcome } from "../../src/sim/toolkit/sender.js";
import type { Channel } from "../../src/sim/toolkit/wire.js";

// Two simulated hosts on loopback addresses of their own; the toolkit's sender on A, a
// receiver and a data endpoint on B; iptables and tc installed through the hosts' shells.
const A = "127.0.9.11";
const B = "127.0.9.12";

function host(name: string, address: string): SimHost {
  const clock = realClock();
  return new SimHost({ name, address, cores: 4, memoryBytes: 2 ** 33, diskBytes: 2 ** 36, processes: new InMemoryProcessTable(), now: clock.now, timers: clock, random: seededRandom(1) });
}

describe("sim traffic between hosts (iptables and tc on both ends)", function () {
  this.timeout(10_000);
  const a = host("a", A);
  const b = host("b", B);
  const received: HeartbeatMessage[] = [];
  const receivers = new ReceiverTable();
  receivers.claim("b", 25091, { jobId: "1", receive: (m) => received.push(m), ready: () => Promise.resolve(true) });
  let server: HostServer;

  before(async () => {
    server = await startHostServer({
      address: B,
      port: 0,
      policy: b,
      route: (path, port) => receivers.route("b", path) ?? (path === "/data/ping" ? { port, handle: () => ({ status: 200, json: { pong: true } }) } : undefined),
    });
  });
  after(async () => {
    await server.close();
    a.dispose();
    b.dispose();
  });
  afterEach(async () => {
    for (const h of [a, b]) {
      await h.exec("iptables -F INPUT; iptables -F OUTPUT; tc qdisc del dev eth0 root 2>/dev/null; true", "root");
    }
    received.length = 0;
  });

  const heartbeat = (channel: Channel = "heartbeat"): Promise<SendOutcome> =>
    send({
      localAddress: A,
      policy: a,
      machine: { name: "b", address: B, port: server.port },
      httpPort: 25091,
      channel,
      body: encodeMessage({ type: channel === "heartbeat" ? 1 : 2, count: 1, dataCenterOrigin: "dc1", dataSnapshot: new Uint8Array(0), dataSnapshotOrigin: "dc1" }),
      connectTimeoutMs: 300,
      readTimeoutMs: 300,
      signal: new AbortController().signal,
    });

  const run = async (h: SimHost, line: string) => expect((await h.exec(line, "root")).code, line).to.equal(0);

  it("delivers a message when nothing stands in the way, from the sender host's own address", async () => {
    expect(await heartbeat()).to.deep.equal({ ok: true });
    expect(received.map((m) => m.type)).to.deep.equal([1]);
  });

  it("DROP on the receiver's INPUT for the toolkit port: silence until the timeout; the data channel still works", async () => {
    await run(b, `iptables -A INPUT -s ${A} -p tcp --dport 25091 -j DROP`);
    expect(await heartbeat()).to.include({ ok: false, reason: "timeout" });
    expect(await heartbeat("data")).to.deep.equal({ ok: true });
    expect(received.map((m) => m.type)).to.deep.equal([2]);
  });

  it("REJECT on the receiver's INPUT: the connection is reset at once", async () => {
    await run(b, `iptables -A INPUT -s ${A} -j REJECT`);
    expect(await heartbeat()).to.include({ ok: false, reason: "reset" });
    expect(received).to.deep.equal([]);
  });

  it("rules on the sender's OUTPUT, and on its INPUT for the answers, act before anything leaves", async () => {
    await run(a, `iptables -A OUTPUT -d ${B} -j REJECT`);
    expect(await heartbeat()).to.include({ ok: false, reason: "refused" });
    await run(a, "iptables -F OUTPUT");
    await run(a, `iptables -A INPUT -s ${B} -j DROP`);
    expect(await heartbeat()).to.include({ ok: false, reason: "timeout" });
    expect(received).to.deep.equal([]);
  });

  it("a message netem always loses never arrives", async () => {
    await run(a, "tc qdisc add dev eth0 root netem loss 100%");
    expect(await heartbeat()).to.include({ ok: false, reason: "timeout" });
    expect(received).to.deep.equal([]);
  });

  it("a delay within the connect timeout only makes a message late; a longer one loses it", async () => {
    await run(a, "tc qdisc add dev eth0 root netem delay 50ms");
    expect(await heartbeat()).to.deep.equal({ ok: true });
    await run(a, "tc qdisc change dev eth0 root netem delay 400ms");
    expect(await heartbeat()).to.include({ ok: false, reason: "timeout" });
    expect(received.map((m) => m.type)).to.deep.equal([1]);
  });

  it("judges Data Exchange clients (not simulated hosts) on the endpoint host only", async () => {
    const url = `http://${B}:${server.port}/data/ping`;
    expect((await fetch(url)).status).to.equal(200);
    await run(b, "iptables -A INPUT -s 127.0.0.1 -j REJECT");
    // undici reports a reset connection as a socket error, a silent one as the caller's timeout.
    const outcome = (signal?: AbortSignal) => fetch(url, signal ? { signal } : {}).then(() => "answered", (e: Error) => (e.name === "TimeoutError" ? e.name : ((e.cause as { code?: string } | undefined)?.code ?? e.message)));
    expect(await outcome(AbortSignal.timeout(5000))).to.equal("UND_ERR_SOCKET");
    await run(b, "iptables -F INPUT");
    await run(b, "iptables -A INPUT -p tcp -j DROP");
    expect(await outcome(AbortSignal.timeout(300))).to.equal("TimeoutError");
  });
});
