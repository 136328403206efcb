import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import type { TupleId } from "../../data/records.js";
import { rowsOf, type RowFormat } from "../../data/text-rows.js";
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
  return textSource(lines, o, "jsonl");
}

export function csvSource(lines: Iterable<string>, o: TextInputOptions = {}): TupleSource {
  return textSource(lines, o, "csv");
}

function textSource(lines: Iterable<string>, o: TextInputOptions, format: RowFormat): TupleSource {
  const rows = rowsOf(lines, format);
  let seq = 0;
  return {
    next() {
      // rows.next(), not for-of: leaving a for-of would close the generator after one tuple.
      for (let r = rows.next(); !r.done; r = rows.next()) {
        const row = r.value;
        if ("problem" in row) {
          o.onBadLine?.(row.line, row.problem);
          continue;
        }
        const id: TupleId = o.identity?.(row.tuple) ?? { stream: "", seq };
        seq++;
        return { tuple: row.tuple, id };
      }
      return undefined;
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
