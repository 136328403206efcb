import { execFileSync } from "node:child_process";
import type { JournalEvent } from "../runtime/journal/events.js";
import { appendHistory, HISTORY_VERSION, historyFigures, type HistoryRecord, type HistoryScenario } from "../report/history.js";
import type { RepeatScenario } from "../report/repeats.js";
import { VERSION } from "../version.js";

type ScenarioEnd = Extract<JournalEvent, { kind: "scenario.end" }>;

/** CI systems' variables for the commit under test, in the order asked; then git itself. */
const COMMIT_VARIABLES = ["GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_VCS_NUMBER", "GIT_COMMIT"] as const;

/** The commit the scenarios came from, when it can be told: a CI variable, else `git rev-parse HEAD` in the working directory. */
export function currentCommit(env: NodeJS.ProcessEnv): string | undefined {
  for (const v of COMMIT_VARIABLES) if (env[v]) return env[v];
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 5_000 }).trim();
    return /^[0-9a-f]{40,64}$/.test(head) ? head : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One run as the history keeps it: each scenario's verdict and figures (with repeats, the
 * verdict over them and the spread of each figure; the figures of its last repeat).
 */
export function historyRun(
  run: { readonly started: string; readonly finished: string; readonly exitCode: number; readonly interrupted: boolean; readonly environment: string; readonly shard?: string; readonly env: NodeJS.ProcessEnv },
  outcomes: readonly { readonly name: string; readonly file: string; readonly end?: ScenarioEnd }[],
  repeats: readonly RepeatScenario[] | undefined,
): HistoryRecord {
  const scenarios: HistoryScenario[] =
    repeats?.map((r) => {
      const last = r.outcomes.at(-1);
      return {
        name: r.name,
        file: r.file,
        verdict: r.verdict,
        ...(r.reason !== undefined ? { reason: r.reason } : {}),
        figures: historyFigures(last?.figures ?? {}),
        repeats: {
          runs: r.runs,
          passed: r.passed,
          pass_rate: r.pass_rate,
          min_pass: r.min_pass,
          figures: Object.fromEntries(Object.entries(r.figures).map(([k, { values: _values, ...stats }]) => [k, stats])),
        },
      };
    }) ??
    outcomes.map((o) => ({
      name: o.name,
      file: o.file,
      verdict: o.end?.verdict ?? "error",
      ...(o.end?.errorClass !== undefined ? { errorClass: o.end.errorClass } : {}),
      ...(o.end === undefined ? { reason: "the scenario did not end" } : o.end.reason !== undefined ? { reason: o.end.reason } : {}),
      figures: historyFigures(o.end?.figures ?? {}),
    }));
  const commit = currentCommit(run.env);
  return {
    version: HISTORY_VERSION,
    time: run.started,
    finished: run.finished,
    xdc: VERSION,
    ...(commit !== undefined ? { commit } : {}),
    environment: run.environment,
    ...(run.shard !== undefined ? { shard: run.shard } : {}),
    exitCode: run.exitCode,
    interrupted: run.interrupted,
    scenarios,
  };
}

/** Adds the run to --history DIR; a history that cannot be written is said, and does not change the run's exit code. */
export async function recordHistory(dir: string, run: HistoryRecord, suffix: string, out: (line: string) => void, err: (line: string) => void): Promise<void> {
  try {
    out(`history: ${await appendHistory(dir, run, suffix)}`);
  } catch (e) {
    err(`xdc exec: --history ${dir}: the run could not be recorded (${(e as Error).message})`);
  }
}
