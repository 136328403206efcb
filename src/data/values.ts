import type { Random } from "../runtime/random.js";
import type { AttributeType, Schema, ScalarType } from "./schema.js";

/** What a generated value may depend on: the tuple's place in the workload and its due time. */
export interface ValueContext {
  readonly index: number;
  readonly dueAtMs: number;
  readonly random: Random;
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "zu", "ba", "do"] as const;

function word(random: Random): string {
  const n = 2 + Math.floor(random() * 3);
  let w = "";
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)]!;
  return w;
}

/** One row per SPL scalar type; the wording of each is `SCHEMA_TYPES` in src/builtins/data.ts. */
export const SCALAR_VALUES: Readonly<Record<ScalarType, (c: ValueContext) => unknown>> = {
  int32: (c) => c.index % 2 ** 31,
  int64: (c) => c.index,
  uint32: (c) => c.index % 2 ** 32,
  uint64: (c) => c.index,
  float32: (c) => Math.fround(c.random()),
  float64: (c) => c.random(),
  rstring: (c) => word(c.random),
  boolean: (c) => c.index % 2 === 0,
  timestamp: (c) => c.dueAtMs,
};

export function valueOf(type: AttributeType, c: ValueContext): unknown {
  switch (type.kind) {
    case "scalar":
      return SCALAR_VALUES[type.name](c);
    case "enum":
      return type.values[Math.floor(c.random() * type.values.length)];
    case "record":
      return recordOf(type.fields, c);
  }
}

export function recordOf(schema: Schema, c: ValueContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of schema) out[a.name] = valueOf(a.type, c);
  return out;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";

/** A payload of exactly `bytes` ASCII characters, varied by the random source. */
export function payload(bytes: number, random: Random): string {
  const start = Math.floor(random() * ALPHABET.length);
  const rotated = ALPHABET.slice(start) + ALPHABET.slice(0, start);
  return rotated.repeat(Math.ceil(bytes / ALPHABET.length)).slice(0, bytes);
}
