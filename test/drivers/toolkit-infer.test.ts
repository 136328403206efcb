import { expect } from "chai";
import { RoleInference, type DcReading, type ObserverEvent } from "../../src/drivers/toolkit/index.js";

const job = (role: string, status = "running") => ({ id: "1", status, health: "healthy", roleParameter: role });
/** A reachable DC running its job with these toolkit counters. */
const up = (role: string, watchdogChanges: number, heartbeatsReceived: number, sinkTuples?: number): DcReading => ({
  reachable: true,
  job: job(role),
  watchdogChanges,
  heartbeatsReceived,
  ...(sinkTuples !== undefined ? { sinkTuples } : {}),
});
const unreachable: DcReading = { reachable: false, unreachableKind: "network" };

function run(inference: RoleInference, rounds: [number, DcReading, DcReading][]): ObserverEvent[] {
  return rounds.flatMap(([at, dc1, dc2]) => inference.observe(new Map([["dc1", dc1], ["dc2", dc2]]), at));
}
const brief = (events: ObserverEvent[]) =>
  events.map((e) => (e.type === "role-changed" ? `${e.atMs} ${e.dc} ${e.from}→${e.to}` : e.type === "failover" ? `${e.takeoverAtMs} failover ${e.from}→${e.to} detected ${e.detectedAtMs}${e.firstTupleAtMs !== undefined ? ` first ${e.firstTupleAtMs}` : ""}` : `${e.atMs} ${e.type} ${e.dc}`));

describe("drivers/toolkit: role inference from readings", () => {
  const options = { dcs: ["dc1", "dc2"], mode: "active" as const, firstTupleWaitMs: 0, unreachableAfter: 1 };

  it("partition: the standby's heartbeats stop, its watchdog declares the remote down, it takes over", () => {
    const i = new RoleInference(options);
    const events = run(i, [
      [0, up("primary", 1, 10), up("standby", 1, 10)],
      [100, up("primary", 1, 11), up("standby", 1, 11)],
      [200, up("primary", 1, 11), up("standby", 1, 11)], // a pause as long as the one before: normal
      [300, up("primary", 1, 11), up("standby", 1, 11)], // longer than any pause seen: heartbeats stopped
      [400, up("primary", 2, 11), up("standby", 2, 11)], // both declare each other down (split brain)
    ]);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "400 dc2 standby→active", "400 failover dc1→dc2 detected 300"]);
    expect(i.roles()).to.deep.equal({ dc1: "active", dc2: "active" });
    const failover = events.find((e) => e.type === "failover")!;
    expect(failover.signals).to.include.members(["watchdog-declared-remote-down", "heartbeats-stopped"]);
  });

  it("a lost datacenter: unreachable, down, and the failover's detection is when it was first missed", () => {
    const i = new RoleInference(options);
    const events = run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, unreachable, up("standby", 1, 6)],
      [200, unreachable, up("standby", 1, 6)],
      [300, unreachable, up("standby", 2, 6)],
    ]);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "100 dc-unreachable dc1", "100 dc1 active→down", "300 dc2 standby→active", "300 failover dc1→dc2 detected 100"]);
  });

  it("waits for the survivor's first tuple when asked to, and reports without one after the wait", () => {
    const i = new RoleInference({ ...options, firstTupleWaitMs: 250 });
    const withTuple = run(i, [
      [0, up("primary", 1, 5, 3), up("standby", 1, 5, 0)],
      [100, { reachable: true, job: job("primary", "canceled") }, up("standby", 2, 5, 0)],
      [200, { reachable: true }, up("standby", 2, 5, 4)],
    ]);
    expect(brief(withTuple).slice(-1)).to.deep.equal(["100 failover dc1→dc2 detected 100 first 200"]);

    const j = new RoleInference({ ...options, firstTupleWaitMs: 250 });
    const without = run(j, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, unreachable, up("standby", 2, 5)],
      [200, unreachable, up("standby", 2, 5)],
      [300, unreachable, up("standby", 2, 5)],
      [400, unreachable, up("standby", 2, 5)],
    ]);
    expect(brief(without).filter((e) => e.includes("failover"))).to.deep.equal(["100 failover dc1→dc2 detected 100"]);
    expect(without.findIndex((e) => e.type === "failover")).to.equal(without.length - 1);
  });

  it("passive mode: a remote declared down is no takeover; an answer without information changes nothing", () => {
    const i = new RoleInference({ ...options, mode: "passive" });
    const events = run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, { reachable: true, problem: "GET … answered 500" }, up("standby", 2, 5)],
    ]);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby"]);
  });

  it("needs unreachableAfter failed polls in a row before a DC is down", () => {
    const i = new RoleInference({ ...options, unreachableAfter: 2 });
    const events = run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, unreachable, up("standby", 1, 6)],
      [200, up("primary", 1, 6), up("standby", 1, 7)],
      [300, unreachable, up("standby", 1, 8)],
      [400, unreachable, up("standby", 1, 9)],
    ]);
    // Reported once the streak is long enough, dated when it began.
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "300 dc-unreachable dc1", "400 dc1 active→down"]);
  });
});

describe("drivers/toolkit: a flaky REST API is a gap in observation, never a role", () => {
  const options = { dcs: ["dc1", "dc2"], mode: "active" as const, firstTupleWaitMs: 0, unreachableAfter: 3, unreachableAfterMs: 1_000, intervalMs: 100 };
  const reset: DcReading = { reachable: false, unreachableKind: "network", problem: "GET /jobs: socket hang up" };
  const timeout: DcReading = { reachable: false, unreachableKind: "cancelled", problem: "GET /jobs was cancelled" };
  const answered503: DcReading = { reachable: true, problem: "GET /jobs answered 503 (server)" };
  const pending: DcReading = { reachable: true, pending: true };
  const noCounter = (r: DcReading): DcReading => ({ ...r, watchdogChanges: undefined, gap: "nTuplesSubmitted: answered 503" });

  it("resets, timeouts, error answers and slow reads between good ones change no role, and the takeover after them is a failover", () => {
    const i = new RoleInference(options);
    const events = run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, reset, timeout],
      [200, answered503, pending],
      [300, up("primary", 1, 6), reset],
      [400, timeout, answered503],
      [500, pending, noCounter(up("standby", 1, 7))],
      [600, up("primary", 1, 8), up("standby", 1, 8)],
      [700, reset, up("standby", 2, 8)],
    ]);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "700 dc2 standby→active", "700 failover dc1→dc2 detected 700"]);
  });

  it("a long silence makes a DC unreachable only after both the count and the time, dated when it began", () => {
    const i = new RoleInference(options);
    const rounds: [number, DcReading, DcReading][] = [[0, up("primary", 1, 5), up("standby", 1, 5)]];
    // A hanging DC: each read is cancelled after its timeout, sent one round, failing a few later.
    for (let at = 100; at <= 1_300; at += 100) rounds.push([at, at % 300 === 0 ? { ...timeout, sentAtMs: at - 200 } : pending, up("standby", 1, 5)]);
    const events = run(i, rounds);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "100 dc-unreachable dc1", "1200 dc1 active→down"]);
  });

  it("tuples at a DC's sinks show it alive: no silence of its REST API makes it unreachable then", () => {
    const i = new RoleInference(options);
    const rounds: [number, DcReading, DcReading][] = [[0, up("primary", 1, 5, 10), up("standby", 1, 5, 0)]];
    for (let at = 100; at <= 2_000; at += 100) rounds.push([at, { ...reset, sinkTuples: at % 500 === 0 ? 40 : 0 }, up("standby", 1, 5, 0)]);
    expect(brief(run(i, rounds))).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby"]);
  });

  it("tuples at the standby's sinks while its REST API fails are its takeover, seen on time", () => {
    const i = new RoleInference(options);
    const events = run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5, 0)],
      [100, up("primary", 1, 6), { ...reset, sinkTuples: 0 }],
      [200, up("primary", 2, 6), { ...answered503, sinkTuples: 12 }],
    ]);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "200 dc2 standby→active", "200 failover dc1→dc2 detected 200"]);
    // dc2 was last seen standing by at 0: the takeover came after that, in the round that saw nothing of it or this one.
    expect(events.find((e) => e.type === "failover")).to.include({ takeoverAfterMs: 0, takeoverAtMs: 200 });
  });

  it("a takeover backed by a streak of unanswered reads from the other side dates its detection at the first of them", () => {
    const i = new RoleInference(options);
    const events = run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, reset, up("standby", 1, 5)],
      [200, reset, up("standby", 1, 5)],
      [300, reset, up("standby", 2, 5)],
    ]);
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "300 dc2 standby→active", "300 failover dc1→dc2 detected 100"]);
  });

  it("says when a DC could not be seen: stretches without a complete reading, with the last reason", () => {
    const i = new RoleInference(options);
    run(i, [
      [0, up("primary", 1, 5), up("standby", 1, 5)],
      [100, up("primary", 1, 5), answered503],
      [200, up("primary", 1, 5), noCounter(up("standby", 1, 5))],
      [300, up("primary", 1, 5), reset],
      [400, up("primary", 1, 5), up("standby", 1, 5)],
      [500, up("primary", 1, 5), timeout],
      [600, up("primary", 1, 5), pending],
    ]);
    expect(i.unobserved("dc1", 0, 700, 150)).to.deep.equal([]);
    expect(i.unobserved("dc2", 0, 700, 150)).to.deep.equal([
      { fromMs: 0, toMs: 400, why: "dc2: GET /jobs: socket hang up" },
      { fromMs: 400, toMs: 700, why: "dc2: GET /jobs was cancelled" },
    ]);
    expect(i.unobserved("dc2", 0, 700, 350)).to.deep.equal([{ fromMs: 0, toMs: 400, why: "dc2: GET /jobs: socket hang up" }]);
    expect(i.unobserved("dc2", 500, 700, 150)).to.deep.equal([{ fromMs: 500, toMs: 700, why: "dc2: GET /jobs was cancelled" }]);
  });
});
