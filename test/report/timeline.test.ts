import { expect } from "chai";
import * as vega from "vega";
import { buildRun } from "../../src/report/model.js";
import { timelineData } from "../../src/report/timeline-data.js";
import { timelineSpec } from "../../src/report/timeline.js";
import { journalFixture } from "../support/journal-fixture.js";
import { compileStrict } from "../support/vega.js";

describe("report: timeline", () => {
  const events = journalFixture();
  const run = buildRun(events);
  const scenario = run.scenarios[0]!;
  const data = timelineData(scenario);
  const start = events.find((e) => e.kind === "scenario.start")!.t;
  const fo = events.find((e) => e.kind === "failover")!;
  const sec = (t: number) => Math.round(((t - start) / 1000) * 1000) / 1000;

  it("draws a fault on each datacenter it cuts and each host it hits, under the host's datacenter", () => {
    const partition = data.faults.filter((f) => f.fault === "partition").map((f) => f.lane);
    expect(partition).to.deep.equal(["dc1", "dc2"]);
    for (const f of data.faults.filter((f) => f.fault !== "partition")) expect(f.lane).to.match(/^dc[12] \/ dc[12]-[ab]$/);
  });

  it("marks fault, detection, takeover and first tuple, and spans the RTO from the fault", () => {
    expect(data.markers).to.deep.equal([
      { label: "fault", t: sec(fo.faultAtMs!) },
      { label: "detected", t: sec(fo.detectedAtMs) },
      { label: "takeover", t: sec(fo.takeoverAtMs) },
      { label: "first tuple", t: sec(fo.firstTupleAtMs!) },
    ]);
    expect(data.rto).to.deep.equal({ from: sec(fo.faultAtMs!), to: sec(fo.faultAtMs! + fo.rtoMs), label: `RTO ${fo.rtoMs / 1000} s` });
    expect(data.rpo!.to).to.equal(sec(fo.faultAtMs!));
    expect(data.rpo!.to - data.rpo!.from).to.be.closeTo(scenario.figures.rpoMs! / 1000, 0.002);
  });

  it("puts throughput before latency, and lost and duplicated tuples on their own chart", () => {
    expect(data.series.map((s) => s.title)).to.deep.equal(["Throughput (tuples/s)", "Latency (ms)"]);
    expect(new Set(data.series[0]!.points.map((p) => p.series))).to.deep.equal(new Set(["throughput · dc1 · FailoverDemo.Results", "throughput · dc2 · FailoverDemo.Results"]));
    const lost = data.loss.filter((l) => l.kind === "lost");
    expect(lost.reduce((n, l) => n + l.count, 0)).to.equal(scenario.figures.lostTuples);
    const duplicated = data.loss.filter((l) => l.kind === "duplicated");
    expect(duplicated.reduce((n, l) => n + l.count, 0)).to.equal(scenario.figures.duplicateTuples);
  });

  it("is a Vega-Lite spec that compiles without a warning and renders marks", async () => {
    const { vega: spec, warnings } = compileStrict(timelineSpec(data));
    expect(warnings).to.deep.equal([]);
    const view = new vega.View(vega.parse(spec), { renderer: "none" });
    const svg = await view.toSVG();
    view.finalize();
    for (const mark of ["mark-rect", "mark-line", "mark-rule", "mark-text"]) expect(svg).to.include(mark);
    for (const title of ["Faults", "Datacenter roles", "Failover", "Throughput (tuples/s)", "Latency (ms)", "Lost and duplicated tuples"]) expect(svg).to.include(`>${title}<`);
    expect(svg).to.include(data.rto!.label);
  });

  it("leaves out the charts a scenario has nothing for", () => {
    const error = timelineData(run.scenarios[2]!);
    expect(error).to.deep.include({ faults: [], roles: [], series: [], loss: [], markers: [] });
    expect(timelineSpec(error)["vconcat"]).to.deep.equal([]);
  });
});
