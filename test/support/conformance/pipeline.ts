import type { Diagnostic } from "../../../src/language/diagnostics.js";
import { parse } from "../../../src/language/parse.js";

/**
 * The stage of the language front end the conformance corpus runs through. Until the checker
 * lands this is `parse`; switching to `checkText` is this file's change alone.
 */
export interface Pipeline {
  readonly name: string;
  /** Every diagnostic for one file, in order; `path` is how spans name the file. */
  check(text: string, path: string): readonly Diagnostic[];
  /** Whether this pipeline can emit `code` at all. A case that expects a code it cannot emit is pending, not failed. */
  reaches(code: string): boolean;
}

/** The codes parse() itself emits (parse.ts, lower.ts); the other 1xxx codes come from the checker. */
const PARSE_CODES = new Set(["XDC1001", "XDC1002", "XDC1003", "XDC1004", "XDC1005", "XDC1006", "XDC1010"]);

export const pipeline: Pipeline = {
  name: "parse",
  check: (text, path) => parse(text, path).diagnostics,
  reaches: (code) => PARSE_CODES.has(code),
};
