import { expect } from "chai";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { checkText, memoryHost } from "../../src/language/index.js";
import { VirtualClock } from "../../src/runtime/clock.js";
import { runScenario } from "../../src/runtime/interpreter/scenario.js";
import { readJournal } from "../../src/runtime/journal/reader.js";
import { memorySink } from "../../src/runtime/journal/sink.js";
import { toSummary } from "../../src/report/json.js";
import { buildRun } from "../../src/report/model.js";
import { timelineData } from "../../src/report/timeline-data.js";
import { timelineSpec } from "../../src/report/timeline.js";
import { fakeWorld } from "../runtime/interpreter/fake-world.js";

/** A journal written by the interpreter: a series sampled in `run`, with a `throughout` check it breaks at +3s. */
async function journal() {
  const text = `scenario "s" {
  timeout: 5m
  let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])
  run {
    let cpu = sample metric(app, "nCpu", on: dc1) every 1s
    expect cpu <= 80 throughout
    wait 4500ms
  }
}
`;
  const checked = checkText(text, "s.xdc", memoryHost());
  const clock = new VirtualClock();
  const sink = memorySink();
  const world = fakeWorld(clock, { over: { metric: (ms) => ({ kind: "value", value: ms >= 3000 ? 90 : 40 }) } });
  await clock.drive(runScenario(checked.value, checked.value.scenarios[0]!, { clock, world, journal: sink, source: () => text }));
  return sink.events;
}

describe("report: series panels", () => {
  it("reads back the journal's `series.sample` events and a `throughout` expectation's series and limit", async () => {
    const lines = (await journal()).map((e) => JSON.stringify(e)).join("\n");
    const read = readJournal(lines);
    expect(read.ok, JSON.stringify(read)).to.equal(true);
  });

  it("draws one panel per sampled series on the common time axis, with the check's limit, and compiles cleanly", async () => {
    const scenario = buildRun(await journal()).scenarios[0]!;
    const data = timelineData(scenario);
    expect(data.panels).to.deep.equal([
      {
        series: "cpu",
        unit: "",
        title: "cpu",
        points: [0, 1, 2, 3, 4].map((t) => ({ t, value: t >= 3 ? 90 : 40 })),
        limits: [{ value: 80, label: "<= 80 throughout", verdict: "fail" }],
      },
    ]);
    expect(scenario.narrative.some((e) => e.kind === "series.sample"), "samples stay out of the story").to.equal(false);
    const spec = timelineSpec(data);
    const charts = spec["vconcat"] as { title: string; layer: { encoding: { x?: { scale: { domain: number[] } } } }[] }[];
    const panel = charts.find((c) => c.title === "Series: cpu")!;
    expect(panel.layer[0]!.encoding.x!.scale.domain, "the same time axis as every chart").to.deep.equal([0, data.durationS]);
    const warnings: string[] = [];
    const logger = { level: () => logger, warn: (...a: unknown[]) => (warnings.push(a.join(" ")), logger), error: (...a: unknown[]) => (warnings.push(a.join(" ")), logger), info: () => logger, debug: () => logger };
    const compiled = compile(spec as unknown as TopLevelSpec, { logger: logger as never }).spec;
    expect(warnings).to.deep.equal([]);
    const view = new vega.View(vega.parse(compiled), { renderer: "none" });
    const svg = await view.toSVG();
    view.finalize();
    expect(svg).to.include(">Series: cpu<");
  });

  it("sums the sampled series up in the JSON summary apart from the live samples", async () => {
    const summary = toSummary(buildRun(await journal()));
    expect(summary.scenarios[0]!.sampled).to.deep.equal([{ series: "cpu", unit: "", count: 5, min: 40, max: 90, mean: 60 }]);
    expect(summary.scenarios[0]!.series).to.deep.equal([]);
  });
});
