import { expect } from "chai";
import { connectPrometheus, type InstantResult, type PrometheusApi } from "../../src/drivers/prometheus/index.js";
import { parseInstant, parseRange } from "../../src/drivers/prometheus/parse.js";
import { instantReading, rangeReading, seriesName } from "../../src/drivers/prometheus/reading.js";
import { realClock } from "../../src/runtime/clock.js";
import { upload } from "../sim/fixtures.js";
import { expectNoSecrets, failure, startDriverTwin, testContext, value, type DriverTwin, type TestContext } from "./helpers.js";
import { prometheusAvailable, startPrometheus, type RunningPrometheus } from "./prometheus-server.js";

const vector = (r: InstantResult) => (r.resultType === "vector" ? r.series : []);

describe("drivers/prometheus: reading the HTTP API's answers", () => {
  it("reads vectors, scalars and strings, NaN and infinities included", () => {
    const v = parseInstant({ status: "success", data: { resultType: "vector", result: [{ metric: { __name__: "up", job: "x" }, value: [1700000000.5, "1"] }, { metric: {}, value: [1700000000, "+Inf"] }] } });
    expect(v).to.deep.equal({
      ok: true,
      value: { resultType: "vector", series: [{ labels: { __name__: "up", job: "x" }, point: { timeMs: 1700000000500, value: 1 } }, { labels: {}, point: { timeMs: 1700000000000, value: Infinity } }] },
    });
    const s = parseInstant({ status: "success", data: { resultType: "scalar", result: [1, "NaN"] } });
    expect(s.ok && s.value.resultType === "scalar" && Number.isNaN(s.value.point.value)).to.equal(true);
    expect(parseInstant({ status: "success", data: { resultType: "string", result: [2, "hi"] } })).to.deep.equal({ ok: true, value: { resultType: "string", timeMs: 2000, value: "hi" } });
  });

  it("reads matrices, and says what is wrong with an answer it cannot read", () => {
    expect(parseRange({ status: "success", data: { resultType: "matrix", result: [{ metric: { a: "b" }, values: [[1, "1"], [2, "-Inf"]] }] } })).to.deep.equal({
      ok: true,
      value: { resultType: "matrix", series: [{ labels: { a: "b" }, points: [{ timeMs: 1000, value: 1 }, { timeMs: 2000, value: -Infinity }] }] },
    });
    expect(parseRange({ status: "success", data: { resultType: "vector", result: [] } })).to.deep.equal({ ok: false, error: 'a range query answered resultType "vector"' });
    expect(parseInstant({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "many"] }] } })).to.deep.equal({ ok: false, error: "a sample value is not a number: many" });
    expect(parseInstant({ status: "error" }).ok).to.equal(false);
  });
});

describe("drivers/prometheus: one number out of an answer", () => {
  const series = (labels: Record<string, string>, value: number) => ({ labels, point: { timeMs: 1, value } });
  const points = (...values: number[]) => values.map((value, i) => ({ timeMs: i * 1000, value }));

  it("reads a scalar and a one-series vector; no series or NaN is no data", () => {
    expect(instantReading("1+1", { resultType: "scalar", point: { timeMs: 1, value: 2 } })).to.deep.equal({ kind: "value", value: 2 });
    expect(instantReading("up", { resultType: "vector", series: [series({ __name__: "up" }, 1)] })).to.deep.equal({ kind: "value", value: 1 });
    expect(instantReading("nothing", { resultType: "vector", series: [] })).to.deep.equal({ kind: "no-data", reason: "`nothing` matches no series at Prometheus now" });
    expect(instantReading("0/0", { resultType: "scalar", point: { timeMs: 1, value: NaN } })).to.deep.equal({ kind: "no-data", reason: "`0/0` is NaN" });
    expect(instantReading("x", { resultType: "vector", series: [series({ __name__: "x", a: "b" }, NaN)] })).to.deep.equal({ kind: "no-data", reason: '`x` is NaN (x{a="b"})' });
    expect(instantReading("+Inf", { resultType: "scalar", point: { timeMs: 1, value: Infinity } })).to.deep.equal({ kind: "value", value: Infinity });
  });

  it("refuses several series, naming them, and a string", () => {
    const many = instantReading("up", { resultType: "vector", series: [series({ __name__: "up", job: "dc2", instance: "b" }, 1), series({ __name__: "up", job: "dc1" }, 1)] });
    expect(many).to.deep.equal({ kind: "problem", message: '`up` gives 2 series (up{instance="b", job="dc2"}, up{job="dc1"}), not one number: aggregate them (sum(…), max(…), avg(…)) or select one by its labels' });
    const seven = instantReading("x", { resultType: "vector", series: [1, 2, 3, 4, 5, 6, 7].map((i) => series({ i: String(i) }, i)) });
    expect(seven.kind === "problem" && seven.message).to.include('{i="5"} and 2 more)');
    expect(instantReading('"a"', { resultType: "string", timeMs: 1, value: "a" })).to.deep.equal({ kind: "problem", message: '`"a"` gives a string, not a number' });
    expect(seriesName({})).to.equal("{}");
  });

  it("takes the maximum, minimum or average of a range's values, leaving NaN out", () => {
    const r = { resultType: "matrix" as const, series: [{ labels: {}, points: points(3, NaN, 9, 6) }] };
    expect(rangeReading("x", r, "max", "1m")).to.deep.equal({ kind: "value", value: 9 });
    expect(rangeReading("x", r, "min", "1m")).to.deep.equal({ kind: "value", value: 3 });
    expect(rangeReading("x", r, "avg", "1m")).to.deep.equal({ kind: "value", value: 6 });
    expect(rangeReading("x", { resultType: "matrix", series: [] }, "max", "1m")).to.deep.equal({ kind: "no-data", reason: "`x` matches no series at Prometheus in the last 1m" });
    expect(rangeReading("x", { resultType: "matrix", series: [{ labels: {}, points: points(NaN) }] }, "max", "5s")).to.deep.equal({ kind: "no-data", reason: "`x` has no value but NaN in the last 5s" });
    expect(rangeReading("x", { resultType: "matrix", series: [{ labels: { a: "1" }, points: points(1) }, { labels: { a: "2" }, points: points(2) }] }, "max", "5s").kind).to.equal("problem");
  });
});

describe("drivers/prometheus: a real Prometheus server scraping the twin", function () {
  this.timeout(60_000);
  let t: DriverTwin;
  let server: RunningPrometheus | undefined;
  let prom: PrometheusApi;
  let ctx: TestContext;

  before(async function () {
    if (!prometheusAvailable()) {
      console.log("      (skipped: no prometheus binary on PATH; `apt-get install prometheus` or .ci/run installs it)");
      this.skip();
    }
    t = await startDriverTwin();
    const job = t.instance.submitJob({ bundleId: upload(t.instance), startedBy: "test", jobName: "orders-dc1" });
    if (!job.ok) throw new Error(job.error.message);
    t.instance.metric(job.value.id, "Ingest", "nTuplesSubmitted")!.add(4242);
    server = await startPrometheus([new URL(t.origin).host]);
    ctx = testContext(realClock());
    prom = value(await connectPrometheus({ url: server.url, timeoutMs: 5_000 }, ctx));
  });
  after(async () => {
    prom?.close();
    await server?.stop();
    await t?.close();
  });

  /** Queries until the first scrape has landed (Prometheus scrapes every second), within a bound. */
  async function firstSamples(expr: string): Promise<InstantResult> {
    for (let i = 0; i < 100; i++) {
      const r = value(await prom.query(expr));
      if (vector(r).length > 0) return r;
      await ctx.clock.sleep(200);
    }
    expect.fail(`${expr} never appeared:\n${server?.output() ?? ""}`);
  }

  it("reads a twin metric back with an instant query", async () => {
    const r = await firstSamples('streams_operator_output_port_tuples_submitted_total{operator="Ingest"}');
    const series = vector(r);
    expect(series).to.have.length(1);
    expect(series[0]!.labels).to.include({ instance: "dc1", job_name: "orders-dc1", operator: "Ingest" });
    expect(series[0]!.point.value).to.equal(4242);
    const up = vector(value(await prom.query("streams_instance_up")));
    expect(up.map((s) => [s.labels["instance"], s.point.value])).to.deep.equal([["dc1", 1]]);
  });

  it("reads the series back with a range query", async () => {
    const end = Date.now();
    const r = value(await prom.queryRange('streams_operator_output_port_tuples_submitted_total{operator="Ingest"}', { startMs: end - 60_000, endMs: end, stepMs: 1_000 }));
    expect(r.series).to.have.length(1);
    expect(r.series[0]!.points.length).to.be.greaterThan(0);
    for (const p of r.series[0]!.points) expect(p.value).to.equal(4242);
    const times = r.series[0]!.points.map((p) => p.timeMs);
    expect(times).to.deep.equal([...times].sort((a, b) => a - b));
  });

  it("classifies a query Prometheus cannot parse, with its error type", async () => {
    const e = failure(await prom.query("sum(("));
    expect(e).to.include({ kind: "bad-request", status: 400, messageId: "bad_data", method: "GET", attempts: 1 });
    expect(e.path).to.match(/^\/api\/v1\/query\?query=/);
    expect(e.detail).to.match(/parse error/);
  });

  it("logs no secret", () => {
    expectNoSecrets(ctx.logger.text());
  });
});
