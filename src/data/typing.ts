import type { Tuple } from "../drivers/exchange/types.js";
import type { AttributeType, ScalarType, Schema } from "./schema.js";
import type { CsvField } from "./text-rows.js";

/**
 * Recorded rows typed by a workload's schema (docs/data.md, "Recorded data"): every attribute
 * the schema names must be in the row with a value of its type; attributes it does not name
 * pass as read. A JSON value must already be of the type (a string is not a number); a CSV
 * field is text, read as its attribute's type (so `007` stays text for an `rstring`).
 */
export type Typed = { readonly value: unknown } | { readonly problem: string };

/** A row that does not fit: the dotted path of the attribute and why. */
export interface Misfit {
  readonly attribute: string;
  readonly message: string;
}

const WHOLE: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  // JSON numbers beyond 2^53 lose digits on the way in: refused rather than sent changed.
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
};

const whole = (name: string, n: number): Typed => {
  const [min, max] = WHOLE[name]!;
  if (!Number.isInteger(n)) return { problem: `${name} needs a whole number, found ${show(n)}` };
  return n < min || n > max ? { problem: `${show(n)} is out of range for ${name} (${min} to ${max})` } : { value: n };
};

/** A time: ms (a number) or a date string, as epoch ms; undefined when it is neither. */
export function timeOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "") {
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** A JSON value as a scalar type. */
const JSON_SCALARS: { readonly [K in ScalarType]: (v: unknown) => Typed } = {
  int32: (v) => (typeof v === "number" ? whole("int32", v) : { problem: `int32 needs a number, found ${show(v)}` }),
  int64: (v) => (typeof v === "number" ? whole("int64", v) : { problem: `int64 needs a number, found ${show(v)}` }),
  uint32: (v) => (typeof v === "number" ? whole("uint32", v) : { problem: `uint32 needs a number, found ${show(v)}` }),
  uint64: (v) => (typeof v === "number" ? whole("uint64", v) : { problem: `uint64 needs a number, found ${show(v)}` }),
  float32: (v) => (typeof v === "number" ? { value: v } : { problem: `float32 needs a number, found ${show(v)}` }),
  float64: (v) => (typeof v === "number" ? { value: v } : { problem: `float64 needs a number, found ${show(v)}` }),
  rstring: (v) => (typeof v === "string" ? { value: v } : { problem: `rstring needs a string, found ${show(v)}` }),
  boolean: (v) => (typeof v === "boolean" ? { value: v } : { problem: `boolean needs true or false, found ${show(v)}` }),
  timestamp: (v) => {
    const ms = timeOf(v);
    return ms === undefined ? { problem: `timestamp needs ms or a date, found ${show(v)}` } : { value: ms };
  },
};

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** A CSV field's text as a scalar type: numbers and booleans from their text, everything else as JSON would. */
const TEXT_SCALARS: { readonly [K in ScalarType]: (text: string) => Typed } = {
  ...Object.fromEntries(
    (["int32", "int64", "uint32", "uint64", "float32", "float64"] as const).map((t) => [t, (s: string) => (NUMBER.test(s.trim()) ? JSON_SCALARS[t](Number(s.trim())) : { problem: `${t} needs a number, found ${show(s)}` })]),
  ) as Record<"int32" | "int64" | "uint32" | "uint64" | "float32" | "float64", (text: string) => Typed>,
  rstring: (s) => ({ value: s }),
  boolean: (s) => (s === "true" || s === "false" ? { value: s === "true" } : { problem: `boolean needs true or false, found ${show(s)}` }),
  timestamp: (s) => JSON_SCALARS.timestamp(NUMBER.test(s.trim()) ? Number(s.trim()) : s),
};

const enumValue = (values: readonly string[], v: unknown): Typed =>
  typeof v === "string" && values.includes(v) ? { value: v } : { problem: `expected one of ${values.join(", ")}, found ${show(v)}` };

/** A JSON value typed as an attribute type; a misfit's attribute is relative to `path`. */
function typeJson(v: unknown, t: AttributeType, path: string): { readonly value: unknown } | { readonly misfit: Misfit } {
  const misfit = (message: string) => ({ misfit: { attribute: path, message } });
  switch (t.kind) {
    case "scalar": {
      const r = JSON_SCALARS[t.name](v);
      return "problem" in r ? misfit(r.problem) : r;
    }
    case "enum": {
      const r = enumValue(t.values, v);
      return "problem" in r ? misfit(r.problem) : r;
    }
    case "record": {
      if (typeof v !== "object" || v === null || Array.isArray(v)) return misfit(`a record needs a JSON object, found ${show(v)}`);
      const typed = typeTuple(v as Tuple, t.fields, `${path}.`);
      return "misfit" in typed ? typed : { value: typed.tuple };
    }
  }
}

/**
 * A JSON row typed by a schema: the row with its schema attributes typed, or the first that
 * does not fit. The row is typed in place (a row fresh from JSON.parse is nobody else's): one
 * object per row, however many rows.
 */
export function typeTuple(row: Tuple, schema: Schema, prefix = ""): { readonly tuple: Tuple } | { readonly misfit: Misfit } {
  if (schema.length === 0) return { tuple: row };
  const out = row as Record<string, unknown>;
  for (const a of schema) {
    if (!Object.hasOwn(row, a.name)) return { misfit: { attribute: prefix + a.name, message: "missing" } };
    const r = typeJson(row[a.name], a.type, prefix + a.name);
    if ("misfit" in r) return r;
    out[a.name] = r.value;
  }
  return { tuple: out };
}

/** A CSV field typed as an attribute type; undefined type: the rule for text without a schema. */
export function typeCsvField(f: CsvField, t: AttributeType | undefined, plain: (f: CsvField) => unknown): Typed {
  if (t === undefined) return { value: plain(f) };
  switch (t.kind) {
    case "scalar":
      return TEXT_SCALARS[t.name](f.text);
    case "enum":
      return enumValue(t.values, f.text);
    case "record":
      return { problem: "a CSV field cannot hold a record: use JSON lines for nested attributes" };
  }
}

/** Why a schema cannot type a CSV file's rows (a nested record), or undefined. */
export const csvSchemaProblem = (schema: Schema): Misfit | undefined => {
  const nested = schema.find((a) => a.type.kind === "record");
  return nested && { attribute: nested.name, message: "a CSV field cannot hold a record: use JSON lines for nested attributes" };
};
