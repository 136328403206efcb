import { expect } from "chai";
import { SUMMARY_FORMAT_VERSION, toSummary } from "../../src/report/json.js";
import { buildRun } from "../../src/report/model.js";
import { journalFixture } from "../support/journal-fixture.js";

describe("report: JSON summary", () => {
  const events = journalFixture();
  const summary = toSummary(buildRun(events));
  const [failover, noData, error] = summary.scenarios;

  it("is versioned and carries the run's verdicts", () => {
    expect(SUMMARY_FORMAT_VERSION).to.equal("1.3");
    expect(summary).to.include({ format_version: "1.3", unfinished: false, xdc: "0.1.0", seed: 20261123, environment: "sim", exitCode: 3, interrupted: false, verdict: "error" });
    expect(summary.verdicts).to.deep.equal({ pass: 0, fail: 1, error: 1, "no-data": 1 });
  });

  it("gives times inside a scenario in ms since it started", () => {
    const start = events.find((e) => e.kind === "scenario.start")!;
    const fo = events.find((e) => e.kind === "failover")!;
    const applied = events.find((e) => e.kind === "fault.applied")!;
    expect(failover!.failovers[0]).to.deep.include({ from: "dc1", to: "dc2", faultAtMs: fo.faultAtMs! - start.t, takeoverAtMs: fo.takeoverAtMs - start.t, rtoMs: fo.rtoMs });
    expect(failover!.faults[0]).to.include({ id: "f1", fromMs: applied.t - start.t });
    expect(failover!.data[0]!.lostRanges[0]!.sentToMs).to.equal(fo.faultAtMs! - start.t);
  });

  it("lists every expectation with its place, and the scenario's figures", () => {
    expect(failover!.expectations).to.have.length(4);
    expect(failover!.expectations[1]).to.include({ verdict: "fail", source: "expect lost(load, app.Results) <= 0.1%", expected: "<= 0.1%", location: "scenarios/dc-partition.xdc:28:5" });
    expect(failover!.figures.rtoMs).to.be.a("number");
    expect(noData).to.include({ verdict: "no-data", reason: "the workload sent no tuples" });
    expect(error).to.include({ verdict: "error", errorClass: "environment" });
  });

  it("summarises each series instead of repeating every sample", () => {
    const throughput = failover!.series.find((s) => s.series === "throughput" && s.dc === "dc2")!;
    const samples = events.filter((e) => e.kind === "sample" && e.series === "throughput" && e.dc === "dc2");
    expect(throughput).to.include({ unit: "tuples/s", count: samples.length, min: 0 });
    expect(throughput.max).to.equal(Math.max(...samples.map((s) => (s.kind === "sample" ? s.value : 0))));
  });

  it("tells the scenario's story in events, without samples or debug lines", () => {
    expect(failover!.events[0]).to.deep.include({ atMs: 0, kind: "scenario.start" });
    expect(failover!.events.some((e) => e.kind === "sample")).to.equal(false);
    expect(failover!.events.map((e) => e.text)).to.include("fault f1 applied: partition dc1 <-> dc2");
    expect(error!.events.map((e) => e.text)).to.include("FAILED submit FailoverDemo to dc2 as standby: connection refused by 127.0.0.1:8443");
  });

  it("survives a round trip through JSON unchanged", () => {
    expect(JSON.parse(JSON.stringify(summary))).to.deep.equal(summary);
  });
});
