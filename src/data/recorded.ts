import type { Tuple } from "../drivers/exchange/types.js";

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
  const rows = format === "jsonl" ? jsonLines(lines) : csv(lines);
  if (rows.kind === "error") return rows;
  if (rows.tuples.length === 0) return { kind: "error", line: 1, message: "the recording holds no tuples" };
  if (timeAttribute === undefined) return { kind: "ok", recorded: { tuples: rows.tuples } };
  const atMs: number[] = [];
  for (const [i, t] of rows.tuples.entries()) {
    const ms = timeOf(t[timeAttribute]);
    const line = rows.lines[i]!;
    if (ms === undefined) return { kind: "error", line, message: `\`${timeAttribute}\` is not a time (ms or a date)` };
    if (atMs.length > 0 && ms < atMs[atMs.length - 1]!) return { kind: "error", line, message: `\`${timeAttribute}\` goes back in time` };
    atMs.push(ms);
  }
  return { kind: "ok", recorded: { tuples: rows.tuples, atMs } };
}

type Rows = { readonly kind: "rows"; readonly tuples: Tuple[]; readonly lines: number[] } | { readonly kind: "error"; readonly line: number; readonly message: string };

function jsonLines(lines: readonly string[]): Rows {
  const tuples: Tuple[] = [];
  const numbers: number[] = [];
  for (const [i, text] of lines.entries()) {
    if (text.trim() === "") continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      return { kind: "error", line: i + 1, message: `not JSON: ${(e as Error).message}` };
    }
    if (v === null || typeof v !== "object" || Array.isArray(v)) return { kind: "error", line: i + 1, message: "a line must hold one JSON object" };
    tuples.push(v as Tuple);
    numbers.push(i + 1);
  }
  return { kind: "rows", tuples, lines: numbers };
}

/** RFC 4180 fields with a header line; numbers and true/false become JSON values. */
function csv(lines: readonly string[]): Rows {
  const headerAt = lines.findIndex((l) => l.trim() !== "");
  if (headerAt < 0) return { kind: "rows", tuples: [], lines: [] };
  const header = fields(lines[headerAt]!);
  if (header === undefined) return { kind: "error", line: headerAt + 1, message: "unbalanced quotes" };
  const tuples: Tuple[] = [];
  const numbers: number[] = [];
  for (let i = headerAt + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === "") continue;
    const values = fields(lines[i]!);
    if (values === undefined) return { kind: "error", line: i + 1, message: "unbalanced quotes" };
    if (values.length !== header.length) return { kind: "error", line: i + 1, message: `${values.length} fields where the header names ${header.length}` };
    tuples.push(Object.fromEntries(header.map((h, j) => [h.text, typed(values[j]!)])));
    numbers.push(i + 1);
  }
  return { kind: "rows", tuples, lines: numbers };
}

function fields(line: string): { text: string; quoted: boolean }[] | undefined {
  const out: { text: string; quoted: boolean }[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= line.length) return undefined;
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      out.push({ text, quoted: true });
    } else {
      const end = line.indexOf(",", i);
      out.push({ text: line.slice(i, end < 0 ? line.length : end), quoted: false });
      i = end < 0 ? line.length : end;
    }
    if (i >= line.length) return out;
    if (line[i] !== ",") return undefined;
    i++;
  }
}

function typed(f: { text: string; quoted: boolean }): unknown {
  if (f.quoted) return f.text;
  const t = f.text.trim();
  if (t === "true" || t === "false") return t === "true";
  if (t !== "" && Number.isFinite(Number(t))) return Number(t);
  return f.text;
}

function timeOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
