import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { TupleId } from "../../data/records.js";
import { csvRowParser, parseJsonRow, type RowParser } from "../../data/text-rows.js";
import type { TupleIdentity, TupleSource } from "./types.js";

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

export function jsonLinesSource(lines: Iterable<string>, o: TextInputOptions = {}): TupleSource {
  return textSource(lines, o, { parse: parseJsonRow });
}

export function csvSource(lines: Iterable<string>, o: TextInputOptions = {}): TupleSource {
  return textSource(lines, o, { header: csvRowParser });
}

/** Every line a tuple (`parse`), or a first line that says how to read the rest (`header`). */
type Format = { readonly parse: RowParser } | { readonly header: (first: string) => RowParser | string };

function textSource(lines: Iterable<string>, o: TextInputOptions, format: Format): TupleSource {
  const it = lines[Symbol.iterator]();
  let parse: RowParser | undefined = "parse" in format ? format.parse : undefined;
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
          const made = (format as { header: (first: string) => RowParser | string }).header(text);
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
