import type { Tuple } from "../drivers/exchange/types.js";
import { rowsOf, type RowFormat } from "./text-rows.js";
import { timeOf } from "./typing.js";

/**
 * Recorded tuples to replay, read from the text of a JSON-lines or CSV file (the caller reads
 * the file). With `timeAttribute`, each tuple is due when it was recorded, relative to the first
 * (a number of ms, or a date string); without one, the workload's rate paces them.
 */
export type RecordedFormat = RowFormat;

export interface Recorded {
  readonly tuples: readonly Tuple[];
  /** Recorded times in ms, when a time attribute was named. */
  readonly atMs?: readonly number[];
}

export type RecordedResult =
  | { readonly kind: "ok"; readonly recorded: Recorded }
  | { readonly kind: "error"; readonly line: number; readonly message: string };

export function parseRecorded(text: string, format: RecordedFormat, timeAttribute?: string): RecordedResult {
  const tuples: Tuple[] = [];
  const atMs: number[] = [];
  for (const row of rowsOf(text.split("\n"), format)) {
    const { line } = row;
    if ("problem" in row) return { kind: "error", line, message: row.problem };
    tuples.push(row.tuple);
    if (timeAttribute === undefined) continue;
    const ms = timeOf(row.tuple[timeAttribute]);
    if (ms === undefined) return { kind: "error", line, message: `\`${timeAttribute}\` is not a time (ms or a date)` };
    if (atMs.length > 0 && ms < atMs[atMs.length - 1]!) return { kind: "error", line, message: `\`${timeAttribute}\` goes back in time` };
    atMs.push(ms);
  }
  if (tuples.length === 0) return { kind: "error", line: 1, message: "the recording holds no tuples" };
  return { kind: "ok", recorded: timeAttribute === undefined ? { tuples } : { tuples, atMs } };
}
