import { expect } from "chai";
import { checkText, memoryHost } from "../../../src/language/index.js";
import { VirtualClock } from "../../../src/runtime/clock.js";
import type { JournalEvent } from "../../../src/runtime/journal/events.js";
import { runScenario } from "../../../src/runtime/interpreter/scenario.js";
import { memorySink } from "../../../src/runtime/journal/sink.js";
import type { Reading } from "../../../src/runtime/world.js";
import { fakeWorld, type FakeOptions } from "./fake-world.js";

async function run(body: string, options: FakeOptions = {}, planning = false) {
  const text = `scenario "s" {\n  environment: sim\n  timeout: 5m\n  let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])\n${body}\n}\n`;
  const checked = checkText(text, "s.xdc", memoryHost());
  expect(checked.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).to.deep.equal([]);
  const clock = new VirtualClock();
  const sink = memorySink();
  const source = (f: string) => (f === "s.xdc" ? text : undefined);
  const result = await clock.drive(runScenario(checked.value, checked.value.scenarios[0]!, { clock, world: fakeWorld(clock, options), journal: sink, source, pollMs: 500, planning }));
  return { result, events: sink.events };
}

const samples = (events: readonly JournalEvent[], name: string) =>
  events.flatMap((e) => (e.kind === "series.sample" && e.series === name ? [[e.t, e.value]] : []));
const expects = (events: readonly JournalEvent[]) =>
  events.flatMap((e) => (e.kind === "expect" ? [{ t: e.t, ok: e.ok, noData: e.noData, expected: e.expected, actual: e.actual }] : []));
const value = (v: number): Reading<number> => ({ kind: "value", value: v });

describe("interpreter: time series and baselines", () => {
  it("samples every interval from the `let` to the end of its block, and no later", async () => {
    const { events } = await run(`
  run {
    wait 1s
    let cpu = sample metric(app, "nCpu", on: dc1) every 2s
    wait 7s
    expect max(cpu) == 7 and min(cpu) == 1 and mean(cpu) == 4
    expect percentile(cpu, 50%) == 3 and max(cpu, over: 3s) == 7
  }
  verify { wait 5s }`, { over: { metric: (ms) => value(ms / 1000) } });
    expect(samples(events, "cpu")).to.deep.equal([[1000, 1], [3000, 3], [5000, 5], [7000, 7]]);
    expect(expects(events).map((e) => e.ok)).to.deep.equal([true, true]);
    const s = events.find((e) => e.kind === "series.sample");
    expect(s?.span?.line, "the sample points at its `let`").to.equal(8);
  });

  it("fails `throughout` at the first sample that breaks it, with its time and value, when it comes", async () => {
    const { result, events } = await run(`
  run {
    let cpu = sample metric(app, "nCpu", on: dc1) every 1s
    expect cpu <= 80 throughout
    wait 10s
  }`, { over: { metric: (ms) => value(ms >= 4000 ? 95 : 50) } });
    expect(result.verdict).to.equal("fail");
    expect(expects(events)).to.deep.equal([{ t: 4000, ok: false, noData: false, expected: "<= 80 throughout", actual: "95 at +4s (sample 5 of `cpu`)" }]);
  });

  it("passes `throughout` when every sample holds, and names the worst one", async () => {
    const { result, events } = await run(`
  run {
    let rate = sample throughput(app.Out, over: 1s) every 1s
    wait 3500ms
  }
  verify { expect rate >= 400/s throughout run }`, { over: { throughput: (ms) => value(ms === 2000 ? 420 : 500) } });
    expect(result.verdict).to.equal("pass");
    expect(expects(events)).to.deep.equal([{ t: 3500, ok: true, noData: false, expected: ">= 400/s throughout run", actual: "3 samples, the worst 420/s" }]);
  });

  it("is no data, never a pass, when a series has no sample; the gap is logged once", async () => {
    const { result, events } = await run(`
  run {
    let cpu = sample metric(app, "nCpu", on: dc1) every 1s
    expect cpu <= 80 throughout
    wait 3s
    expect max(cpu) <= 80
  }`, { readings: { metric: { kind: "no-data", reason: "no such metric" } } });
    expect(result.verdict).to.equal("no-data");
    expect(expects(events).map((e) => [e.t, e.noData, e.actual])).to.deep.equal([
      [3000, true, "no data: no sample of `cpu`"],
      [3000, true, "no data: no sample of `cpu`"],
    ]);
    expect(events.filter((e) => e.kind === "log" && e.level === "warn").length).to.equal(1);
  });

  it("samples a scenario-level series through every phase; `throughout run` judges only run's samples", async () => {
    const { result, events } = await run(`
  let cpu = sample metric(app, "nCpu", on: dc1) every 2s
  setup { wait 3s }
  run { wait 4s }
  verify { expect cpu < 50 throughout run }
  teardown { wait 5s }`, { over: { metric: (ms) => value(ms < 3000 ? 99 : 10) } });
    expect(samples(events, "cpu").map(([t]) => t)).to.deep.equal([0, 2000, 4000, 6000]);
    expect(result.verdict).to.equal("pass");
    expect(expects(events).map((e) => e.actual)).to.deep.equal(["2 samples, the worst 10"]);
  });

  it("keeps a `baseline` read in `steady` when `steady` runs again, so the comparison is with before `run`", async () => {
    const body = `
  steady {
    let base = baseline throughput(app.Out, over: 2s)
    expect throughput(app.Out, over: 2s) >= 90% of base
  }
  run { wait 10s }`;
    const after = (rate: number) => ({ over: { throughput: (ms: number) => value(ms < 5000 ? 500 : rate) } });
    const slow = await run(body, after(300));
    expect(slow.result.verdict).to.equal("fail");
    expect(expects(slow.events).map((e) => [e.ok, e.expected, e.actual])).to.deep.equal([
      [true, ">= 450/s", "500/s"],
      [false, ">= 450/s", "300/s"],
    ]);
    const kept = slow.events.flatMap((e) => (e.kind === "action" && e.builtin === "baseline" ? [e.what] : []));
    expect(kept).to.deep.equal(["baseline base = 500/s", "baseline base kept from `steady`: 500/s"]);
    expect((await run(body, after(480))).result.verdict).to.equal("pass");
  });

  it("in a plan, says what it would sample and judge, and judges nothing", async () => {
    const { result, events } = await run(`
  run {
    let cpu = sample metric(app, "nCpu", on: dc1) every 5s
    expect cpu <= 80 throughout
    wait 10s
  }`, {}, true);
    expect(result.verdict).to.equal("pass");
    expect(samples(events, "cpu")).to.deep.equal([]);
    expect(events.flatMap((e) => (e.kind === "action" ? [e.what] : []))).to.deep.equal([
      'sample cpu: metric(app, "nCpu", on: dc1) every 5s until the end of `run`',
      "expect cpu <= 80 throughout",
    ]);
  });
});
