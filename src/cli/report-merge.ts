import { readFile } from "node:fs/promises";
import { buildRun, type RunReport } from "../report/model.js";
import { findJournals, mergeRuns } from "../report/merge.js";
import { EXIT } from "./exit.js";
import { MERGE_OUT } from "./report.js";
import type { ReportOptions } from "./report-run.js";
import { chosenTargets, journalEvents, stdoutTargets, writeAll, type ReportIo } from "./report-run.js";

/**
 * `xdc report --merge DIR…`: every journal.jsonl in or under the directories (shards, repeats,
 * in any layout) read and merged into one run, its three reports written into --out (or
 * where --junit, --json, --html say). A journal that cannot be read stops the merge: a merged
 * report that silently lacks a shard would pass for all of them.
 */
export async function runMerge(paths: readonly string[], opts: ReportOptions, io: ReportIo): Promise<number> {
  const toStdout = stdoutTargets(opts);
  if (toStdout.length > 1) {
    io.err(`xdc report: ${toStdout.join(" and ")} both write to stdout (-); only one report can go there`);
    return EXIT.usage;
  }
  const { found, problems } = await findJournals(paths);
  for (const p of problems) io.err(`xdc report: --merge: ${p}`);
  if (problems.length > 0) return EXIT.usage;
  const parts: { source: string; run: RunReport }[] = [];
  for (const j of found) {
    let text: string;
    try {
      text = await readFile(j.path, "utf8");
    } catch (e) {
      io.err(`xdc report: ${j.path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return EXIT.usage;
    }
    const events = journalEvents(j.path, text, io.err);
    if (events === undefined) return EXIT.usage;
    parts.push({ source: j.source, run: buildRun(events) });
  }
  const run = mergeRuns(parts);
  const say = toStdout.length > 0 ? io.err : io.out;
  say(`xdc report: merged ${parts.length} journal${parts.length === 1 ? "" : "s"}, ${run.scenarios.length} scenario run${run.scenarios.length === 1 ? "" : "s"}: ${found.map((j) => j.path).join(", ")}`);
  const out = opts.out ?? MERGE_OUT;
  return writeAll(run, chosenTargets(opts, out), { ...opts, out }, io);
}
