import { expect } from "chai";
import { checkText, memoryHost } from "../../../src/language/index.js";
import { VirtualClock } from "../../../src/runtime/clock.js";
import { runScenario } from "../../../src/runtime/interpreter/scenario.js";
import { memorySink } from "../../../src/runtime/journal/sink.js";
import { fakeWorld, type FakeOptions } from "./fake-world.js";

async function run(body: string, options: FakeOptions = {}, interruptAtMs?: number) {
  const text = `import "std/faults"\nimport "std/checks"\nscenario "s" {\n  environment: sim\n  timeout: 5m\n  let app = application("A", bundle: "a.sab", sources: ["In"], sinks: ["Out"])\n${body}\n}\n`;
  const checked = checkText(text, "s.xdc", memoryHost());
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  expect(errors.map((d) => d.message)).to.deep.equal([]);
  const clock = new VirtualClock();
  const world = fakeWorld(clock, options);
  const sink = memorySink();
  const interrupt = new AbortController();
  if (interruptAtMs !== undefined) void clock.sleep(interruptAtMs).then(() => interrupt.abort());
  const source = (f: string) => (f === "s.xdc" ? text : memoryHost().read(f));
  const result = await clock.drive(runScenario(checked.value, checked.value.scenarios[0]!, { clock, world, journal: sink, source, pollMs: 500, interrupt: interrupt.signal }));
  return { result, events: sink.events, calls: world.calls };
}

describe("interpreter", () => {
  it("runs phases in order, times `at` from the start of run, and reverts a fault after its `for`", async () => {
    const { result, events, calls } = await run(`
  setup { submit(app, to: dc1) }
  run {
    wait 2s
    at 5s: partition(dc1, dc2) for 10s
  }
  teardown { cancel(app, on: [dc1, dc2]) }`);
    expect(result.verdict).to.equal("pass");
    expect(calls).to.deep.equal(["0 submit A dc1 primary", "5000 apply f1 partition", "15000 revert f1 partition", "15000 cancel A dc1,dc2"]);
    expect(events.filter((e) => e.kind === "phase.start").map((e) => (e.kind === "phase.start" ? e.phase : ""))).to.deep.equal(["setup", "run", "teardown"]);
  });

  it("runs `every` ticks at 0, T, 2T while below D, and `repeat` N times", async () => {
    const { calls } = await run(`
  run {
    every 10s for 30s { log("tick") }
    repeat 2 { wait 1s; log("r") }
  }`);
    expect(calls).to.deep.equal(["0 log tick", "1000 log r", "2000 log r", "10000 log tick", "20000 log tick"]);
  });

  it("runs `parallel` statements at once and waits for all of them", async () => {
    const { calls } = await run(`
  run {
    parallel {
      wait 3s
      log("p")
    }
    log("after")
  }`);
    expect(calls).to.deep.equal(["0 log p", "3000 log after"]);
  });

  it("binds `await failover(…) as` and judges expectations with units", async () => {
    const { result, events } = await run(
      `
  run { let fo = await failover(app, to: dc2) within 60s }
  verify {
    expect fo.rto <= 5s else "too slow"
    expect fo.to == dc2
  }`,
      { failoverAtMs: 7000, rtoMs: 8000 },
    );
    expect(result.verdict).to.equal("fail");
    const expects = events.filter((e) => e.kind === "expect");
    expect(expects.map((e) => (e.kind === "expect" ? [e.ok, e.expected, e.actual, e.message, e.t] : []))).to.deep.equal([
      [false, "<= 5s", "8s", "too slow", 7000],
      [true, "== dc2", "dc2", undefined, 7000],
    ]);
    expect(expects[0]?.kind === "expect" && expects[0].source).to.equal('expect fo.rto <= 5s else "too slow"');
  });

  it("fails an await that runs out in run, undoes the faults and still runs teardown", async () => {
    const { result, calls } = await run(`
  run {
    partition(dc1, dc2) for 2m
    await failover(app, to: dc2) within 30s
  }
  teardown { log("teardown") }`);
    expect(result.verdict).to.equal("fail");
    expect(calls).to.deep.equal(["0 apply f1 partition", "30000 revert f1 partition", "30000 log teardown"]);
  });

  it("makes an await whose failover went unobserved for more than a tenth of its window an environment error, not a failure", async () => {
    const unobserved = [
      { fromMs: 2_000, toMs: 5_000, why: "dc2: GET /jobs answered 503 (server)" },
      { fromMs: 10_000, toMs: 13_500, why: "dc2: GET /jobs: socket hang up" },
    ];
    const { result, events, calls } = await run(
      `
  run {
    partition(dc1, dc2) for 2m
    await failover(app, to: dc2) within 30s
  }
  teardown { log("teardown") }`,
      { unobserved },
    );
    expect(result).to.include({ verdict: "error", errorClass: "environment" });
    expect(result.reason).to.match(/control plane could not be observed: unseen for 6500ms of the 30s window \(22%.*longest from \+10s to \+13500ms: dc2: GET \/jobs: socket hang up/);
    expect(events.filter((e) => e.kind === "expect")).to.deep.equal([]);
    expect(events.some((e) => e.kind === "action" && !e.ok && e.what.endsWith(": unobserved"))).to.equal(true);
    expect(calls).to.deep.equal(["0 apply f1 partition", "30000 revert f1 partition", "30000 log teardown"]);
  });

  it("still fails an await whose failover was unobserved only briefly (blips under the grace of 5 polls, and under a tenth of the window in all)", async () => {
    const unobserved = [
      { fromMs: 1_000, toMs: 3_400, why: "dc2: answered 503" },
      { fromMs: 5_000, toMs: 7_800, why: "dc2: no answer (network)" },
      { fromMs: 9_000, toMs: 11_000, why: "dc2: no answer (network)" },
    ];
    const { result } = await run(`run { await failover(app, to: dc2) within 30s }`, { unobserved });
    expect(result.verdict).to.equal("fail");
  });

  it("judges an awaited condition by its own polls: no data for most of the window is an error, a short gap then false a failure, a gap then true a pass", async () => {
    const blind = await run(`run { await healthy(app, on: dc1) within 10s }`, { healthyFromMs: 60_000, healthyNoData: [[1_000, 9_000]] });
    expect(blind.result).to.include({ verdict: "error", errorClass: "environment" });
    expect(blind.result.reason).to.match(/could not be observed: unseen for 8500ms of the 10s window.*dc1: GET \/jobs answered 503/);

    const brief = await run(`run { await healthy(app, on: dc1) within 10s }`, { healthyFromMs: 60_000, healthyNoData: [[1_000, 2_000]] });
    expect(brief.result.verdict).to.equal("fail");

    const met = await run(`run { await healthy(app, on: dc1) within 10s; log("ready") }`, { healthyFromMs: 6_000, healthyNoData: [[0, 5_000]] });
    expect(met.result.verdict).to.equal("pass");
    expect(met.calls).to.deep.equal(["6000 log ready"]);
  });

  it("makes an await that runs out in setup an environment error", async () => {
    const { result } = await run(`setup { await healthy(app, on: dc1) within 10s }`, { healthyFromMs: 60_000 });
    expect(result).to.include({ verdict: "error", errorClass: "environment" });
  });

  it("polls a condition until it holds", async () => {
    const { calls } = await run(`setup { await healthy(app, on: dc1) within 10s; log("ready") }`, { healthyFromMs: 1200 });
    expect(calls).to.deep.equal(["1500 log ready"]);
  });

  it("stops at the timeout, reverts what is applied, runs teardown: error of class timeout", async () => {
    const { result, calls } = await run(`
  run {
    partition(dc1, dc2) for 9m
  }
  teardown { log("teardown") }`);
    expect(result).to.include({ verdict: "error", errorClass: "timeout" });
    expect(calls).to.deep.equal(["0 apply f1 partition", "300000 revert f1 partition", "300000 log teardown"]);
  });

  it("on an interrupt reverts the faults, runs teardown and says interrupted", async () => {
    const { result, calls, events } = await run(
      `
  run {
    let load = inject(app.In, rate: 10/s, for: 60s)
    partition(dc1, dc2) for 50s
  }
  teardown { log("teardown") }`,
      {},
      4000,
    );
    expect(result).to.include({ verdict: "error", errorClass: "interrupted" });
    expect(calls).to.deep.equal(["0 inject w1 10/s 60000ms", "0 apply f1 partition", "4000 inject w1 stopped", "4000 revert f1 partition", "4000 log teardown"]);
    expect(events.at(-1)).to.include({ kind: "scenario.end", verdict: "error", errorClass: "interrupted" });
  });

  it("runs a user fault's body and reverting it reverts what part is still applied", async () => {
    const { calls } = await run(`
  run {
    let f = degrade(dc1, dc2, step: 10s)
    wait 35s
    revert(f)
  }`);
    expect(calls).to.deep.equal([
      "0 apply f2 latency", "0 apply f3 packet_loss",
      "10000 revert f2 latency", "10000 revert f3 packet_loss", "10000 apply f4 latency", "10000 apply f5 packet_loss",
      "20000 revert f4 latency", "20000 revert f5 packet_loss", "20000 apply f6 latency", "20000 apply f7 packet_loss",
      "30000 revert f6 latency", "30000 revert f7 packet_loss", "30000 apply f8 latency", "30000 apply f9 packet_loss",
      "35000 revert f9 packet_loss", "35000 revert f8 latency",
    ]);
  });

  it("stops a user fault's body when its `for` ends", async () => {
    const { calls } = await run(`run { flap(dc1, dc2, cycles: 3, period: 10s) for 25s }`);
    expect(calls).to.deep.equal(["0 apply f2 partition", "5000 revert f2 partition", "10000 apply f3 partition", "15000 revert f3 partition", "20000 apply f4 partition", "25000 revert f4 partition"]);
  });

  it("runs a stdlib check; a reading with no data makes the expectation no-data, never pass", async () => {
    const { result, events } = await run(
      `
  run { let load = inject(app.In, rate: 10/s, for: 5s) }
  verify { exactly_once(load, app.Out) }`,
      { readings: { duplicates: { kind: "no-data", reason: "no tuple was read at the sink" } } },
    );
    expect(result.verdict).to.equal("no-data");
    const expects = events.flatMap((e) => (e.kind === "expect" ? [[e.ok, e.noData, e.actual]] : []));
    expect(expects).to.deep.equal([[true, false, "0%"], [false, true, "no data: no tuple was read at the sink"], [true, false, "true"]]);
  });

  it("skips run and verify when the steady state does not hold before run", async () => {
    const { result, calls } = await run(
      `
  steady { expect throughput(app.Out, over: 5s) >= 100/s }
  run { log("run") }
  teardown { log("teardown") }`,
      { readings: { throughput: { kind: "value", value: 3 } } },
    );
    expect(result.verdict).to.equal("fail");
    expect(calls).to.deep.equal(["5000 throughput Out 5000ms", "5000 log teardown"]);
  });

  it("starts a measurement window no earlier than its own phase: steady run again after verify reads only its own traffic", async () => {
    const { result, calls, events } = await run(`
  steady {
    let probe = inject(app.In, rate: 100/s, for: 3s, key: "probe")
    expect throughput(app.Out, over: 2s) >= 50/s
  }
  run {
    let load = inject(app.In, rate: 500/s, for: 4s)
    wait 3s
    expect throughput(app.Out, over: 2s) >= 50/s
    every 1s for 2s { expect throughput(app.Out, over: 1500ms) >= 50/s }
  }
  verify { expect lost(load, app.Out) <= 1% }`);
    expect(result.verdict).to.equal("pass");
    // steady at 0 (its probe ends at 3 s), run at 3 s (its load ends at 7 s), steady-after at 7 s
    expect(calls.filter((c) => c.includes("throughput"))).to.deep.equal([
      "2000 throughput Out 2000ms",
      // 3 s into run: its 2 s window lies within run already
      "6000 throughput Out 2000ms",
      // in a body that starts 3 s into run: the phase, not the body, is what the window may not precede
      "6000 throughput Out 1500ms",
      "7000 throughput Out 1500ms",
      // steady again after verify: 2 s of its own traffic, never the tail of run's
      "9000 throughput Out 2000ms",
    ]);
    const waits = events.filter((e) => e.kind === "action" && e.builtin === "throughput").map((e) => (e.kind === "action" ? e.what : ""));
    expect(waits).to.deep.equal(["throughput of A.Out over 2s: waits for 2s of `steady`", "throughput of A.Out over 2s: waits for 2s of `steady-after`"]);
  });

  it("accounts the data after verify, and the steady-after probe before teardown, each workload once", async () => {
    const { events, calls } = await run(
      `
  steady {
    let probe = inject(app.In, rate: 100/s, for: 1s, key: "probe")
    expect throughput(app.Out, over: 1s) >= 50/s
  }
  run { let load = inject(app.In, rate: 500/s, for: 2s) }
  verify { expect lost(load, app.Out) <= 1% }
  teardown { log("teardown") }`,
      { accounts: true },
    );
    expect(calls.filter((c) => c.includes("account") || c.includes("teardown"))).to.deep.equal(["3000 account w1,w2", "4000 account w1,w2,w3", "4000 log teardown"]);
    const order = events.flatMap((e) => (e.kind === "data" ? [`data ${e.workload}`] : e.kind === "phase.start" ? [e.phase] : e.kind === "scenario.end" ? [`end ${e.figures.sentTuples}`] : []));
    // the figures are those of the accounting after verify; steady-after's probe comes before teardown
    expect(order).to.deep.equal(["steady", "run", "verify", "data w1", "data w2", "steady-after", "data w3", "teardown", "end 2"]);
  });

  it("stops a reading that waits for its window when the scenario is interrupted", async () => {
    const { result, calls } = await run(
      `
  steady { expect throughput(app.Out, over: 1m) >= 1/s }
  teardown { log("teardown") }`,
      {},
      2000,
    );
    expect(result).to.include({ verdict: "error", errorClass: "interrupted" });
    expect(calls).to.deep.equal(["2000 log teardown"]);
  });

  it("makes a fault that cannot be applied a fault-injection error", async () => {
    const { result } = await run(`run { partition(dc1, dc2) for 10s }`, { failApply: ["partition"] });
    expect(result).to.include({ verdict: "error", errorClass: "fault-injection" });
  });

  it("runs `after` a fault ends, and drops a watch whose event never comes", async () => {
    const { calls, result } = await run(`
  run {
    let cut = partition(dc1, dc2) for 10s
    after cut: log("healed")
    after failover(app, to: dc2): log("never")
  }`);
    expect(result.verdict).to.equal("pass");
    expect(calls).to.deep.equal(["0 apply f1 partition", "10000 revert f1 partition", "10000 log healed"]);
  });

  describe("a fault whose apply is under way when the scenario stops is still undone", () => {
    it("on Ctrl-C: booked when the apply ends, reverted before teardown", async () => {
      const { result, calls, events } = await run(
        `
  run { partition(dc1, dc2) for 60s }
  teardown { log("teardown") }`,
        { applyMs: { partition: 3000 } },
        1000,
      );
      expect(result).to.include({ verdict: "error", errorClass: "interrupted" });
      expect(calls).to.deep.equal(["0 apply f1 partition", "3000 applied f1 partition", "3000 revert f1 partition", "3000 log teardown"]);
      expect(events.filter((e) => e.kind === "fault.applied" || e.kind === "fault.reverted").map((e) => e.kind)).to.deep.equal(["fault.applied", "fault.reverted"]);
    });

    it("on the scenario's timeout", async () => {
      const { result, calls } = await run(`run { at 4m: isolate(dc1) for 1m }`, { applyMs: { isolate: 120_000 } });
      expect(result).to.include({ verdict: "error", errorClass: "timeout" });
      expect(calls).to.deep.equal(["240000 apply f1 isolate", "360000 applied f1 isolate", "360000 revert f1 isolate"]);
    });

    it("when a sibling in `parallel` fails: the failure waits for the apply, and stops the sibling's waiting", async () => {
      const { result, calls } = await run(
        `
  run {
    parallel {
      partition(dc1, dc2) for 60s
      isolate(dc2) for 60s
      wait 10m
    }
  }`,
        { applyMs: { partition: 2000 }, failApply: ["isolate"] },
      );
      expect(result).to.include({ verdict: "error", errorClass: "fault-injection" });
      expect(calls).to.deep.equal(["0 apply f1 isolate", "0 apply f2 partition", "2000 applied f2 partition", "2000 revert f2 partition"]);
    });

    it("when its user fault was reverted while the part was being applied", async () => {
      const { result, calls } = await run(`run { flap(dc1, dc2, cycles: 3, period: 10s) for 14s }`, { applyMs: { partition: 3000 } });
      expect(result.verdict).to.equal("pass");
      expect(calls).to.deep.equal([
        "0 apply f2 partition", "3000 applied f2 partition", "8000 revert f2 partition",
        "13000 apply f3 partition", "16000 applied f3 partition", "16000 revert f3 partition",
      ]);
    });
  });
  it("asks the World for PromQL readings, scales them to the unit the scenario gave, and waits for a range query's window within its phase", async () => {
    const { result, calls, events } = await run(
      `
  verify {
    expect promql("sum(up)", on: dc2) == 0.25
    expect promql("x", unit: "ratio") == 25%
    expect promql("x", unit: "seconds") == 250ms
    expect promql_range("y", over: 3s, take: "min", step: 500ms, unit: "per_second") < 1/s
  }`,
      { readings: { promql: { kind: "value", value: 0.25 } } },
    );
    expect(result.verdict).to.equal("pass");
    expect(calls).to.deep.equal(["0 promql sum(up) on dc2", "0 promql x", "0 promql x", "3000 promql y over 3000ms every 500ms min"]);
    expect(events.flatMap((e) => (e.kind === "expect" ? [e.actual] : []))).to.deep.equal(["0.25", "25%", "250ms", "0.25/s"]);
  });

  it("judges an expectation over a PromQL query that matched nothing as no data, never a pass", async () => {
    const { result, events } = await run(`  verify { expect promql("absent_series") >= 0 }`, { readings: { promql: { kind: "no-data", reason: "`absent_series` matches no series" } } });
    expect(result.verdict).to.equal("no-data");
    expect(events.flatMap((e) => (e.kind === "expect" ? [[e.ok, e.noData, e.actual]] : []))).to.deep.equal([[false, true, "no data: `absent_series` matches no series"]]);
  });

  it("counts failovers over the whole run so far, or over each stretch a phase named by `during` covered", async () => {
    const { result, events, calls } = await run(
      `
  setup { submit(app, to: dc1) }
  steady { expect failovers(app, during: "steady") == 0 }
  run {
    wait 10s
    expect failovers(app, during: "run") == 1
  }
  verify {
    expect failovers(app, during: "run", to: dc2) == 1
    expect failovers(app, during: "setup") == 0
    expect failovers(app, from: dc2) == 0
    expect failovers(app) == 0 else "failed over"
  }`,
      { failoverAtMs: 4000 },
    );
    expect(result.verdict).to.equal("fail");
    expect(events.flatMap((e) => (e.kind === "expect" ? [[e.ok, e.actual]] : []))).to.deep.equal([
      [true, "0"],
      [true, "1"],
      [true, "1"],
      [true, "0"],
      [true, "0"],
      [false, "1"],
      [true, "0"],
    ]);
    // `steady` ran before `run` and again after `verify`: the second time it counts both of its stretches.
    expect(calls.filter((c) => c.includes("failovers"))).to.deep.equal([
      "0 failovers A 0..0",
      "10000 failovers A 0..10000",
      "10000 failovers A 0..10000 to dc2",
      "10000 failovers A 0..0",
      "10000 failovers A 0..10000 from dc2",
      "10000 failovers A 0..10000",
      "10000 failovers A 0..0",
      "10000 failovers A 10000..10000",
    ]);
  });

  it("makes a count of failovers that could not be judged no data, and one of a phase not begun no data too", async () => {
    const { result, events } = await run(
      `
  run { expect failovers(app, during: "verify") == 0 }
  verify { expect failovers(app) == 0 }`,
      { failovers: { kind: "no-data", reason: "nothing watched A's roles" } },
    );
    expect(result.verdict).to.equal("no-data");
    expect(events.flatMap((e) => (e.kind === "expect" ? [[e.noData, e.actual]] : []))).to.deep.equal([
      [true, "no data: `verify` has not begun: there is nothing of it to count failovers in"],
      [true, "no data: nothing watched A's roles"],
    ]);
  });

  it("reads a datacenter's role as a string at the moment it is evaluated, and awaits one", async () => {
    const { result, events, calls } = await run(
      `
  setup { submit(app, to: dc1) }
  run {
    expect role(app, on: dc1) == "active"
    await role(app, on: dc2) == "active" within 30s
    expect role(app, on: dc1) != "active" else "dc1 is {role(app, on: dc1)}"
  }
  verify { expect role(app, on: dc2) == "standby" }`,
      { failoverAtMs: 6000 },
    );
    expect(result.verdict).to.equal("fail");
    expect(calls.filter((c) => c.includes(" role "))[0]).to.equal("0 role A dc1");
    expect(events.flatMap((e) => (e.kind === "expect" ? [[e.ok, e.actual, e.t]] : []))).to.deep.equal([
      [true, '"active"', 0],
      [true, '"down"', 6000],
      [false, '"active"', 6000],
    ]);
  });

  it("makes a role nobody watched no data, not a failure", async () => {
    const { result, events } = await run(`  verify { expect role(app, on: dc2) == "active" }`, { role: { kind: "no-data", reason: "A was never submitted" } });
    expect(result.verdict).to.equal("no-data");
    expect(events.flatMap((e) => (e.kind === "expect" ? [[e.noData, e.actual]] : []))).to.deep.equal([[true, "no data: A was never submitted"]]);
  });
});
