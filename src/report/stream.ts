import type { JournalEvent, Verdict } from "../runtime/journal/events.js";
import { scenarioSummary, type ScenarioSummary } from "./json.js";
import { buildRun, type ScenarioReport } from "./model.js";
import { worst } from "./verdict.js";

/**
 * `xdc exec --format json`: one JSON object a line on stdout, as the run goes (docs/cli.md).
 * A `scenario` line when each scenario ends, with the fields summary.json gives a scenario;
 * a `run` line last. `version` follows the rule of every xdc format: new fields may appear
 * without a new version, and readers ignore fields they do not know; a field changed or
 * removed is a new version.
 */
export const EXEC_STREAM_VERSION = 1;

export type ScenarioLine = { readonly version: typeof EXEC_STREAM_VERSION; readonly kind: "scenario" } & ScenarioSummary;

export interface RunLine {
  readonly version: typeof EXEC_STREAM_VERSION;
  readonly kind: "run";
  readonly verdict: Verdict;
  readonly verdicts: Readonly<Record<Verdict, number>>;
  readonly exitCode: number;
  readonly interrupted: boolean;
  readonly reason?: string;
  readonly journal: string;
  /** The reports written (absent when they could not be). */
  readonly reports?: { readonly junit: string; readonly json: string; readonly html: string };
}

/** Each scenario's events, from its `scenario.start`, folded into its report when it ends. */
export class ScenarioCollector {
  private readonly open = new Map<string, JournalEvent[]>();

  /** The scenario this event ends, with everything it did; undefined for any other event. */
  add(e: JournalEvent): ScenarioReport | undefined {
    if (e.kind === "scenario.start") this.open.set(e.scenario ?? e.file, [e]);
    else if (e.scenario !== undefined) this.open.get(e.scenario)?.push(e);
    if (e.kind !== "scenario.end" || e.scenario === undefined) return undefined;
    const events = this.open.get(e.scenario);
    this.open.delete(e.scenario);
    return events === undefined ? undefined : buildRun(events).scenarios[0];
  }
}

export const scenarioLine = (s: ScenarioReport): ScenarioLine => ({ version: EXEC_STREAM_VERSION, kind: "scenario", ...scenarioSummary(s) });

export function runLine(end: Extract<JournalEvent, { kind: "run.end" }>, journal: string, reports: RunLine["reports"] | undefined): RunLine {
  const verdicts = end.verdicts;
  const verdict = worst((Object.keys(verdicts) as Verdict[]).filter((v) => verdicts[v] > 0));
  return {
    version: EXEC_STREAM_VERSION,
    kind: "run",
    verdict,
    verdicts,
    exitCode: end.exitCode,
    interrupted: end.interrupted,
    ...(end.reason !== undefined ? { reason: end.reason } : {}),
    journal,
    ...(reports !== undefined ? { reports } : {}),
  };
}
