import type { Tuple } from "../drivers/exchange/types.js";
import { csvRowParser, parseJsonRow, type RowParser } from "./text-rows.js";

/**
 * Recorded tuples to replay, read from the text of a JSON-lines or CSV file (the caller reads
 * the file). With `timeAttribute`, each tuple is due when it was recorded, relative to the first
 * (a number of ms, or a date string); without one, the workload's rate paces them.
 */
export type RecordedFormat = "jsonl" | "csv";

export interface Recorded {
  readonly tuples: readonly Tuple[];
  /** Recorded times in ms, when a time attribute was named. */
  readonly atMs?: readonly number[];
}

export type RecordedResult =
  | { readonly kind: "ok"; readonly recorded: Recorded }
  | { readonly kind: "error"; readonly line: number; readonly message: string };

export function parseRecorded(text: string, format: RecordedFormat, timeAttribute?: string): RecordedResult {
  const lines = text.split(/\r?\n/);
  const read = rows(lines, format);
  if (read.kind === "error") return read;
  if (read.tuples.length === 0) return { kind: "error", line: 1, message: "the recording holds no tuples" };
  if (timeAttribute === undefined) return { kind: "ok", recorded: { tuples: read.tuples } };
  const atMs: number[] = [];
  for (const [i, t] of read.tuples.entries()) {
    const ms = timeOf(t[timeAttribute]);
    const line = read.lines[i]!;
    if (ms === undefined) return { kind: "error", line, message: `\`${timeAttribute}\` is not a time (ms or a date)` };
    if (atMs.length > 0 && ms < atMs[atMs.length - 1]!) return { kind: "error", line, message: `\`${timeAttribute}\` goes back in time` };
    atMs.push(ms);
  }
  return { kind: "ok", recorded: { tuples: read.tuples, atMs } };
}

type Rows = { readonly kind: "rows"; readonly tuples: Tuple[]; readonly lines: number[] } | { readonly kind: "error"; readonly line: number; readonly message: string };

/** Blank lines are skipped; with a `header` format the first other line says how to read the rest. */
function rows(lines: readonly string[], format: RecordedFormat): Rows {
  const tuples: Tuple[] = [];
  const numbers: number[] = [];
  let parse: RowParser | undefined = format === "jsonl" ? parseJsonRow : undefined;
  for (const [i, text] of lines.entries()) {
    if (text.trim() === "") continue;
    if (parse === undefined) {
      const made = csvRowParser(text);
      if (typeof made === "string") return { kind: "error", line: i + 1, message: made };
      parse = made;
      continue;
    }
    const tuple = parse(text);
    if (typeof tuple === "string") return { kind: "error", line: i + 1, message: tuple };
    tuples.push(tuple);
    numbers.push(i + 1);
  }
  return { kind: "rows", tuples, lines: numbers };
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
