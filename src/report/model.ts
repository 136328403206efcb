import type { ErrorClass, Figures, JournalEvent, JournalSpan, Verdict } from "../runtime/journal/events.js";
import { faultSpans, roleSpans, type FaultSpan, type RoleSpan } from "./intervals.js";
import { splitBrainSpans, type SplitBrainSpan } from "../runtime/split-brain.js";
import { countVerdicts, worst } from "./verdict.js";

/**
 * The journal folded into what every report shows: a run, its scenarios, and for each
 * scenario its verdict, expectations, faults and roles as intervals, failovers, samples and
 * data accounts. All times stay on the run's clock (ms since the run began); renderers
 * choose their own origin.
 */
export type EventOf<K extends JournalEvent["kind"]> = Extract<JournalEvent, { kind: K }>;

export interface Expectation {
  readonly verdict: Verdict;
  readonly t: number;
  readonly source: string;
  readonly expected: string;
  readonly actual: string;
  readonly message?: string;
  readonly span?: JournalSpan;
  /** A `throughout` check of one series against a limit: the series' name, and the limit in its unit. */
  readonly series?: string;
  readonly limit?: number;
  /** A check over tuples: the offending keys and the first failing tuples. */
  readonly findings?: readonly string[];
}

export interface ScenarioReport {
  readonly name: string;
  readonly file: string;
  /** Where the scenario's journal came from, in a report that merges several (`xdc report --merge`): its directory, relative. */
  readonly source?: string;
  readonly tags: readonly string[];
  readonly timeoutMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly startWall: string;
  readonly verdict: Verdict;
  readonly errorClass?: ErrorClass;
  readonly reason?: string;
  readonly durationMs: number;
  readonly figures: Figures;
  readonly span?: JournalSpan;
  /** Where the scenario ended, when a statement ended it (the one whose error stopped it). */
  readonly endSpan?: JournalSpan;
  readonly expectations: readonly Expectation[];
  readonly faults: readonly FaultSpan[];
  readonly roles: readonly RoleSpan[];
  /** Intervals with two datacenters active at once (src/report/split-brain.ts). */
  readonly splitBrain: readonly SplitBrainSpan[];
  /** The scenario's own `log(…)` lines (those with a place in it; not debug), drawn as labelled marks on its timeline. */
  readonly logs: readonly EventOf<"log">[];
  readonly failovers: readonly EventOf<"failover">[];
  /** The toolkit's settings of each job the scenario submitted, as read back after the submission. */
  readonly toolkit: readonly EventOf<"toolkit">[];
  readonly samples: readonly EventOf<"sample">[];
  /** The readings of the series the scenario declared with `sample`. */
  readonly sampled: readonly EventOf<"series.sample">[];
  readonly data: readonly EventOf<"data">[];
  /** Every event of the scenario but its samples (of either kind), in journal order: its story. */
  readonly narrative: readonly JournalEvent[];
}

export interface RunReport {
  readonly xdc: string;
  readonly seed?: number;
  readonly environment: string;
  /** The machine that ran it, when the journal says (`run.start`'s `host`). */
  readonly host?: string;
  readonly files: readonly string[];
  readonly startWall: string;
  readonly exitCode?: number;
  readonly interrupted: boolean;
  /** The journal has no `run.end`: the run was killed (or is still going), so what it did last is unknown. */
  readonly unfinished: boolean;
  /** Why the run as a whole did not pass, when that is not its scenarios' doing: an unfinished run, or one that ran no scenario. */
  readonly reason?: string;
  readonly verdict: Verdict;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly scenarios: readonly ScenarioReport[];
  /** Log lines outside any scenario. */
  readonly logs: readonly EventOf<"log">[];
}

/** What every report says on top of a journal that does not end. */
export const UNFINISHED_RUN = "unfinished run: the journal ends without `run.end` (the run was killed, or is still going), so nothing after its last line is known";

/** Every event of one scenario, in journal order. */
interface Bucket {
  readonly start: EventOf<"scenario.start">;
  readonly events: JournalEvent[];
}

export function buildRun(events: readonly JournalEvent[]): RunReport {
  const start = events.find((e): e is EventOf<"run.start"> => e.kind === "run.start");
  const end = events.find((e): e is EventOf<"run.end"> => e.kind === "run.end");
  const buckets: Bucket[] = [];
  const open = new Map<string, Bucket>();
  const logs: EventOf<"log">[] = [];
  for (const e of events) {
    if (e.kind === "scenario.start") {
      const bucket = { start: e, events: [] };
      buckets.push(bucket);
      open.set(e.scenario ?? e.file, bucket);
      continue;
    }
    const bucket = e.scenario === undefined ? undefined : open.get(e.scenario);
    if (bucket !== undefined) bucket.events.push(e);
    else if (e.kind === "log") logs.push(e);
  }
  const scenarios = buckets.map(scenarioOf);
  const verdicts = scenarios.map((s) => s.verdict);
  // A run that never wrote its end may have failed after its last line: it proves nothing, whatever its scenarios said.
  const unfinished = end === undefined;
  return {
    xdc: start?.xdc ?? "unknown",
    ...(start !== undefined ? { seed: start.seed } : {}),
    environment: start?.environment ?? "unknown",
    ...(start?.host !== undefined ? { host: start.host } : {}),
    files: start?.files ?? [...new Set(scenarios.map((s) => s.file))],
    startWall: start?.wall ?? events[0]?.wall ?? "",
    ...(end !== undefined ? { exitCode: end.exitCode } : {}),
    interrupted: end?.interrupted ?? false,
    unfinished,
    ...(unfinished ? { reason: UNFINISHED_RUN } : end?.reason !== undefined ? { reason: end.reason } : {}),
    verdict: unfinished ? "error" : worst(verdicts),
    verdicts: countVerdicts(verdicts),
    scenarios,
    logs,
  };
}

const of = <K extends JournalEvent["kind"]>(events: readonly JournalEvent[], ...kinds: K[]) =>
  events.filter((e): e is EventOf<K> => (kinds as string[]).includes(e.kind));

function scenarioOf({ start, events }: Bucket): ScenarioReport {
  const end = of(events, "scenario.end")[0];
  const endMs = end?.t ?? events.at(-1)?.t ?? start.t;
  const name = start.scenario ?? start.file;
  const roles = roleSpans(of(events, "role"), endMs);
  return {
    name,
    file: start.file,
    tags: start.tags,
    timeoutMs: start.timeoutMs,
    startMs: start.t,
    endMs,
    startWall: start.wall,
    ...(start.span !== undefined ? { span: start.span } : {}),
    ...(end?.span !== undefined ? { endSpan: end.span } : {}),
    // A journal that stops before the scenario's end is a run that was cut short.
    ...(end !== undefined
      ? {
          verdict: end.verdict,
          durationMs: end.durationMs,
          figures: end.figures,
          ...(end.errorClass !== undefined ? { errorClass: end.errorClass } : {}),
          ...(end.reason !== undefined ? { reason: end.reason } : {}),
        }
      : { verdict: "error", errorClass: "interrupted", reason: "the journal ends before the scenario does", durationMs: endMs - start.t, figures: {} }),
    // One repeat's value of a check over repeats is not a verdict: the repeats summary judges it.
    expectations: of(events, "expect").filter((e) => e.deferred !== true).map(expectationOf),
    faults: faultSpans(of(events, "fault.applied", "fault.reverted"), endMs),
    roles,
    splitBrain: splitBrainSpans(roles),
    logs: of(events, "log").filter((l) => l.level !== "debug" && l.span !== undefined),
    failovers: of(events, "failover"),
    toolkit: of(events, "toolkit"),
    samples: of(events, "sample"),
    sampled: of(events, "series.sample"),
    data: of(events, "data"),
    narrative: [start, ...events.filter((e) => e.kind !== "sample" && e.kind !== "series.sample")],
  };
}

function expectationOf(e: EventOf<"expect">): Expectation {
  return {
    verdict: e.ok ? "pass" : e.noData ? "no-data" : "fail",
    t: e.t,
    source: e.source,
    expected: e.expected,
    actual: e.actual,
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(e.span !== undefined ? { span: e.span } : {}),
    ...(e.series !== undefined ? { series: e.series } : {}),
    ...(e.limit !== undefined ? { limit: e.limit } : {}),
    ...(e.findings !== undefined ? { findings: e.findings } : {}),
  };
}

/** `file:line:col` of a span, as every xdc message prints a place. */
export const place = (span: JournalSpan | undefined): string | undefined => (span === undefined ? undefined : `${span.file}:${span.line}:${span.column}`);
