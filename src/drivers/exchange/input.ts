import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { TupleId } from "../../data/records.js";
import type { Tuple, TupleIdentity, TupleSource } from "./types.js";

/**
 * Tuples from text: JSON lines (one object per line) or CSV (a header line, then one tuple per
 * line, attributes by the header's names). Both read lines lazily from any iterable, so a file
 * of any size is injected in bounded memory. A tuple's identity comes from `identity` when it
 * finds one, else from its position: `{ stream: "", seq: 0, 1, 2, … }` over the tuples read.
 */
export interface TextInputOptions {
  readonly identity?: TupleIdentity;
  /** Called for a line that is not a tuple (it is skipped): line number (1-based) and why. */
  readonly onBadLine?: (line: number, why: string) => void;
}

type LineParser = (text: string) => Tuple | string;

export function jsonLinesSource(lines: Iterable<string>, o: TextInputOptions = {}): TupleSource {
  return textSource(lines, o, { parse: parseJsonLine });
}

export function csvSource(lines: Iterable<string>, o: TextInputOptions = {}): TupleSource {
  return textSource(lines, o, { header: csvParser });
}

function parseJsonLine(text: string): Tuple | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `not JSON: ${(e as Error).message}`;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Tuple) : "not a JSON object";
}

/** The parser of a CSV file's lines, given its header; a message when the header is not a CSV line. */
function csvParser(header: string): LineParser | string {
  const names = splitCsvLine(header);
  if (typeof names === "string") return `the header is not a CSV line: ${names}`;
  return (text) => {
    const fields = splitCsvLine(text);
    if (typeof fields === "string") return fields;
    if (fields.length !== names.length) return `${fields.length} fields, the header has ${names.length}`;
    return Object.fromEntries(names.map((n, i) => [n, csvValue(fields[i]!)]));
  };
}

/** Every line a tuple (`parse`), or a first line that says how to read the rest (`header`). */
type Format = { readonly parse: LineParser } | { readonly header: (first: string) => LineParser | string };

function textSource(lines: Iterable<string>, o: TextInputOptions, format: Format): TupleSource {
  const it = lines[Symbol.iterator]();
  let parse: LineParser | undefined = "parse" in format ? format.parse : undefined;
  let lineNo = 0;
  let seq = 0;
  return {
    next() {
      for (;;) {
        const r = it.next();
        if (r.done) return undefined;
        lineNo++;
        const text = r.value.replace(/\r$/, "");
        if (text.trim() === "") continue;
        if (parse === undefined) {
          const made = (format as { header: (first: string) => LineParser | string }).header(text);
          if (typeof made === "string") {
            o.onBadLine?.(lineNo, made);
            return undefined;
          }
          parse = made;
          continue;
        }
        const tuple = parse(text);
        if (typeof tuple === "string") {
          o.onBadLine?.(lineNo, tuple);
          continue;
        }
        const id: TupleId = o.identity?.(tuple) ?? { stream: "", seq };
        seq++;
        return { tuple, id };
      }
    },
  };
}

/** RFC 4180 fields of one line: commas, double quotes around a field, `""` for a quote inside one. */
export function splitCsvLine(line: string): string[] | string {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return "a quoted field is not closed (fields spanning lines are not read)";
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i === line.length) return fields;
      if (line[i] !== ",") return `a character follows a quoted field at column ${i + 1}`;
      i++;
    } else {
      const comma = line.indexOf(",", i);
      fields.push(comma < 0 ? line.slice(i) : line.slice(i, comma));
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const BOOLEAN: Readonly<Record<string, boolean>> = { true: true, false: false };

/** Numbers and booleans as JSON values; everything else (`007`, `1,5`, ``) stays text, since text is what it is then. */
const csvValue = (field: string): unknown => (NUMBER.test(field) ? Number(field) : (BOOLEAN[field] ?? field));

/** The lines of a file, read 64 KiB at a time: synchronous, as a TupleSource is, and bounded in memory. */
export function* fileLines(path: string): Generator<string> {
  const fd = openSync(path, "r");
  const chunk = Buffer.alloc(64 * 1024);
  // A chunk may end inside a multi-byte character: the decoder keeps the partial bytes.
  const decoder = new StringDecoder("utf8");
  let rest = "";
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      const text = rest + decoder.write(chunk.subarray(0, n));
      const parts = text.split("\n");
      rest = parts.pop()!;
      yield* parts;
    }
    rest += decoder.end();
    if (rest.length > 0) yield rest;
  } finally {
    closeSync(fd);
  }
}
