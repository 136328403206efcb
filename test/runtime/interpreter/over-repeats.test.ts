import { expect } from "chai";
import { checkText, memoryHost } from "../../../src/language/index.js";
import { VirtualClock } from "../../../src/runtime/clock.js";
import type { JournalEvent } from "../../../src/runtime/journal/events.js";
import { runScenario } from "../../../src/runtime/interpreter/scenario.js";
import { memorySink } from "../../../src/runtime/journal/sink.js";
import type { Reading } from "../../../src/runtime/world.js";
import { fakeWorld } from "./fake-world.js";

/** Runs a scenario whose `run` says `checks`, over a metric that reads `reading` (70 unless told). */
async function run(checks: string, repeated: boolean, reading: (ms: number) => Reading<number> = () => ({ kind: "value", value: 70 })) {
  const text = `scenario "s" {\n  environment: sim\n  timeout: 5m\n  let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])\n  run {\n    wait 1s\n${checks}\n  }\n}\n`;
  const checked = checkText(text, "s.xdc", memoryHost());
  expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).to.deep.equal([]);
  const clock = new VirtualClock();
  const sink = memorySink();
  const source = (f: string) => (f === "s.xdc" ? text : undefined);
  const result = await clock.drive(runScenario(checked.value, checked.value.scenarios[0]!, { clock, world: fakeWorld(clock, { over: { metric: reading } }), journal: sink, source, pollMs: 500, repeated }));
  const expects = sink.events.filter((e): e is Extract<JournalEvent, { kind: "expect" }> => e.kind === "expect");
  return { result, expects };
}

describe("interpreter: checks over repeats", () => {
  it("in one of several repeats, records the value and the limit, deferred, and gives no verdict", async () => {
    const { result, expects } = await run('    expect p95(metric(app, "nCpu", on: dc1)) <= 60\n    expect 80 >= median(metric(app, "nCpu", on: dc1))', true);
    expect(expects.map((e) => [e.ok, e.noData, e.deferred, e.overRepeats])).to.deep.equal([
      [false, false, true, { stat: "p95", op: "<=", value: 70, limit: 60, unit: "" }],
      // Written with the limit on the left, recorded read from the statistic: `median(…) <= 80`.
      [false, false, true, { stat: "median", op: "<=", value: 70, limit: 80, unit: "" }],
    ]);
    // 70 > 60 fails only over the repeats: this repeat's verdict is its other checks' (none).
    expect(result.verdict).to.equal("pass");
  });

  it("records a missing value as absent, deferred, with noData", async () => {
    const { expects } = await run('    expect p99(metric(app, "nCpu", on: dc1)) <= 60', true, () => ({ kind: "no-data", reason: "no such metric" }));
    expect(expects.map((e) => [e.noData, e.deferred, e.overRepeats])).to.deep.equal([[true, true, { stat: "p99", op: "<=", limit: 60, unit: "" }]]);
  });

  it("in a run that is not repeated, judges the one value", async () => {
    const { result, expects } = await run('    expect p95(metric(app, "nCpu", on: dc1)) <= 60', false);
    expect(expects.map((e) => [e.ok, e.deferred, e.overRepeats?.value])).to.deep.equal([[false, undefined, 70]]);
    expect(result.verdict).to.equal("fail");
    const passing = await run('    expect p95(metric(app, "nCpu", on: dc1)) <= 80', false);
    expect(passing.result.verdict).to.equal("pass");
  });
});
