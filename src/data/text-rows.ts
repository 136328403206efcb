import type { Tuple } from "../drivers/exchange/types.js";

/**
 * One tuple from one line of text, for recordings replayed by a workload and for files fed
 * through the Data Exchange client alike: a JSON object per line, or CSV (RFC 4180 fields, the
 * first line naming the attributes). A string result says why a line is not a tuple.
 */
export type RowParser = (text: string) => Tuple | string;

export type RowFormat = "jsonl" | "csv";

/** A line's tuple, or why the line is not one; lines are numbered from 1. */
export type Row = { readonly line: number; readonly tuple: Tuple } | { readonly line: number; readonly problem: string };

/**
 * The rows of a file's lines, lazily, so that any size is read in bounded memory: blank lines
 * are skipped, a line ending in `\r` (CRLF) is read without it, and a CSV file's first other
 * line names the attributes. A header that is not a CSV line is the last row.
 */
export function* rowsOf(lines: Iterable<string>, format: RowFormat): Generator<Row> {
  let parse: RowParser | undefined = format === "jsonl" ? parseJsonRow : undefined;
  let line = 0;
  for (const raw of lines) {
    line++;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") continue;
    if (parse === undefined) {
      const made = csvRowParser(text);
      if (typeof made === "string") {
        yield { line, problem: made };
        return;
      }
      parse = made;
      continue;
    }
    const tuple = parse(text);
    yield typeof tuple === "string" ? { line, problem: tuple } : { line, tuple };
  }
}

export function parseJsonRow(text: string): Tuple | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Tuple) : "not a JSON object";
}

/** The parser of a CSV file's lines, given its header; a message when the header is not a CSV line. */
export function csvRowParser(header: string): RowParser | string {
  const names = splitCsvLine(header);
  if (typeof names === "string") return `the header is not a CSV line: ${names}`;
  return (text) => {
    const fields = splitCsvLine(text);
    if (typeof fields === "string") return fields;
    if (fields.length !== names.length) return `${fields.length} fields, the header has ${names.length}`;
    return Object.fromEntries(names.map((n, i) => [n.text, csvValue(fields[i]!)]));
  };
}

export interface CsvField {
  readonly text: string;
  /** A quoted field is text whatever it looks like. */
  readonly quoted: boolean;
}

/** RFC 4180 fields of one line: commas, double quotes around a field, `""` for a quote inside one. */
export function splitCsvLine(line: string): CsvField[] | string {
  const fields: CsvField[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let text = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return "a quoted field is not closed (fields spanning lines are not read)";
        text += line.slice(i, q);
        if (line[q + 1] === '"') {
          text += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push({ text, quoted: true });
      if (i === line.length) return fields;
      if (line[i] !== ",") return `a character follows a quoted field at column ${i + 1}`;
      i++;
    } else {
      const comma = line.indexOf(",", i);
      fields.push({ text: comma < 0 ? line.slice(i) : line.slice(i, comma), quoted: false });
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, false: false };

/** Unquoted numbers and booleans as JSON values; everything else (`007`, `1,5`, ``) stays text, since text is what it is then. */
export const csvValue = (f: CsvField): unknown => (f.quoted ? f.text : NUMBER.test(f.text) ? Number(f.text) : (BOOLEAN[f.text] ?? f.text));
