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
    expect(brief(events)).to.deep.equal(["0 dc1 unknown→active", "0 dc2 unknown→standby", "400 dc-unreachable dc1", "400 dc1 active→down"]);
  });
});
