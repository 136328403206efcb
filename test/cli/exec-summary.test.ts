import { expect } from "chai";
import { summaryLines } from "../../src/cli/exec-summary.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";

const at = { t: 0, wall: "2026-01-01T00:00:00.000Z", scenario: "s" };
const data = (workload: string, key: string, judged: boolean, lost: number, duplicates: number, name?: string): JournalEvent => ({
  ...at,
  kind: "data",
  workload,
  ...(name !== undefined ? { name } : {}),
  key,
  judged,
  sink: "Results",
  sent: 1000,
  acked: 1000,
  received: 1000 - lost,
  lost,
  lostRanges: [],
  duplicates,
  outOfOrder: 0,
  rpoMs: lost > 0 ? 250 : 0,
});
const end: JournalEvent = { ...at, kind: "scenario.end", verdict: "pass", durationMs: 1, figures: { rtoMs: 900, detectionMs: 700 } };

describe("xdc exec's summary", () => {
  it("gives the figures of each workload a check judged at each sink, and leaves out the probes", () => {
    const lines = summaryLines([data("w1", "probe", false, 7, 9, "_probe"), data("w2", "seq", true, 10, 58, "load"), end]);
    expect(lines.slice(2)).to.deep.equal(["  PASS    s", "          RTO 900 ms  detection 700 ms", "          load -> Results: lost 10/1,000 (1.00%)  duplicates 58  RPO 250 ms"]);
  });

  it("names a workload bound to no `let` by its id", () => {
    const lines = summaryLines([data("w2", "seq", true, 0, 0), end]);
    expect(lines.at(-1)).to.equal("          w2 -> Results: lost 0/1,000 (0.00%)  duplicates 0  RPO 0 ms");
  });

  it("says when two datacenters were active at once, and for how long", () => {
    const start: JournalEvent = { ...at, t: 1_000, kind: "scenario.start", file: "s.xdc", tags: [], timeoutMs: 60_000 };
    const role = (t: number, dc: string, r: "active" | "standby"): JournalEvent => ({ ...at, t, kind: "role", dc, role: r, signals: [] });
    const lines = summaryLines([start, role(1_500, "dc1", "active"), role(1_500, "dc2", "standby"), role(8_000, "dc2", "active"), { ...end, t: 20_000 }]);
    expect(lines).to.include("          split brain: dc1 and dc2 active at once for 12 s (from +7 s)");
  });

  it("shows every workload when no check judged one", () => {
    const lines = summaryLines([data("w1", "a", false, 0, 0), data("w2", "b", false, 1, 0), end]);
    expect(lines.filter((l) => l.includes("-> Results"))).to.have.length(2);
  });

  it("prints a failed expectation's line and both values", () => {
    const failed: JournalEvent = { ...at, span: { file: "x.xdc", line: 7, column: 5, endLine: 7, endColumn: 30 }, kind: "expect", ok: false, noData: false, source: "expect fo.rto <= 1ms", expected: "<= 1ms", actual: "0.9s" };
    const lines = summaryLines([failed, { ...end, verdict: "fail" }]);
    expect(lines.slice(-2)).to.deep.equal(["          failed: x.xdc:7: expect fo.rto <= 1ms", "            expected <= 1ms, actual 0.9s"]);
  });

  it("gives a job's toolkit settings when some were read, and no line for a job whose settings are all the deployment's defaults", () => {
    const toolkit = (dc: string, read: boolean): JournalEvent => ({
      ...at,
      kind: "toolkit",
      dc,
      app: "A",
      job: "1",
      settings: read ? { heartbeatMs: 200, missesAllowed: 3 } : {},
      sources: { heartbeat: read ? "submission" : "unset", misses_allowed: read ? "submission" : "unset", init_delay: "unset", snapshot_interval: "unset", mode: "unset" },
      missingOperators: [],
      problems: [],
      ...(read ? { detection: { minMs: 400, maxMs: 800 } } : {}),
    });
    const lines = summaryLines([toolkit("dc1", false), toolkit("dc2", true), end]).filter((l) => l.includes("toolkit on"));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include("toolkit on dc2").and.include("heartbeat 200ms (submission)").and.include("declares its peer down 400ms–800ms after a fault");
  });
});
