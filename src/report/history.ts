import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { err, ok, type Result } from "../drivers/result.js";
import type { Verdict } from "../runtime/journal/events.js";
import type { Summary } from "./json.js";
import { VERDICTS } from "./verdict.js";

/**
 * The run history that `xdc exec --history DIR` keeps and `xdc report --history DIR` draws
 * (docs/reports.md, "History"): a directory of `.json` files holding one record each, or
 * `.jsonl` files holding one record a line. Files of other names are left alone. Fields a
 * reader does not know are ignored, so a later xdc may add some without a new `version`.
 */
export const HISTORY_VERSION = 1;

/** The figures the trend page draws, in the units their names say; each is absent when the run did not measure it. */
export interface HistoryFigures {
  readonly rto_ms?: number;
  readonly detection_ms?: number;
  readonly rpo_ms?: number;
  readonly lost?: number;
  readonly duplicates?: number;
}

export interface HistoryScenario {
  readonly file: string;
  readonly name: string;
  readonly verdict: Verdict;
  readonly figures: HistoryFigures;
}

export interface HistoryRecord {
  readonly version: typeof HISTORY_VERSION;
  /** When the run began (ISO 8601). */
  readonly time: string;
  /** The commit the run tested, when the caller knows it (in CI: $GITHUB_SHA, $CI_COMMIT_SHA). */
  readonly commit?: string;
  readonly scenarios: readonly HistoryScenario[];
}

/** Where a record came from: `DIR/2026-12-08.jsonl:3`, for the trend page's tooltips and for errors. */
export interface HistoryEntry {
  readonly record: HistoryRecord;
  readonly source: string;
}

/** What a summary's figures are called in a history record. */
const FIGURES: readonly (readonly [keyof HistoryFigures, keyof Summary["scenarios"][number]["figures"]])[] = [
  ["rto_ms", "rtoMs"],
  ["detection_ms", "detectionMs"],
  ["rpo_ms", "rpoMs"],
  ["lost", "lostTuples"],
  ["duplicates", "duplicateTuples"],
];
export const HISTORY_FIGURES: readonly (keyof HistoryFigures)[] = FIGURES.map(([k]) => k);

/** A summary.json (as `xdc exec` writes it) as one history record; `time` defaults to when the run began. */
export function historyRecordFromSummary(summary: Pick<Summary, "started" | "scenarios">, meta: { readonly time?: string; readonly commit?: string } = {}): HistoryRecord {
  return {
    version: HISTORY_VERSION,
    time: meta.time ?? summary.started,
    ...(meta.commit !== undefined ? { commit: meta.commit } : {}),
    scenarios: summary.scenarios.map((s) => ({
      file: s.file,
      name: s.name,
      verdict: s.verdict,
      figures: Object.fromEntries(FIGURES.flatMap(([to, from]) => (s.figures[from] === undefined ? [] : [[to, s.figures[from]]]))) as HistoryFigures,
    })),
  };
}

/** Every record of the history directory, oldest first; or every problem, each naming its file (and line). */
export async function readHistory(dir: string): Promise<Result<HistoryEntry[], string[]>> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isFile() && /\.jsonl?$/.test(d.name)).map((d) => d.name).sort();
  } catch (e) {
    return err([`${dir}: cannot read the history directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`]);
  }
  const entries: HistoryEntry[] = [];
  const problems: string[] = [];
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      problems.push(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    const units = name.endsWith(".jsonl") ? text.split("\n").map((raw, i) => ({ raw, where: `${path}:${i + 1}` })).filter((u) => u.raw.trim() !== "") : [{ raw: text, where: path }];
    for (const { raw, where } of units) {
      const record = parseRecord(raw);
      if (record.ok) entries.push({ record: record.value, source: where });
      else problems.push(`${where}: ${record.error}`);
    }
  }
  if (problems.length > 0) return err(problems);
  // Sorted by time, not by file name: runs from several machines may share a directory.
  return ok(entries.sort((a, b) => Date.parse(a.record.time) - Date.parse(b.record.time)));
}

/** One record from its JSON text, or what is wrong with it, naming the field. */
export function parseRecord(raw: string): Result<HistoryRecord, string> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return err(`not JSON (${(e as Error).message})`);
  }
  const problem = recordProblem(value);
  return problem === undefined ? ok(value as HistoryRecord) : err(problem);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function recordProblem(v: unknown): string | undefined {
  if (!isObject(v)) return "not a JSON object: a history record is { version, time, commit?, scenarios }";
  if (v["version"] !== HISTORY_VERSION) return `version: ${JSON.stringify(v["version"])} is not a history version this xdc reads (${HISTORY_VERSION})`;
  if (typeof v["time"] !== "string" || Number.isNaN(Date.parse(v["time"]))) return "time: not an ISO 8601 date";
  if (v["commit"] !== undefined && typeof v["commit"] !== "string") return "commit: not a string";
  if (!Array.isArray(v["scenarios"])) return "scenarios: not a list";
  for (const [i, s] of v["scenarios"].entries()) {
    const problem = scenarioProblem(s);
    if (problem !== undefined) return `scenarios[${i}]${problem}`;
  }
  return undefined;
}

function scenarioProblem(s: unknown): string | undefined {
  if (!isObject(s)) return ": not an object";
  for (const key of ["file", "name"] as const) if (typeof s[key] !== "string") return `.${key}: not a string`;
  if (!VERDICTS.includes(s["verdict"] as Verdict)) return `.verdict: ${JSON.stringify(s["verdict"])} is not one of ${VERDICTS.join(", ")}`;
  const figures = s["figures"];
  if (!isObject(figures)) return ".figures: not an object";
  for (const key of HISTORY_FIGURES) {
    const f = figures[key];
    if (f !== undefined && (typeof f !== "number" || !Number.isFinite(f) || f < 0)) return `.figures.${key}: not a number of at least 0`;
  }
  return undefined;
}
