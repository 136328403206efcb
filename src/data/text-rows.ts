import type { Tuple } from "../drivers/exchange/types.js";
import type { Schema } from "./schema.js";
import { csvSchemaProblem, typeCsvField, typeTuple } from "./typing.js";

/**
 * One tuple from one line of text, for recordings replayed by a workload and for files fed
 * through the Data Exchange client alike: a JSON object per line, or CSV (RFC 4180 fields, the
 * first line naming the attributes).
 */

export type RowFormat = "jsonl" | "csv";

/** A line's tuple, or why the line is not one (and which attribute, when one is at fault); lines are numbered from 1. */
export type Row = { readonly line: number; readonly tuple: Tuple } | { readonly line: number; readonly problem: string; readonly attribute?: string };

/** One line read: its tuple, or why not. */
type Parsed = { readonly tuple: Tuple } | { readonly problem: string; readonly attribute?: string };

/**
 * The rows of a file's lines, lazily, so that any size is read in bounded memory: blank lines
 * are skipped, a line ending in `\r` (CRLF) is read without it, and a CSV file's first other
 * line names the attributes. A header that is not a CSV line is the last row. With a schema,
 * rows are typed by it (typing.ts): a row that does not fit is a problem naming the attribute.
 */
export function* rowsOf(lines: Iterable<string>, format: RowFormat, schema: Schema = []): Generator<Row> {
  let parse: ((text: string) => Parsed) | undefined = format === "jsonl" ? jsonRowParser(schema) : undefined;
  let line = 0;
  for (const raw of lines) {
    line++;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") continue;
    if (parse === undefined) {
      const made = typedCsvRowParser(text, schema);
      if (typeof made !== "function") {
        yield { line, ...made };
        return;
      }
      parse = made;
      continue;
    }
    yield { line, ...parse(text) };
  }
}

function jsonRowParser(schema: Schema): (text: string) => Parsed {
  return (text) => {
    const row = parseJsonRow(text);
    if (typeof row === "string") return { problem: row };
    const typed = typeTuple(row, schema);
    return "misfit" in typed ? { attribute: typed.misfit.attribute, problem: typed.misfit.message } : typed;
  };
}

/** The parser of a CSV file's lines typed by a schema, given its header; why not, when the header cannot be. */
function typedCsvRowParser(header: string, schema: Schema): ((text: string) => Parsed) | { readonly problem: string; readonly attribute?: string } {
  const names = splitCsvLine(header);
  if (typeof names === "string") return { problem: `the header is not a CSV line: ${names}` };
  const nested = csvSchemaProblem(schema);
  if (nested) return { attribute: nested.attribute, problem: nested.message };
  const missing = schema.find((a) => !names.some((n) => n.text === a.name));
  if (missing) return { attribute: missing.name, problem: `missing from the header (${names.map((n) => n.text).join(", ")})` };
  const types = names.map((n) => schema.find((a) => a.name === n.text)?.type);
  return (text) => {
    const fields = splitCsvLine(text);
    if (typeof fields === "string") return { problem: fields };
    if (fields.length !== names.length) return { problem: `${fields.length} fields, the header has ${names.length}` };
    const tuple: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) {
      const typed = typeCsvField(fields[i]!, types[i], csvValue);
      if ("problem" in typed) return { attribute: names[i]!.text, problem: typed.problem };
      tuple[names[i]!.text] = typed.value;
    }
    return { tuple };
  };
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
