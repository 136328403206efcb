import type { ErrorClass, Figures, Verdict } from "../runtime/journal/events.js";
import type { FaultSpan, RoleSpan } from "./intervals.js";
import { distributions } from "./distribution.js";
import { place, type EventOf, type RunReport, type ScenarioReport } from "./model.js";
import { narrativeLine } from "./narrative.js";
import { seriesStats, type SeriesStats } from "./series.js";

/**
 * The JSON summary (summary.json) for other tools; docs/reports.md documents every field.
 * `format_version` follows the diagnostics JSON: a minor bump only adds fields, and readers
 * ignore fields they do not know; a major bump changes or removes one. Times inside a
 * scenario are milliseconds since that scenario started; `started` fields are ISO dates.
 */
export const SUMMARY_FORMAT_VERSION = "1.3";

export interface Summary {
  readonly format_version: typeof SUMMARY_FORMAT_VERSION;
  readonly xdc: string;
  readonly seed?: number;
  readonly environment: string;
  readonly files: readonly string[];
  readonly started: string;
  readonly exitCode?: number;
  readonly interrupted: boolean;
  /** Since 1.1: the journal has no `run.end`. */
  readonly unfinished: boolean;
  /** Since 1.1: why the run did not pass as a whole: an unfinished run, or one that ran no scenario. */
  readonly reason?: string;
  readonly verdict: Verdict;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly scenarios: readonly ScenarioSummary[];
  /** Since 1.3: each scenario that ran more than once (repeats, merged shards), as a distribution. */
  readonly repeats?: readonly RepeatSummary[];
}

/** A scenario's runs as a distribution: figures in their summary names (`rtoMs`, `lostTuples`…), values in run order. */
export interface RepeatSummary {
  readonly name: string;
  readonly file: string;
  readonly runs: number;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly passRate: number;
  readonly figures: Readonly<Partial<Record<keyof Figures, { readonly min: number; readonly median: number; readonly p95: number; readonly max: number; readonly values: readonly number[] }>>>;
}

export interface ScenarioSummary {
  readonly name: string;
  readonly file: string;
  /** Since 1.3: in a merged summary, the directory of the journal the scenario came from. */
  readonly source?: string;
  readonly location?: string;
  readonly tags: readonly string[];
  readonly verdict: Verdict;
  readonly errorClass?: ErrorClass;
  readonly reason?: string;
  readonly started: string;
  readonly durationMs: number;
  readonly figures: Figures;
  readonly expectations: readonly {
    readonly verdict: Verdict;
    readonly source: string;
    readonly expected: string;
    readonly actual: string;
    readonly message?: string;
    readonly location?: string;
    readonly atMs: number;
  }[];
  readonly failovers: readonly FailoverSummary[];
  readonly faults: readonly FaultSpan[];
  readonly roles: readonly RoleSpan[];
  readonly data: readonly DataSummary[];
  readonly series: readonly SeriesStats[];
  /** The series the scenario declared with `sample` (since 1.2). */
  readonly sampled: readonly SeriesStats[];
  readonly events: readonly { readonly atMs: number; readonly kind: string; readonly text: string; readonly location?: string }[];
}

/** A journal event's own fields, without the envelope every event has. */
type Fields<K extends "failover" | "data"> = Omit<EventOf<K>, "kind" | "t" | "wall" | "scenario" | "span">;

/** A failover as the journal has it, its instants made scenario-relative. */
export type FailoverSummary = Fields<"failover">;

/** The data checks' account as the journal has it, its send times made scenario-relative. */
export type DataSummary = Fields<"data">;

export function toSummary(run: RunReport): Summary {
  return {
    format_version: SUMMARY_FORMAT_VERSION,
    xdc: run.xdc,
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    environment: run.environment,
    files: run.files,
    started: run.startWall,
    ...(run.exitCode !== undefined ? { exitCode: run.exitCode } : {}),
    interrupted: run.interrupted,
    unfinished: run.unfinished,
    ...(run.reason !== undefined ? { reason: run.reason } : {}),
    verdict: run.verdict,
    verdicts: run.verdicts,
    scenarios: run.scenarios.map(scenarioSummary),
    ...optional("repeats", repeatSummaries(run.scenarios)),
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

function repeatSummaries(scenarios: readonly ScenarioReport[]): RepeatSummary[] | undefined {
  const repeated = distributions(scenarios);
  if (repeated.length === 0) return undefined;
  return repeated.map((d) => ({
    name: d.name,
    file: d.file,
    runs: d.scenarios.length,
    verdicts: d.verdicts,
    passRate: d.passRate,
    figures: Object.fromEntries(d.figures.map((f) => [f.figure, { min: f.min, median: f.median, p95: f.p95, max: f.max, values: f.values.map((v) => v.value) }])),
  }));
}

export function scenarioSummary(s: ScenarioReport): ScenarioSummary {
  const rel = (t: number) => t - s.startMs;
  const relOpt = (t: number | undefined) => (t === undefined ? undefined : rel(t));
  return {
    name: s.name,
    file: s.file,
    ...optional("source", s.source),
    ...optional("location", place(s.span)),
    tags: s.tags,
    verdict: s.verdict,
    ...optional("errorClass", s.errorClass),
    ...optional("reason", s.reason),
    started: s.startWall,
    durationMs: s.durationMs,
    figures: s.figures,
    expectations: s.expectations.map((x) => ({
      verdict: x.verdict,
      source: x.source,
      expected: x.expected,
      actual: x.actual,
      ...optional("message", x.message),
      ...optional("location", place(x.span)),
      atMs: rel(x.t),
    })),
    failovers: s.failovers.map((f) => ({
      from: f.from,
      to: f.to,
      ...optional("faultAtMs", relOpt(f.faultAtMs)),
      detectedAtMs: rel(f.detectedAtMs),
      takeoverAtMs: rel(f.takeoverAtMs),
      ...optional("firstTupleAtMs", relOpt(f.firstTupleAtMs)),
      rtoMs: f.rtoMs,
      detectionMs: f.detectionMs,
    })),
    faults: s.faults.map((f) => ({ ...f, fromMs: rel(f.fromMs), toMs: rel(f.toMs) })),
    roles: s.roles.map((r) => ({ ...r, fromMs: rel(r.fromMs), toMs: rel(r.toMs) })),
    data: s.data.map((d) => ({
      workload: d.workload,
      ...optional("key", d.key),
      ...optional("judged", d.judged),
      sink: d.sink,
      sent: d.sent,
      acked: d.acked,
      received: d.received,
      lost: d.lost,
      duplicates: d.duplicates,
      outOfOrder: d.outOfOrder,
      ...optional("rpoMs", d.rpoMs),
      ...optional("rpoWindow", d.rpoWindow && { fromMs: rel(d.rpoWindow.fromMs), toMs: rel(d.rpoWindow.toMs) }),
      ...optional("latencyMs", d.latencyMs),
      lostRanges: d.lostRanges.map((r) => ({ ...r, ...optional("sentFromMs", relOpt(r.sentFromMs)), ...optional("sentToMs", relOpt(r.sentToMs)) })),
    })),
    series: seriesStats(s.samples),
    sampled: seriesStats(s.sampled.map((x) => ({ ...x, kind: "sample" as const }))),
    events: s.narrative.flatMap((e) => {
      const line = narrativeLine(e);
      return line === undefined ? [] : [{ atMs: rel(line.t), kind: line.kind, text: line.text, ...optional("location", line.location) }];
    }),
  };
}
