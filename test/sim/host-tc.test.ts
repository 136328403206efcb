import { expect } from "chai";
import type { Flow } from "../../src/sim/host/index.js";
import { makeHost } from "./host-fixture.js";

const FQ_CODEL = "fq_codel 0: ROOT refcnt 2 limit 10240p flows 1024 quantum 1514 target 5ms interval 100ms memory_limit 32Mb ecn drop_batch 64 \n";
const TBF_USAGE = "Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS [ mtu BYTES[/BYTES] ]\n\t[ peakrate KBPS ] [ latency TIME ] [ overhead BYTES ] [ linklayer TYPE ]\n";

/** A snapshot this host (127.0.1.1) sends to dc2's first host. */
const toDc2 = (over: Partial<Flow> = {}): Flow => ({ direction: "out", protocol: "tcp", src: "127.0.1.1", dst: "127.0.2.1", sport: 40000, dport: 25092, ...over });

type Step = readonly [command: string, stdout: string, stderr?: string, code?: number];

async function transcript(steps: readonly Step[], user = "root") {
  const fixture = makeHost();
  for (const [command, stdout, stderr = "", code = 0] of steps) {
    expect(await fixture.run(command, user), command).to.deep.equal({ code, stdout, stderr });
  }
  return fixture;
}

describe("sim host: tc", () => {
  it("adds, changes, replaces and deletes root qdiscs as tc prints them", () =>
    transcript([
      ["tc qdisc show", `qdisc noqueue 0: dev lo root refcnt 2 \nqdisc ${FQ_CODEL.replace("ROOT", "dev eth0 root")}`],
      ["tc qdisc del dev eth0 root", "", "Error: Cannot delete qdisc with handle of zero.\n", 2],
      ["tc qdisc change dev eth0 root netem delay 1ms", "", "Error: Qdisc not found. To create specify NLM_F_CREATE flag.\n", 2],
      ["tc qdisc add dev eth0 root netem delay 100ms 10ms loss 5%", ""],
      ["tc qdisc show dev eth0", "qdisc netem 8001: root refcnt 2 limit 1000 delay 100ms  10ms loss 5%\n"],
      ["tc qdisc add dev eth0 root netem delay 50ms", "", "Error: Exclusivity flag on, cannot modify.\n", 2],
      ["tc qdisc change dev eth0 root netem delay 200ms loss 1.5%", ""],
      ["tc qdisc show dev eth0", "qdisc netem 8001: root refcnt 2 limit 1000 delay 200ms loss 1.5%\n"],
      ["tc qdisc replace dev eth0 root tbf rate 1mbit burst 32kbit latency 400ms", ""],
      ["tc qdisc show dev eth0", "qdisc tbf 8002: root refcnt 2 rate 1Mbit burst 4Kb lat 400ms \n"],
      ["tc qdisc del dev eth0 root", ""],
      ["tc qdisc show dev eth0", `qdisc ${FQ_CODEL.replace("ROOT", "root")}`],
      ["tc qdisc add dev eth1 root netem delay 1ms", "", 'Cannot find device "eth1"\n', 1],
      ["tc qdisc add dev lo root netem delay 5ms 1ms 25% loss random 0.3% 25%", ""],
      ["tc qdisc show dev lo", "qdisc netem 8003: root refcnt 2 limit 1000 delay 5ms  1ms 25% loss 0.3% 25%\n"],
    ]));

  it("prints tbf's rates, sizes and latencies in tc's units", async () => {
    const cases: readonly [string, string][] = [
      ["rate 100kbit burst 1600 latency 50ms", "rate 100Kbit burst 1600b lat 50ms "],
      ["rate 8mbit burst 10kb limit 3000", "rate 8Mbit burst 10Kb limit 3000b "],
      ["rate 1000bps burst 5000 latency 70ms", "rate 8Kbit burst 5000b lat 70ms "],
      ["rate 1.5mbit burst 1000 latency 15s", "rate 1500Kbit burst 1000b lat 15s "],
      ["rate 12345bit burst 1000 latency 1234ms", "rate 12344bit burst 1000b lat 1.23s "],
      ["rate 1gbit burst 5mb latency 10ms", "rate 1Gbit burst 5Mb lat 10ms "],
    ];
    const { run } = makeHost();
    for (const [options, shown] of cases) {
      expect((await run(`tc qdisc replace dev eth0 root tbf ${options}`)).code, options).to.equal(0);
      expect((await run("tc qdisc show dev eth0")).stdout, options).to.equal(`qdisc tbf 8001: root refcnt 2 ${shown}\n`);
    }
  });

  it("refuses bad options with tc's messages", () =>
    transcript([
      ["tc qdisc add dev eth0 root tbf rate 1mbit", "", `tbf: the "burst" parameter is mandatory.\ntbf: either "limit" or "latency" is required.\n${TBF_USAGE}`, 1],
      ["tc qdisc add dev eth0 root tbf rate 1foo burst 1k latency 1ms", "", 'tbf: illegal value for "rate": "1foo"\n', 1],
      ["tc qdisc add dev eth0 root tbf rate 1mbit burst 10k latency 1ms extra", "", `tbf: unknown parameter "extra"\n${TBF_USAGE}`, 1],
      ["tc qdisc replace dev eth0 root netem delay foo", "", 'Illegal "latency"\n', 1],
      ["tc qdisc replace dev eth0 root netem loss 200%", "", 'Illegal "loss percent"\n', 1],
      ["tc qdisc add dev eth0 tbf rate 1mbit burst 10k latency 1ms", "", "Error: Handle cannot be zero.\n", 2],
      ["tc qdisc bogus", "", 'Command "bogus" is unknown, try "tc qdisc help".\n', 255],
    ]));

  it("lets anyone look but only root change", () =>
    transcript(
      [
        ["tc qdisc show dev lo", "qdisc noqueue 0: root refcnt 2 \n"],
        ["tc qdisc add dev eth0 root netem delay 1ms", "", "RTNETLINK answers: Operation not permitted\n", 2],
        ["sudo tc qdisc add dev eth0 root netem delay 1ms", ""],
        ["tc qdisc del dev eth0 root", "", "RTNETLINK answers: Operation not permitted\n", 2],
      ],
      "streamsadmin",
    ));

  it("delays by netem's delay, spread by its jitter, and never shapes incoming messages", async () => {
    const { run, host } = makeHost();
    await run("tc qdisc add dev eth0 root netem delay 100ms");
    expect(host.shape(toDc2(), 1000)).to.deep.equal({ dropped: false, delayMs: 100 });
    expect(host.shape(toDc2({ direction: "in", src: "127.0.2.1", dst: "127.0.1.1" }), 1000)).to.deep.equal({ dropped: false, delayMs: 0 });
    expect(host.shape(toDc2({ dst: "127.0.1.1" }), 1000)).to.deep.equal({ dropped: false, delayMs: 0 });
    await run("tc qdisc change dev eth0 root netem delay 100ms 10ms");
    const delays = Array.from({ length: 1000 }, () => host.shape(toDc2(), 1000).delayMs);
    expect(Math.min(...delays)).to.be.at.least(90);
    expect(Math.max(...delays)).to.be.at.most(110);
    expect(delays.reduce((a, b) => a + b, 0) / delays.length).to.be.closeTo(100, 1);
  });

  it("loses messages at netem's loss rate, the same ones for the same seed", async () => {
    const losses = async () => {
      const { run, host } = makeHost({ seed: 7 });
      await run("tc qdisc add dev eth0 root netem loss 5%");
      return Array.from({ length: 4000 }, (_, i) => (host.shape(toDc2(), 100).dropped ? i : -1)).filter((i) => i >= 0);
    };
    const first = await losses();
    expect(first.length).to.be.within(150, 250);
    expect(await losses()).to.deep.equal(first);
  });

  it("queues behind a tbf rate and drops what its limit cannot hold", async () => {
    const { run, host, clock } = makeHost();
    // 125000 bytes/s, a 10240-byte bucket, and 125000 × 0.05 + 10240 = 16490 bytes of queue.
    await run("tc qdisc add dev eth0 root tbf rate 1mbit burst 10kb latency 50ms");
    const rate = 125_000;
    expect(host.shape(toDc2(), 10_240)).to.deep.equal({ dropped: false, delayMs: 0, bytesPerSecond: rate });
    expect(host.shape(toDc2(), 6250)).to.deep.equal({ dropped: false, delayMs: 50, bytesPerSecond: rate });
    const queued = host.shape(toDc2(), 10_240);
    expect(queued.dropped).to.equal(false);
    expect(queued.delayMs).to.be.closeTo(131.92, 1e-9);
    expect(host.shape(toDc2(), 1)).to.deep.equal({ dropped: true, delayMs: 0, bytesPerSecond: rate });
    clock.advance(100);
    expect(host.shape(toDc2(), 1000).delayMs).to.be.closeTo(39.92, 1e-9);
    expect((await run("tc -s qdisc show dev eth0")).stdout).to.equal(
      "qdisc tbf 8001: root refcnt 2 rate 1Mbit burst 10Kb lat 50ms \n Sent 27730 bytes 4 pkt (dropped 1, overlimits 0 requeues 0) \n backlog 0b 0p requeues 0\n",
    );
  });

  it("reports qdiscs added, changed and removed", async () => {
    const { run, events } = makeHost();
    await run("tc qdisc add dev eth0 root netem delay 100ms; tc qdisc change dev eth0 root netem delay 200ms; tc qdisc del dev eth0 root");
    expect(events.map((e) => [e.kind, "qdisc" in e ? e.qdisc : ""])).to.deep.equal([
      ["qdisc.added", "qdisc netem 8001: root refcnt 2 limit 1000 delay 100ms"],
      ["qdisc.changed", "qdisc netem 8001: root refcnt 2 limit 1000 delay 200ms"],
      ["qdisc.removed", "qdisc netem 8001: root refcnt 2 limit 1000 delay 200ms"],
    ]);
  });
});
