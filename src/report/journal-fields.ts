import type { JournalEventKind } from "../runtime/journal/events.js";

/**
 * What a journal line must carry to be read, kind by kind: the required fields of each
 * event in src/runtime/journal/events.ts with the JSON type each must have. Optional fields
 * are not listed; fields the table does not know are kept and ignored, so a journal written
 * by a newer xdc that only adds fields still reads.
 */
export type FieldType = "string" | "number" | "boolean" | "string[]" | "array" | "object" | readonly string[];

const VERDICTS = ["pass", "fail", "error", "no-data"] as const;
const PHASES = ["setup", "steady", "run", "verify", "steady-after", "teardown"] as const;
const ROLES = ["active", "standby", "down", "unknown"] as const;

/** Fields every event has. */
export const COMMON_FIELDS: Readonly<Record<string, FieldType>> = { t: "number", wall: "string" };

export const REQUIRED_FIELDS: { readonly [K in JournalEventKind]: Readonly<Record<string, FieldType>> } = {
  "run.start": { version: "number", xdc: "string", seed: "number", environment: "string", files: "string[]" },
  "scenario.start": { file: "string", tags: "string[]", timeoutMs: "number" },
  "phase.start": { phase: PHASES },
  "phase.end": { phase: PHASES, ok: "boolean" },
  action: { builtin: "string", what: "string", ok: "boolean" },
  "fault.applied": { id: "string", fault: "string", what: "string", hosts: "string[]", dcs: "string[]" },
  "fault.reverted": { id: "string", fault: "string", status: ["undone", "nothing-to-undo", "failed"], problems: "string[]" },
  role: { dc: "string", role: ROLES, signals: "string[]" },
  failover: { from: "string", to: "string", detectedAtMs: "number", takeoverAtMs: "number", rtoMs: "number", detectionMs: "number" },
  sample: { series: "string", unit: "string", value: "number" },
  data: {
    workload: "string",
    sink: "string",
    sent: "number",
    acked: "number",
    received: "number",
    lost: "number",
    lostRanges: "array",
    duplicates: "number",
    outOfOrder: "number",
  },
  expect: { ok: "boolean", noData: "boolean", source: "string", expected: "string", actual: "string" },
  log: { level: ["debug", "info", "warn", "error"], message: "string" },
  "scenario.end": { verdict: VERDICTS, durationMs: "number", figures: "object" },
  "run.end": { exitCode: "number", interrupted: "boolean", verdicts: "object" },
};

export const isKind = (kind: unknown): kind is JournalEventKind => typeof kind === "string" && Object.hasOwn(REQUIRED_FIELDS, kind);

/** Why `value` is not of `type`, or undefined when it is. */
export function fieldProblem(value: unknown, type: FieldType): string | undefined {
  if (typeof type !== "string") {
    return typeof value === "string" && type.includes(value) ? undefined : `one of ${type.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  const ok = CHECKS[type](value);
  return ok ? undefined : NAMES[type];
}

const CHECKS: Record<Extract<FieldType, string>, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number" && Number.isFinite(v),
  boolean: (v) => typeof v === "boolean",
  "string[]": (v) => Array.isArray(v) && v.every((x) => typeof x === "string"),
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === "object" && v !== null && !Array.isArray(v),
};

const NAMES: Record<Extract<FieldType, string>, string> = {
  string: "a string",
  number: "a finite number",
  boolean: "true or false",
  "string[]": "a list of strings",
  array: "a list",
  object: "an object",
};
