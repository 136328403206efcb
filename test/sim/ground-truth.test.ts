import { expect } from "chai";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GroundTruth, groundTruthHandler } from "../../src/sim/ground-truth.js";

const missed = (count: number) =>
  ({ type: "heartbeat.missed", dc: "dc2", jobId: "1", observer: "dc2", remote: "dc1", count }) as const;

describe("sim ground truth", () => {
  it("numbers events and reads on from a sequence number without loss or repetition", () => {
    const truth = new GroundTruth();
    truth.record(missed(1), 1000);
    truth.record({ type: "dc.declaredDown", dc: "dc2", jobId: "1", observer: "dc2", remote: "dc1", lastHeartbeat: 900 }, 1001);
    const first = truth.read({ limit: 1 });
    expect(first.events.map((e) => e.seq)).to.deep.equal([1]);
    const rest = truth.read({ since: first.next });
    expect(rest.events.map((e) => [e.seq, e.type, e.time])).to.deep.equal([[2, "dc.declaredDown", 1001]]);
    expect(truth.read({ since: rest.next }).events).to.deep.equal([]);
  });

  it("filters by type and datacenter and still advances past what it skipped", () => {
    const truth = new GroundTruth();
    truth.record(missed(1), 1);
    truth.record({ type: "dc.started", dc: "dc1", pid: 7 }, 2);
    truth.record(missed(2), 3);
    const page = truth.read({ types: new Set(["heartbeat.missed"]), dc: "dc2" });
    expect(page.events.map((e) => e.seq)).to.deep.equal([1, 3]);
    expect(page.next).to.equal(3);
    expect(truth.read({ dc: "dc1" }).events.map((e) => e.seq)).to.deep.equal([2]);
  });

  it("forgets the oldest events beyond its capacity and says how many a reader missed", () => {
    const truth = new GroundTruth(2);
    for (let i = 1; i <= 5; i++) truth.record(missed(i), i);
    const page = truth.read({ since: 1 });
    expect(page.dropped).to.equal(2);
    expect(page.events.map((e) => e.seq)).to.deep.equal([4, 5]);
  });

  describe("over HTTP", () => {
    const truth = new GroundTruth();
    const handle = groundTruthHandler(truth);
    let server: Server;
    let base: string;
    before(async () => {
      server = createServer((req, res) => {
        if (!handle(req, res)) {
          res.writeHead(418).end();
        }
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(async () => {
      truth.release();
      await new Promise((resolve) => server.close(resolve));
    });

    it("serves events, leaves other paths alone and rejects bad parameters", async () => {
      truth.record(missed(1), 10);
      const body = (await (await fetch(`${base}/xdc-twin/events?since=0`)).json()) as { events: { seq: number; type: string }[] };
      expect(body.events[0]).to.include({ seq: 1, type: "heartbeat.missed" });
      expect((await fetch(`${base}/streams/rest/resources`)).status).to.equal(418);
      expect((await fetch(`${base}/xdc-twin/events?since=-1`)).status).to.equal(400);
      expect((await fetch(`${base}/xdc-twin/events`, { method: "POST" })).status).to.equal(405);
    });

    it("answers a long poll as soon as a matching event is recorded", async () => {
      const since = truth.lastSeq;
      const reply = fetch(`${base}/xdc-twin/events?since=${since}&type=takeover&wait=10000`).then((r) => r.json());
      truth.record(missed(9), 11);
      truth.record({ type: "takeover", dc: "dc2", jobId: "1", survivor: "dc2", lost: "dc1", mode: "active" }, 12);
      const body = (await reply) as { events: { type: string }[] };
      expect(body.events.map((e) => e.type)).to.deep.equal(["takeover"]);
    });
  });
});
