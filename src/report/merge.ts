import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Verdict } from "../runtime/journal/events.js";
import type { RunReport } from "./model.js";
import { countVerdicts, worst } from "./verdict.js";

/**
 * `xdc report --merge`: the runs of several journals (shards of one selection, repeats of
 * one scenario, or both) as one run, each scenario marked with the directory its journal came
 * from. What a whole run says is combined as a careful reader would: the worst verdict, the
 * worst exit code, interrupted or unfinished if any part was.
 */

/** The name `xdc exec --out DIR` gives its journal; --merge looks for this name. */
export const JOURNAL_FILE = "journal.jsonl";

export interface FoundJournal {
  readonly path: string;
  /** The journal's directory as reached from the path given (`shards/shard-2`): what the reports call its runs. */
  readonly source: string;
}

/** Natural order, so `repeat-2` comes before `repeat-10`. */
const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

/**
 * Every journal.jsonl under each path (a path that is a file is taken as a journal itself),
 * depth first in natural name order; directories whose names start with a dot are skipped.
 */
export async function findJournals(paths: readonly string[]): Promise<{ found: FoundJournal[]; problems: string[] }> {
  const found: FoundJournal[] = [];
  const problems: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => byName(a.name, b.name));
    if (entries.some((e) => e.isFile() && e.name === JOURNAL_FILE)) found.push({ path: join(dir, JOURNAL_FILE), source: dir });
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith(".")) await walk(join(dir, e.name));
  };
  for (const path of paths) {
    const before = found.length;
    try {
      const s = await stat(path);
      if (s.isFile()) found.push({ path, source: path });
      else await walk(path);
    } catch (e) {
      problems.push(`${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      continue;
    }
    if (found.length === before) problems.push(`${path}: no ${JOURNAL_FILE} in it or under it (xdc exec --out DIR writes one into DIR)`);
  }
  return { found, problems };
}

/** Exit codes from the worst: interrupted, error, fail, no data, pass (docs/cli.md). */
const CODE_RANK: readonly number[] = [130, 3, 1, 4, 0];

const joined = (values: readonly string[]): string => [...new Set(values)].join(", ");
const same = <T>(values: readonly T[]): T | undefined => (values.length > 0 && values.every((v) => v === values[0]) ? values[0] : undefined);

export function mergeRuns(parts: readonly { readonly source: string; readonly run: RunReport }[]): RunReport {
  const runs = parts.map((p) => p.run);
  const scenarios = parts.flatMap((p) => p.run.scenarios.map((s) => ({ ...s, source: p.source })));
  const unfinished = runs.some((r) => r.unfinished);
  const reasons = parts.filter((p) => p.run.reason !== undefined).map((p) => `${p.source}: ${p.run.reason!}`);
  const codes = runs.map((r) => r.exitCode);
  const known = codes.filter((c): c is number => c !== undefined);
  const seed = same(runs.map((r) => r.seed));
  const host = same(runs.map((r) => r.host));
  return {
    xdc: joined(runs.map((r) => r.xdc)),
    ...(seed !== undefined ? { seed } : {}),
    environment: joined(runs.map((r) => r.environment)),
    ...(host !== undefined ? { host } : {}),
    files: [...new Set(runs.flatMap((r) => r.files))],
    startWall: runs.map((r) => r.startWall).filter((w) => w !== "").sort()[0] ?? "",
    // A part without its end has no exit code, and neither has the whole.
    ...(known.length === codes.length && known.length > 0 ? { exitCode: CODE_RANK.find((c) => known.includes(c)) ?? Math.max(...known) } : {}),
    interrupted: runs.some((r) => r.interrupted),
    unfinished,
    ...(reasons.length > 0 ? { reason: reasons.join("; ") } : {}),
    verdict: unfinished ? "error" : worst(runs.map((r): Verdict => r.verdict)),
    verdicts: countVerdicts(scenarios.map((s) => s.verdict)),
    scenarios,
    logs: runs.flatMap((r) => r.logs),
  };
}
