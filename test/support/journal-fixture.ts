/**
 * Realistic journals for the report tests and the benchmark: a run on two datacenters with
 * the events an interpreter writes (src/runtime/journal/events.ts): phases, actions, faults
 * on datacenters and hosts, the roles the observer infers, a failover, throughput and
 * latency samples, lost and duplicated tuples over time, the data checks' account with lost
 * ranges, expectations that pass and fail. Beside it, a scenario that has no data to judge
 * and one whose harness broke. Deterministic for a seed.
 */
import type { Figures, JournalEvent, JournalEventBody, JournalSpan, Verdict } from "../../src/runtime/journal/events.js";
import { seededRandom } from "../../src/sim/model/random.js";

type Rng = () => number;
const WALL_ANCHOR = Date.parse("2026-11-23T10:00:00.000Z");
const FILE = "scenarios/dc-partition.xdc";

export interface FailoverOptions {
  readonly name?: string;
  readonly file?: string;
  readonly durationMs?: number;
  readonly sampleEveryMs?: number;
  /** How many faults; the first partitions the datacenters and causes the failover. */
  readonly faults?: number;
  /** Tuples per second the workload sends. */
  readonly rate?: number;
}

export interface RunOptions {
  readonly seed?: number;
  readonly scenarios?: readonly ScenarioMaker[];
}

/** Writes one scenario's events from `t0`; returns them and when it ended. */
export type ScenarioMaker = (w: Writer, rng: Rng) => void;

/** Collects events with `t` and `wall` filled in, keeping `t` monotonic. */
export class Writer {
  readonly events: JournalEvent[] = [];
  t = 0;
  scenario: string | undefined;

  emit(body: JournalEventBody, extra: { at?: number; span?: JournalSpan } = {}): void {
    this.t = Math.max(this.t, extra.at ?? this.t);
    const wall = new Date(WALL_ANCHOR + this.t).toISOString();
    this.events.push({ ...body, t: this.t, wall, ...(this.scenario !== undefined ? { scenario: this.scenario } : {}), ...(extra.span ? { span: extra.span } : {}) } as JournalEvent);
  }
}

export const span = (line: number, column = 5, file = FILE, length = 20): JournalSpan => ({ file, line, column, endLine: line, endColumn: column + length });

/** A run: `run.start`, the scenarios, `run.end` with the verdict counts. */
export function journalFixture(options: RunOptions = {}): JournalEvent[] {
  const seed = options.seed ?? 20261123;
  const rng = seededRandom(seed);
  const makers = options.scenarios ?? [failoverScenario(), noDataScenario(), errorScenario()];
  const w = new Writer();
  const files = [FILE];
  w.emit({ kind: "run.start", version: 1, xdc: "0.1.0", seed, environment: "sim", files });
  for (const make of makers) {
    make(w, rng);
    w.scenario = undefined;
    w.emit({ kind: "log", level: "info", message: "scenario finished" }, { at: w.t + 10 });
  }
  const verdicts: Record<Verdict, number> = { pass: 0, fail: 0, error: 0, "no-data": 0 };
  for (const e of w.events) if (e.kind === "scenario.end") verdicts[e.verdict]++;
  const exitCode = verdicts.error > 0 ? 3 : verdicts.fail > 0 ? 1 : verdicts["no-data"] > 0 ? 4 : 0;
  w.emit({ kind: "run.end", exitCode, interrupted: false, verdicts });
  return w.events;
}

/** One hour under load with a sample a second and twenty faults: the benchmark's journal. */
export const oneHourJournal = (seed = 1): JournalEvent[] =>
  journalFixture({ seed, scenarios: [failoverScenario({ durationMs: 3_600_000, sampleEveryMs: 1000, faults: 20, name: "one hour under faults" })] });

export const toJsonLines = (events: readonly JournalEvent[]): string => events.map((e) => JSON.stringify(e)).join("\n") + "\n";

const HOSTS = { dc1: ["dc1-a", "dc1-b"], dc2: ["dc2-a", "dc2-b"] } as const;
const HOST_FAULTS = [
  { fault: "kill", what: (h: string) => `kill the Streams PE processes on ${h}` },
  { fault: "packet_loss", what: (h: string) => `drop 20% of packets leaving ${h}` },
  { fault: "stress_cpu", what: (h: string) => `load every core of ${h}` },
  { fault: "latency", what: (h: string) => `delay packets leaving ${h} by 200ms` },
];

export function failoverScenario(o: FailoverOptions = {}): ScenarioMaker {
  const durationMs = o.durationMs ?? 120_000;
  const every = o.sampleEveryMs ?? 1000;
  const faultCount = Math.max(1, o.faults ?? 3);
  const rate = o.rate ?? 500;
  const name = o.name ?? "DC1 partition fails over to DC2 within 45s";
  const file = o.file ?? FILE;
  return (w, rng) => {
    const t0 = w.t + 50;
    w.scenario = name;
    w.emit({ kind: "scenario.start", file, tags: ["network", "smoke"], timeoutMs: durationMs + 120_000 }, { at: t0, span: span(3, 1, file) });
    w.emit({ kind: "phase.start", phase: "setup" }, { at: t0 + 5 });
    w.emit({ kind: "action", builtin: "submit", what: "submit FailoverDemo to dc1 as primary", ok: true }, { at: t0 + 800, span: span(11, 5, file) });
    w.emit({ kind: "action", builtin: "submit", what: "submit FailoverDemo to dc2 as standby", ok: true }, { at: t0 + 1500, span: span(12, 5, file) });
    w.emit({ kind: "role", dc: "dc1", role: "active", signals: ["heartbeat", "job healthy"] }, { at: t0 + 2500 });
    w.emit({ kind: "role", dc: "dc2", role: "standby", signals: ["heartbeat"] }, { at: t0 + 2600 });
    w.emit({ kind: "phase.end", phase: "setup", ok: true }, { at: t0 + 3000 });
    const runAt = t0 + 3000;
    w.emit({ kind: "phase.start", phase: "run" }, { at: runAt });
    w.emit({ kind: "action", builtin: "inject", what: `inject 500/s into FailoverDemo.Ingest for ${durationMs / 1000}s`, ok: true }, { at: runAt, span: span(21, 5, file) });

    // The failover: the first fault cuts dc1 off; the toolkit notices, dc2 takes over.
    const cutAt = runAt + Math.round(durationMs * 0.15);
    const cutFor = 30_000;
    const detectedAt = cutAt + 4000 + Math.round(rng() * 2000);
    const takeoverAt = detectedAt + 3000 + Math.round(rng() * 1000);
    const firstTupleAt = takeoverAt + 1500;
    const rpoMs = 1200 + Math.round(rng() * 800);
    const endRun = runAt + durationMs;
    const faults = planFaults(rng, faultCount, cutAt, cutFor, endRun);

    const timeline: { at: number; write: () => void }[] = [];
    for (const f of faults) {
      timeline.push({ at: f.from, write: () => w.emit({ kind: "fault.applied", id: f.id, fault: f.fault, what: f.what, hosts: f.hosts, dcs: f.dcs }, { at: f.from, span: span(f.line, 5, file) }) });
      timeline.push({ at: f.to, write: () => w.emit({ kind: "fault.reverted", id: f.id, fault: f.fault, status: "undone", problems: [] }, { at: f.to }) });
    }
    timeline.push({ at: detectedAt, write: () => w.emit({ kind: "role", dc: "dc1", role: "down", signals: ["missed 3 heartbeats"] }, { at: detectedAt }) });
    timeline.push({ at: takeoverAt, write: () => w.emit({ kind: "role", dc: "dc2", role: "active", signals: ["toolkit: takeover complete"] }, { at: takeoverAt }) });
    timeline.push({
      at: firstTupleAt,
      write: () =>
        w.emit(
          { kind: "failover", from: "dc1", to: "dc2", faultAtMs: cutAt, detectedAtMs: detectedAt, takeoverAtMs: takeoverAt, firstTupleAtMs: firstTupleAt, rtoMs: firstTupleAt - cutAt, detectionMs: detectedAt - cutAt },
          { at: firstTupleAt, span: span(23, 5, file) },
        ),
    });
    timeline.push({ at: cutAt + cutFor + 2000, write: () => w.emit({ kind: "role", dc: "dc1", role: "standby", signals: ["heartbeat", "rejoined"] }, { at: cutAt + cutFor + 2000 }) });
    const hurt = (t: number) => faults.some((f) => f !== faults[0] && t >= f.from && t < f.to);
    let dupTotal = 0;
    for (let t = runAt; t < endRun; t += every) {
      timeline.push({
        at: t,
        write: () => {
          const active = t < firstTupleAt ? "dc1" : "dc2";
          const outage = t >= cutAt && t < firstTupleAt;
          const wobble = 1 + (rng() - 0.5) * 0.1;
          const dip = hurt(t) ? 0.6 : 1;
          const catchUp = t >= firstTupleAt && t < firstTupleAt + 8000 ? 1.6 : 1;
          w.emit({ kind: "sample", series: "throughput", unit: "tuples/s", value: outage ? 0 : Math.round(rate * wobble * dip * catchUp), dc: active, endpoint: "FailoverDemo.Results" }, { at: t });
          w.emit({ kind: "sample", series: "throughput", unit: "tuples/s", value: 0, dc: active === "dc1" ? "dc2" : "dc1", endpoint: "FailoverDemo.Results" }, { at: t });
          if (!outage) w.emit({ kind: "sample", series: "latency p95", unit: "ms", value: Math.round((40 + rng() * 15) * (catchUp > 1 ? 6 : 1) * (dip < 1 ? 2 : 1)), endpoint: "FailoverDemo.Results" }, { at: t });
          if (t >= firstTupleAt && t < firstTupleAt + 4000) {
            const dups = Math.round(20 + rng() * 30);
            dupTotal += dups;
            w.emit({ kind: "sample", series: "duplicates", unit: "tuples", value: dups, endpoint: "FailoverDemo.Results" }, { at: t });
          }
        },
      });
    }
    timeline.sort((a, b) => a.at - b.at);
    for (const item of timeline) item.write();

    w.emit({ kind: "phase.end", phase: "run", ok: true }, { at: endRun });
    w.emit({ kind: "phase.start", phase: "verify" }, { at: endRun + 10 });
    const sent = Math.round((rate * durationMs) / 1000);
    const lostFrom = Math.round(((cutAt - rpoMs - runAt) * rate) / 1000);
    const lostCount = Math.round((rpoMs * rate) / 1000);
    const lostRanges = [{ stream: "", from: lostFrom, to: lostFrom + lostCount - 1, sentFromMs: cutAt - rpoMs, sentToMs: cutAt }];
    const lossPercent = (100 * lostCount) / sent;
    const figures: Figures = {
      rtoMs: firstTupleAt - cutAt,
      detectionMs: detectedAt - cutAt,
      rpoMs,
      rpoTuples: lostCount,
      lostTuples: lostCount,
      duplicateTuples: dupTotal,
      sentTuples: sent,
      receivedTuples: sent - lostCount + dupTotal,
    };
    w.emit(
      { kind: "data", workload: "load", sink: "FailoverDemo.Results", sent, acked: sent, received: sent - lostCount + dupTotal, lost: lostCount, lostRanges, duplicates: dupTotal, outOfOrder: 0, rpoMs, latencyMs: { p50: 44, p95: 61, p99: 240, max: 2210 } },
      { at: endRun + 400 },
    );
    const expects = [
      { source: "expect fo.rto <= 45s", expected: "<= 45s", actual: `${((firstTupleAt - cutAt) / 1000).toFixed(1)}s`, ok: firstTupleAt - cutAt <= 45_000, line: 27 },
      { source: "expect lost(load, app.Results) <= 0.1%", expected: "<= 0.1%", actual: `${lossPercent.toFixed(3)}% (${lostCount} of ${sent})`, ok: lossPercent <= 0.1, line: 28 },
      { source: "expect duplicates(load, app.Results) == 0", expected: "== 0", actual: String(dupTotal), ok: dupTotal === 0, line: 29 },
      { source: 'expect ordered(app.Results, by: "seq")', expected: "in order", actual: "in order", ok: true, line: 30 },
    ];
    let at = endRun + 500;
    for (const x of expects) {
      w.emit({ kind: "expect", ok: x.ok, noData: false, source: x.source, expected: x.expected, actual: x.actual, ...(x.ok ? {} : { message: `${x.source.slice(7)} does not hold` }) }, { at: at++, span: span(x.line, 5, file, x.source.length) });
    }
    w.emit({ kind: "phase.end", phase: "verify", ok: expects.every((x) => x.ok) }, { at: at + 5 });
    w.emit({ kind: "phase.start", phase: "teardown" }, { at: at + 10 });
    w.emit({ kind: "action", builtin: "cancel", what: "cancel FailoverDemo on dc1, dc2", ok: true }, { at: at + 900, span: span(34, 5, file) });
    w.emit({ kind: "phase.end", phase: "teardown", ok: true }, { at: at + 1000 });
    const verdict: Verdict = expects.every((x) => x.ok) ? "pass" : "fail";
    w.emit({ kind: "scenario.end", verdict, durationMs: at + 1000 - t0, figures, ...(verdict === "fail" ? { reason: "2 expectations do not hold" } : {}) }, { at: at + 1000 });
  };
}

interface PlannedFault {
  readonly id: string;
  readonly fault: string;
  readonly what: string;
  readonly hosts: readonly string[];
  readonly dcs: readonly string[];
  readonly from: number;
  readonly to: number;
  readonly line: number;
}

/** The partition first, then host faults spread over the rest of the run, never overlapping. */
function planFaults(rng: Rng, count: number, cutAt: number, cutFor: number, endRun: number): PlannedFault[] {
  const faults: PlannedFault[] = [{ id: "f1", fault: "partition", what: "partition dc1 <-> dc2", hosts: [], dcs: ["dc1", "dc2"], from: cutAt, to: cutAt + cutFor, line: 22 }];
  const start = cutAt + cutFor + 10_000;
  const slot = (endRun - start) / Math.max(1, count - 1);
  for (let i = 1; i < count; i++) {
    const dc = rng() < 0.5 ? "dc1" : "dc2";
    const host = HOSTS[dc][Math.floor(rng() * 2)]!;
    const kind = HOST_FAULTS[Math.floor(rng() * HOST_FAULTS.length)]!;
    const from = Math.round(start + i * slot - slot + rng() * slot * 0.3);
    const to = Math.round(Math.min(from + 3000 + rng() * slot * 0.5, endRun - 1));
    faults.push({ id: `f${i + 1}`, fault: kind.fault, what: kind.what(host), hosts: [host], dcs: [dc], from, to, line: 24 });
  }
  return faults;
}

/** A scenario whose workload sent nothing: every expectation is undecided. */
/** A scenario whose one expectation holds. */
export function passScenario(name = "DC1 partition fails over within 45s"): ScenarioMaker {
  return (w) => {
    const t0 = w.t + 50;
    w.scenario = name;
    w.emit({ kind: "scenario.start", file: FILE, tags: ["smoke"], timeoutMs: 60_000 }, { at: t0, span: span(3, 1) });
    w.emit({ kind: "expect", ok: true, noData: false, source: "expect fo.rto <= 45s", expected: "<= 45s", actual: "11.1s" }, { at: t0 + 30, span: span(20, 5) });
    w.emit({ kind: "scenario.end", verdict: "pass", durationMs: 50, figures: { rtoMs: 11_100 } }, { at: t0 + 50 });
  };
}

export function noDataScenario(name = "standby keeps up when nothing is sent"): ScenarioMaker {
  return (w) => {
    const t0 = w.t + 50;
    w.scenario = name;
    w.emit({ kind: "scenario.start", file: FILE, tags: ["data"], timeoutMs: 60_000 }, { at: t0, span: span(40, 1) });
    w.emit({ kind: "phase.start", phase: "verify" }, { at: t0 + 10 });
    w.emit({ kind: "data", workload: "idle", sink: "FailoverDemo.Results", sent: 0, acked: 0, received: 0, lost: 0, lostRanges: [], duplicates: 0, outOfOrder: 0 }, { at: t0 + 20 });
    w.emit({ kind: "expect", ok: false, noData: true, source: "expect lost(idle, app.Results) <= 0.1%", expected: "<= 0.1%", actual: "no tuples sent", message: "the workload sent no tuples" }, { at: t0 + 30, span: span(46, 5) });
    w.emit({ kind: "phase.end", phase: "verify", ok: true }, { at: t0 + 40 });
    w.emit({ kind: "scenario.end", verdict: "no-data", reason: "the workload sent no tuples", durationMs: 50, figures: { sentTuples: 0 } }, { at: t0 + 50 });
  };
}

/** A scenario whose environment failed before anything could be judged. */
export function errorScenario(name = "rolling restart keeps the standby warm"): ScenarioMaker {
  return (w) => {
    const t0 = w.t + 50;
    w.scenario = name;
    w.emit({ kind: "scenario.start", file: FILE, tags: ["restart"], timeoutMs: 120_000 }, { at: t0, span: span(52, 1) });
    w.emit({ kind: "phase.start", phase: "setup" }, { at: t0 + 5 });
    w.emit({ kind: "action", builtin: "submit", what: "submit FailoverDemo to dc2 as standby", ok: false, detail: "connection refused by 127.0.0.1:8443" }, { at: t0 + 700, span: span(57, 5) });
    w.emit({ kind: "log", level: "error", message: "dc2: the Streams REST API refused the connection" }, { at: t0 + 701 });
    w.emit({ kind: "phase.end", phase: "setup", ok: false }, { at: t0 + 710 });
    w.emit({ kind: "scenario.end", verdict: "error", errorClass: "environment", reason: "dc2: the Streams REST API refused the connection", durationMs: 720, figures: {} }, { at: t0 + 720, span: span(57, 5) });
  };
}
