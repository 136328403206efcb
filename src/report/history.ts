import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ErrorClass, Figures, Verdict } from "../runtime/journal/events.js";
import type { FigureStats, RepeatFigure } from "./repeats.js";

/**
 * The run history (`xdc exec --history DIR`): one JSON file per run, named by its start time so
 * a directory listing is in time order, and never a file shared by two writers (CI shards may
 * write into the same directory). docs/reports.md documents the format; `xdc report --history`
 * reads it with `readHistory`. A minor version bump only adds fields.
 */
export const HISTORY_FORMAT = "xdc-history";
export const HISTORY_FORMAT_VERSION = "1.0";

export interface HistoryScenario {
  readonly name: string;
  readonly file: string;
  readonly verdict: Verdict;
  readonly errorClass?: ErrorClass;
  readonly reason?: string;
  /** The run's figures; with repeats, those of the last repeat that ran (the distribution is in `repeats`). */
  readonly figures: Figures;
  /** With repeats only: the pass rate and the spread of each figure. */
  readonly repeats?: {
    readonly runs: number;
    readonly passed: number;
    readonly pass_rate: number | null;
    readonly min_pass: number;
    readonly figures: Readonly<Record<RepeatFigure, Omit<FigureStats, "values">>>;
  };
}

export interface HistoryRun {
  readonly format: typeof HISTORY_FORMAT;
  readonly format_version: string;
  /** ISO dates. */
  readonly started: string;
  readonly finished: string;
  readonly xdc: string;
  /** The commit the scenarios came from, when known (CI variables, else `git rev-parse HEAD`). */
  readonly commit?: string;
  readonly environment: string;
  /** `--shard i/n`, when the run was one shard of n. */
  readonly shard?: string;
  readonly exitCode: number;
  readonly interrupted: boolean;
  readonly scenarios: readonly HistoryScenario[];
}

/** A history file's name: its start time (sortable, no `:` for file systems that refuse it) and a distinguishing suffix. */
export const historyFileName = (run: HistoryRun, suffix: string): string => `${run.started.replace(/:/g, "-")}-${suffix}.json`;

/**
 * Adds one run to the history directory (created if missing). Written to a temporary name and
 * renamed, so a reader never sees half a run.
 */
export async function appendHistory(dir: string, run: HistoryRun, suffix: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, historyFileName(run, suffix));
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(run, null, 2)}\n`, "utf8");
  await rename(temporary, path);
  return path;
}

const VERDICTS: ReadonlySet<string> = new Set(["pass", "fail", "error", "no-data"]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** What is wrong with a parsed history file, naming the field; undefined when it is a run. */
export function historyProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "not a JSON object";
  if (v["format"] !== HISTORY_FORMAT) return `format: expected "${HISTORY_FORMAT}"`;
  if (typeof v["format_version"] !== "string" || !v["format_version"].startsWith("1.")) return `format_version: expected 1.x, got ${JSON.stringify(v["format_version"])}`;
  for (const f of ["started", "finished"] as const) if (typeof v[f] !== "string" || Number.isNaN(Date.parse(v[f]))) return `${f}: expected an ISO date`;
  for (const f of ["xdc", "environment"] as const) if (typeof v[f] !== "string") return `${f}: expected a string`;
  if (typeof v["exitCode"] !== "number") return "exitCode: expected a number";
  if (typeof v["interrupted"] !== "boolean") return "interrupted: expected true or false";
  if (!Array.isArray(v["scenarios"])) return "scenarios: expected a list";
  for (const [i, s] of v["scenarios"].entries()) {
    if (!isObject(s)) return `scenarios[${i}]: expected an object`;
    if (typeof s["name"] !== "string" || typeof s["file"] !== "string") return `scenarios[${i}]: name and file must be strings`;
    if (typeof s["verdict"] !== "string" || !VERDICTS.has(s["verdict"])) return `scenarios[${i}].verdict: expected pass, fail, error or no-data`;
    if (!isObject(s["figures"])) return `scenarios[${i}].figures: expected an object`;
    for (const [k, n] of Object.entries(s["figures"])) if (typeof n !== "number") return `scenarios[${i}].figures.${k}: expected a number`;
  }
  return undefined;
}

export interface History {
  /** The runs, oldest first. */
  readonly runs: readonly HistoryRun[];
  /** Files that are not runs, each with why: a reader shows them rather than dropping them silently. */
  readonly problems: readonly { readonly file: string; readonly message: string }[];
}

/** Every run in a history directory, oldest first. A missing directory is an error for the caller to report. */
export async function readHistory(dir: string): Promise<History> {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  const runs: HistoryRun[] = [];
  const problems: { file: string; message: string }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      problems.push({ file, message: `not JSON (${(e as Error).message})` });
      continue;
    }
    const problem = historyProblem(parsed);
    if (problem !== undefined) problems.push({ file, message: problem });
    else runs.push(parsed as HistoryRun);
  }
  runs.sort((a, b) => Date.parse(a.started) - Date.parse(b.started));
  return { runs, problems };
}
