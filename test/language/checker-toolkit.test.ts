import { expect } from "chai";
import { APP, checked, codes, only, textAt } from "./check-helpers.js";

/** A scenario that submits `app` to both datacenters with the given toolkit records, and awaits a failover to dc2 in `run`. */
const toolkit = (dc1: string, dc2: string, await_ = "await failover(app, to: dc2) within 2s", extra = "") =>
  `scenario "t" {
  timeout: 10m
  ${APP}
  setup {
    submit(app, to: dc1${dc1 !== "" ? `, toolkit: ${dc1}` : ""})
    submit(app, to: dc2, role: "standby"${dc2 !== "" ? `, toolkit: ${dc2}` : ""})
  }
  run {
    at 5s: partition(dc1, dc2) for 30s
    ${await_}
  }
${extra}}
`;

describe("checker: submit's toolkit settings", () => {
  it("accepts every setting with its type, and none at all", () => {
    expect(codes(toolkit(`{heartbeat: 200ms, misses_allowed: 3, init_delay: 0s, snapshot_interval: 1s, mode: "passive"}`, "{}", "await failover(app, to: dc2) within 1m"))).to.deep.equal([]);
    expect(codes(toolkit("", "", "await failover(app, to: dc2) within 1m"))).to.deep.equal([]);
  });

  it("wants durations as durations, with the unit fix, and whole counts", () => {
    const bare = only(toolkit("{heartbeat: 2}", ""));
    expect([bare.code, bare.help?.message]).to.deep.equal(["XDC3001", "write `2s`"]);
    const count = only(toolkit("{misses_allowed: 1.5}", ""));
    expect([count.code, count.message]).to.deep.equal(["XDC3013", "`misses_allowed` must be a whole number, found 1.5"]);
    const words = only(toolkit("{misses_allowed: 3s}", ""));
    expect([words.code, words.message]).to.deep.equal(["XDC3002", "expected a number, found a duration"]);
    const zero = only(toolkit("{heartbeat: 0s}", ""));
    expect([zero.code, zero.message]).to.deep.equal(["XDC3013", "`heartbeat` must be more than 0s, found 0s"]);
  });

  it("reports a field the toolkit does not have, with the one it resembles", () => {
    const text = toolkit("{heartbeat_interval: 1s}", "");
    const d = only(text);
    expect([d.code, d.message, textAt(text, d), d.help?.message]).to.deep.equal([
      "XDC2005", "`ToolkitSettings` has no field `heartbeat_interval`", "heartbeat_interval", "did you mean `heartbeat`?",
    ]);
    const mode = only(toolkit(`{mode: "actve"}`, ""));
    expect([mode.code, mode.help?.message]).to.deep.equal(["XDC3013", 'did you mean `"active"`?']);
  });

  it("keeps `params` an open record: the toolkit's settings are typed only under `toolkit`", () => {
    const text = toolkit("", "").replace(`submit(app, to: dc1)`, `submit(app, to: dc1, params: {heartbeatExchangeInterval: "0.2", whatever: 3})`);
    expect(codes(text.replace("within 2s", "within 1m"))).to.deep.equal([]);
  });
});

describe("checker: an await failover shorter than the toolkit's detection time (XDC4007)", () => {
  it("warns at `within`, points at the survivor's settings and offers the longest detection time", () => {
    const text = toolkit("{heartbeat: 1s, misses_allowed: 4}", "{heartbeat: 1s, misses_allowed: 4}");
    const d = only(text);
    expect([d.code, d.severity, textAt(text, d)]).to.deep.equal(["XDC4007", "warning", "2s"]);
    expect(d.message).to.equal("the failover cannot come within 2s: the toolkit takes at least 3s to declare the peer down");
    expect(d.labels.map((l) => [textAt(text, l), l.message])).to.deep.equal([
      ["{heartbeat: 1s, misses_allowed: 4}", "dc2 declares its peer down 3s to 5s after a fault with these settings"],
    ]);
    expect(text.lastIndexOf("{heartbeat: 1s, misses_allowed: 4}")).to.equal(d.labels[0]!.span.start.offset);
    expect(d.help?.message).to.equal("allow for the slowest detection plus the time to take over: `within 5s` or more");
    expect(d.help?.edit?.newText).to.equal("5s");
  });

  it("judges the survivor's settings, with the interval of the datacenter that goes silent", () => {
    // dc2 ticks every 1s and allows 4 misses; dc1 sends every 200ms: at least 4 × 1s − 200ms.
    const d = only(toolkit("{heartbeat: 200ms, misses_allowed: 1}", "{heartbeat: 1s, misses_allowed: 4}", "await failover(app, to: dc2) within 3700ms"));
    expect(d.message).to.equal("the failover cannot come within 3700ms: the toolkit takes at least 3800ms to declare the peer down");
    expect(codes(toolkit("{heartbeat: 200ms, misses_allowed: 1}", "{heartbeat: 1s, misses_allowed: 4}", "await failover(app, to: dc2) within 3800ms"))).to.deep.equal([]);
    // Awaiting dc1 instead: dc1's own settings, 1 × 200ms − 1s, nothing to warn about.
    expect(codes(toolkit("{heartbeat: 200ms, misses_allowed: 1}", "{heartbeat: 1s, misses_allowed: 4}", "await failover(app, to: dc1) within 100ms"))).to.deep.equal([]);
  });

  it("says nothing when the scenario leaves the heartbeat or the misses allowed to the deployment", () => {
    expect(codes(toolkit("{heartbeat: 1s, misses_allowed: 4}", "{heartbeat: 1s}"))).to.deep.equal([]);
    expect(codes(toolkit("{heartbeat: 1s, misses_allowed: 4}", ""))).to.deep.equal([]);
  });

  it("keeps each scenario's submissions to itself", () => {
    const slow = toolkit("{heartbeat: 1s, misses_allowed: 4}", "{heartbeat: 1s, misses_allowed: 4}", "await failover(app, to: dc2) within 1m");
    const other = toolkit("", "").replace(`scenario "t"`, `scenario "u"`);
    expect(checked(slow + other).diagnostics.map((d) => d.code)).to.deep.equal([]);
  });
});

describe("checker: the toolkit's own key names under `toolkit`", () => {
  it("points the toolkit's key at xdc's name for it", () => {
    const d = only(toolkit("{consecutiveHeartbeatMissesAllowed: 3}", ""));
    expect([d.code, d.help?.message, d.help?.edit?.newText]).to.deep.equal(["XDC2005", "did you mean `misses_allowed`?", "misses_allowed"]);
  });
});
