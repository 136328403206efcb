import { expect } from "chai";
import { ManualClock } from "../../src/sim/model/clock.js";
import { OPEN_POLICY } from "../../src/sim/net/traffic.js";
import { decodeMessage, encodeMessage } from "../../src/sim/toolkit/message.js";
import { resolveParams, type ToolkitParams } from "../../src/sim/toolkit/params.js";
import type { SendOutcome, SendRequest } from "../../src/sim/toolkit/sender.js";
import { SnapshotStore } from "../../src/sim/toolkit/snapshot-store.js";
import { Toolkit } from "../../src/sim/toolkit/toolkit.js";
import type { TwinEventBody } from "../../src/sim/twin-events.js";

const H = 200;

function params(local: string, remote: string, extra: Record<string, string> = {}): ToolkitParams {
  const r = resolveParams(
    [(k) => ({ heartbeatExchangeInterval: "200ms", consecutiveHeartbeatMissesAllowed: "3", dataSnapshotExchangeInterval: "0.4", ...extra })[k]],
    { heartbeatIntervalMs: 1000, missesAllowed: 4, localName: local, remoteName: remote },
  );
  if (!r.ok) throw new Error(r.message);
  return r.params;
}

/** Two toolkits joined by an in-memory link that a test can cut. */
function pair(extra: { dc1?: Record<string, string>; dc2?: Record<string, string> } = {}) {
  const clock = new ManualClock(0);
  const events: Recorded[] = [];
  const link = { cut: false };
  const state = { dc1: { status: [] as boolean[], replayed: [] as unknown[], pending: [] as unknown[] }, dc2: { status: [] as boolean[], replayed: [] as unknown[], pending: [] as unknown[] } };
  const toolkits: Record<string, Toolkit> = {};
  const make = (dc: "dc1" | "dc2", remote: "dc1" | "dc2") =>
    new Toolkit({
      dc,
      jobId: "1",
      scope: "app",
      params: params(dc, remote, extra[dc]),
      timers: clock,
      store: new SnapshotStore(),
      sender: { address: dc, policy: OPEN_POLICY },
      remoteMachines: () => [{ name: `${remote}-h1`, address: remote, port: 1 }],
      app: {
        snapshot: () => [...state[dc].pending],
        remoteStatus: (up) => state[dc].status.push(up),
        replay: (items) => state[dc].replayed.push(...items),
      },
      metrics: { heartbeatSent() {}, snapshotSent() {}, heartbeatReceived() {}, snapshotReceived() {}, statusEmitted() {}, replayed() {} },
      record: (e) => events.push({ ...e, time: clock.now() }),
      log: (l) => process.env.DBG && console.log(dc, l),
      send: (req: SendRequest): Promise<SendOutcome> => {
        if (link.cut) return Promise.resolve({ ok: false, reason: "timeout", detail: "cut" });
        const decoded = decodeMessage(req.body);
        if (decoded.ok) toolkits[remote]!.receive(decoded.message);
        return Promise.resolve({ ok: true });
      },
    });
  toolkits.dc1 = make("dc1", "dc2");
  toolkits.dc2 = make("dc2", "dc1");
  return { clock, events, link, state, dc1: toolkits.dc1, dc2: toolkits.dc2 };
}

type Recorded = TwinEventBody & { time: number };
/** Moves the clock in 10 ms steps, letting the messages each step sends arrive. */
async function step(t: { clock: ManualClock }, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 10) {
    t.clock.advance(10);
    await Promise.resolve();
  }
}

const ofType = <K extends Recorded["type"]>(events: readonly Recorded[], type: K) =>
  events.filter((e): e is Extract<Recorded, { type: K }> => e.type === type);

describe("sim toolkit", () => {
  it("round-trips its wire message and refuses a truncated one", () => {
    const bytes = encodeMessage({ type: 2, count: 7, dataCenterOrigin: "dc1", dataSnapshot: Buffer.from("[1]"), dataSnapshotOrigin: "dc1" });
    const back = decodeMessage(bytes);
    expect(back.ok && { ...back.message, dataSnapshot: Buffer.from(back.message.dataSnapshot).toString() }).to.deep.equal({
      type: 2,
      count: 7,
      dataCenterOrigin: "dc1",
      dataSnapshot: "[1]",
      dataSnapshotOrigin: "dc1",
    });
    expect(decodeMessage(bytes.subarray(0, bytes.length - 1)).ok).to.equal(false);
  });

  it("reads parameters from submission values, then the manifest, then defaults, and refuses bad ones", () => {
    const r = resolveParams([(k) => ({ crossDCOperationMode: "0" })[k], (k) => ({ heartbeatExchangeInterval: 30, crossDCOperationMode: 1 })[k]], {
      heartbeatIntervalMs: 1000,
      missesAllowed: 4,
      localName: "dc2",
      remoteName: "dc1",
    });
    expect(r.ok && [r.params.mode, r.params.heartbeatIntervalMs, r.params.missesAllowed, r.params.localDataCenterName]).to.deep.equal(["passive", 30_000, 4, "dc2"]);
    const bad = resolveParams([(k) => ({ consecutiveHeartbeatMissesAllowed: "many" })[k]], { heartbeatIntervalMs: 1, missesAllowed: 1, localName: "a", remoteName: "b" });
    expect(bad).to.deep.equal({ ok: false, message: 'the toolkit parameter consecutiveHeartbeatMissesAllowed is "many"; expected a whole number' });
  });

  it("sees the remote UP at the first heartbeat and never declares a connected remote DOWN", async () => {
    const t = pair();
    t.dc1.start();
    t.dc2.start();
    await step(t, 20 * H);
    expect(t.dc1.remoteState).to.equal("up");
    expect(t.dc2.remoteState).to.equal("up");
    expect(ofType(t.events, "heartbeat.missed")).to.deep.equal([]);
    expect(t.state.dc2.status).to.deep.equal([true]);
  });

  it("declares DOWN on the (A+1)-th tick since the last heartbeat, takes over the snapshot, and stays silent after a heal", async () => {
    const t = pair();
    t.state.dc1.pending.push({ seq: 1 }, { seq: 2 });
    t.dc1.start();
    t.clock.advance(50);
    t.dc2.start();
    await step(t, 1000);
    expect(ofType(t.events, "snapshot.stored").length).to.be.greaterThan(0);
    const lastHeard = t.clock.now();
    t.link.cut = true;
    await step(t, 2000);
    const down = ofType(t.events, "dc.declaredDown");
    expect(down.map((e) => e.dc).sort()).to.deep.equal(["dc1", "dc2"]);
    for (const e of down) {
      const last = e.lastHeartbeat ?? Number.NaN;
      expect(e.time - last).to.be.within(3 * H, 4 * H);
      expect(last).to.be.at.most(lastHeard);
    }
    const missed = ofType(t.events, "heartbeat.missed").filter((e) => e.dc === "dc2");
    expect(missed.map((e) => e.count)).to.deep.equal([2, 3, 4]);
    expect(t.state.dc2.status).to.deep.equal([true, false]);
    expect(t.state.dc2.replayed).to.deep.equal([{ seq: 1 }, { seq: 2 }]);
    // Both declared the other DOWN and stopped heartbeating: healing the link brings nothing back.
    t.link.cut = false;
    const before = t.events.length;
    await step(t, 2000);
    expect(t.events.slice(before).filter((e) => e.type.startsWith("dc.") || e.type.startsWith("heartbeat."))).to.deep.equal([]);
    expect([t.dc1.remoteState, t.dc2.remoteState]).to.deep.equal(["down", "down"]);
  });

  it("recovers from a cut shorter than the allowance without declaring anything", async () => {
    const t = pair();
    t.dc1.start();
    t.dc2.start();
    await step(t, 600);
    t.link.cut = true;
    await step(t, 2 * H);
    t.link.cut = false;
    await step(t, 1000);
    expect(ofType(t.events, "dc.declaredDown")).to.deep.equal([]);
    expect(ofType(t.events, "heartbeat.restored").length).to.equal(2);
  });

  it("in passive mode declares DOWN but keeps the snapshots and replays nothing", async () => {
    const t = pair({ dc2: { crossDCOperationMode: "0" } });
    t.state.dc1.pending.push({ seq: 9 });
    t.dc1.start();
    t.dc2.start();
    await step(t, 1000);
    t.link.cut = true;
    await step(t, 2000);
    expect(t.state.dc2.status).to.deep.equal([true, false]);
    expect(t.state.dc2.replayed).to.deep.equal([]);
  });

  it("an orderly shutdown makes the remote drop the snapshots it holds", async () => {
    const t = pair();
    t.state.dc1.pending.push({ seq: 3 });
    t.dc1.start();
    t.dc2.start();
    await step(t, 1000);
    await t.dc1.stop(true);
    expect(ofType(t.events, "orderlyShutdown.received")).to.have.length(1);
    expect(ofType(t.events, "snapshot.discarded").map((e) => e.reason)).to.deep.equal(["orderlyShutdown"]);
    await step(t, 2000);
    expect(t.state.dc2.status).to.deep.equal([true, false]);
    expect(t.state.dc2.replayed).to.deep.equal([]);
  });
});
