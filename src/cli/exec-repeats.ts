import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EventOf } from "../report/model.js";
import { REPEATS_FORMAT_VERSION, repeatScenario, verdictCounts, type ObservedCheck, type RepeatsSummary } from "../report/repeats.js";
import type { JournalEvent, Verdict } from "../runtime/journal/events.js";
import { VERSION } from "../version.js";
import type { ExecOptions } from "./exec-run.js";
import type { Selected } from "./exec-select.js";
import { EXIT, exitCodeFor } from "./exit.js";

/** One scenario to run once: the `repeat`-th of `repeats` (both 1 without repeats). */
export interface Task {
  readonly entry: Selected;
  readonly repeat: number;
  readonly repeats: number;
  /** Its place in the run, 0-based: the first keeps the run's id, the others get their own. */
  readonly index: number;
}

/** One run of a task: its `scenario.end` (absent when it was cut short) and what it recorded of checks over repeats. */
export interface RepeatRun {
  readonly task: Task;
  readonly end?: EventOf<"scenario.end">;
  readonly checks?: readonly ObservedCheck[];
}

/** A repeat's value of a check over repeats, from its deferred `expect` event. */
export function observedCheck(e: JournalEvent): ObservedCheck | undefined {
  if (e.kind !== "expect" || e.deferred !== true || e.overRepeats === undefined) return undefined;
  const location = e.span !== undefined ? `${e.span.file}:${e.span.line}:${e.span.column}` : e.source;
  return { source: e.source, location, overRepeats: e.overRepeats };
}

/** How many times each scenario runs: --repeat, else its own `repeat:`, else once. */
export const repeatsOf = (s: Selected, opts: ExecOptions): number => opts.repeat ?? s.scenario.settings.repeat ?? 1;
/** The pass rate a repeated scenario needs (0..1): --min-pass, else its own `min_pass:`, else all of them. */
export const minPassOf = (s: Selected, opts: ExecOptions): number => opts.minPass ?? s.scenario.settings.minPass ?? 1;

/** Removes what an earlier run left in --out that this one would not overwrite: `repeat-K/` directories of a repeat run. */
export function clearEarlierRepeats(out: string): void {
  for (const name of readdirSync(out)) if (/^repeat-\d+$/.test(name) && existsSync(join(out, name, "journal.jsonl"))) rmSync(join(out, name), { recursive: true, force: true });
}

/** The summary over the repeats of every scenario (summary.json at the top of --out). */
export function repeatsSummary(
  entries: readonly Selected[],
  outcomes: readonly RepeatRun[],
  r: { readonly opts: ExecOptions; readonly started: string; readonly seed: number; readonly interrupted: boolean; readonly remaining: readonly string[] },
): RepeatsSummary {
  const scenarios = entries.map((entry) => {
    const mine = outcomes.filter((o) => o.task.entry === entry && o.end !== undefined).sort((a, b) => a.task.repeat - b.task.repeat);
    return repeatScenario(
      { name: entry.scenario.name, file: entry.file.path, location: `${entry.file.path}:${entry.line}`, tags: entry.scenario.settings.tags, repeats: repeatsOf(entry, r.opts), minPass: minPassOf(entry, r.opts) },
      mine.map(({ task, end }) => ({
        repeat: task.repeat,
        verdict: end!.verdict,
        ...(end!.errorClass !== undefined ? { errorClass: end!.errorClass } : {}),
        ...(end!.reason !== undefined ? { reason: end!.reason } : {}),
        durationMs: end!.durationMs,
        figures: end!.figures,
        journal: `repeat-${task.repeat}/journal.jsonl`,
      })),
      new Map(mine.map((o) => [o.task.repeat, o.checks ?? []])),
    );
  });
  const exitCode = r.remaining.length > 0 ? EXIT.error : r.interrupted ? EXIT.interrupted : exitCodeFor(scenarios);
  const verdicts = verdictCounts(scenarios);
  return {
    format_version: REPEATS_FORMAT_VERSION,
    kind: "repeats",
    xdc: VERSION,
    seed: r.seed,
    environment: r.opts.env ?? "sim",
    files: [...new Set(entries.map((e) => e.file.path))],
    started: r.started,
    exitCode,
    interrupted: r.interrupted,
    verdict: WORST_FIRST.find((v) => verdicts[v] > 0) ?? "no-data",
    verdicts,
    scenarios,
  };
}

const WORST_FIRST: readonly Verdict[] = ["error", "fail", "no-data", "pass"];

export async function writeRepeatsSummary(summary: RepeatsSummary, dir: string, out: (line: string) => void, err: (line: string) => void): Promise<void> {
  const path = join(dir, "summary.json");
  try {
    // A single run's reports at the top would not be this run's: the repeats' are in repeat-K/.
    for (const stale of ["journal.jsonl", "junit.xml", "report.html"]) rmSync(join(dir, stale), { force: true });
    writeFileSync(path, `${JSON.stringify(summary, null, 2)}\n`, "utf8");
    out(`summary: ${path}`);
  } catch (e) {
    err(`xdc exec: ${path} could not be written (${(e as Error).message})`);
  }
}
