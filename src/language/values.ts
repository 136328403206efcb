import { BYTES, DURATION_MS, encodeString } from "./literals.js";

/**
 * Values the checker can know without running anything (go-cty's "known" values): literals,
 * and arithmetic and names over them. Settings, computed return types (`application(…,
 * sources: ["Ingest"])`), range checks and the timeline bound read them; anything that
 * needs the live system is simply not known.
 */
export type Value =
  /** Durations in ms, rates per second, percentages as written (0.1% is 0.1), sizes in bytes. */
  | { readonly kind: "quantity"; readonly unit: QuantityUnit; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  /** `detail`: what a check over many tuples found (`all(…)`): a summary and the failures, for the expectation's report. */
  | { readonly kind: "bool"; readonly value: boolean; readonly detail?: { readonly summary: string; readonly findings: readonly string[] } }
  | { readonly kind: "list"; readonly items: readonly Value[] }
  | { readonly kind: "record"; readonly fields: readonly { readonly name: string; readonly value: Value }[] }
  /** A named thing whose identity is known: a datacenter, an environment. */
  | { readonly kind: "ref"; readonly what: "dc" | "environment"; readonly name: string }
  /** `secret("VAR")`: where the secret will come from, never the secret. */
  | { readonly kind: "secret"; readonly variable: string }
  | { readonly kind: "host"; readonly name: string; readonly address?: string; readonly ssh?: string; readonly hostKey?: string };

export type QuantityUnit = "Number" | "Duration" | "Rate" | "Percent" | "Bytes";

export const quantity = (unit: QuantityUnit, value: number): Value => ({ kind: "quantity", unit, value });

/** A value as source text, for `xdc plan` and messages: `30s`, `500/s`, `0.1%`, `64KB`, `"x"`. */
export function formatValue(v: Value): string {
  switch (v.kind) {
    case "quantity":
      return formatQuantity(v.unit, v.value);
    case "string":
      return encodeString(v.value);
    case "bool":
      return String(v.value);
    case "list":
      return `[${v.items.map(formatValue).join(", ")}]`;
    case "record":
      return `{${v.fields.map((f) => `${f.name}: ${formatValue(f.value)}`).join(", ")}}`;
    case "ref":
      return v.name;
    case "secret":
      return `secret(${encodeString(v.variable)})`;
    case "host":
      return `host(${encodeString(v.name)})`;
  }
}

const num = (n: number) => String(Number(n.toPrecision(12)));

/** The largest unit in which the amount is a whole number, so 90000 ms prints as `90s`, not `1.5m`. */
function largestWhole(amount: number, table: Record<string, number>): string {
  const units = Object.entries(table).sort((a, b) => b[1] - a[1]);
  for (const [suffix, size] of units) {
    if (amount !== 0 && Number.isInteger(Number((amount / size).toPrecision(12)))) return `${num(amount / size)}${suffix}`;
  }
  const smallest = units[units.length - 1]!;
  return `${num(amount / smallest[1])}${smallest[0]}`;
}

const ZERO: Record<QuantityUnit, string> = { Number: "0", Duration: "0s", Rate: "0/s", Percent: "0%", Bytes: "0B" };

export function formatQuantity(unit: QuantityUnit, value: number): string {
  if (value === 0) return ZERO[unit];
  switch (unit) {
    case "Number":
      return num(value);
    case "Duration":
      return largestWhole(value, DURATION_MS);
    case "Rate":
      return `${num(value)}/s`;
    case "Percent":
      return `${num(value)}%`;
    case "Bytes":
      return largestWhole(value, { B: BYTES.B, KB: BYTES.KB, MB: BYTES.MB, GB: BYTES.GB, TB: BYTES.TB });
  }
}

/** The strings of a known list of strings, or undefined when any part is not known. */
export function stringList(v: Value | undefined): string[] | undefined {
  if (v?.kind !== "list") return undefined;
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind !== "string") return undefined;
    out.push(item.value);
  }
  return out;
}
