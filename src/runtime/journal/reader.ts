import { ok, err, type Result } from "../../drivers/result.js";
import type { JournalEvent, JournalEventKind } from "./events.js";

/** A line of a journal that could not be read, by its 1-based number. */
export interface JournalProblem {
  readonly line: number;
  readonly message: string;
}

/** Every kind and the fields it must have, beyond `t` and `wall`. */
const REQUIRED: Record<JournalEventKind, readonly string[]> = {
  "run.start": ["version", "xdc", "seed", "environment", "files"],
  "scenario.start": ["file", "tags", "timeoutMs"],
  "phase.start": ["phase"],
  "phase.end": ["phase", "ok"],
  action: ["builtin", "what", "ok"],
  "fault.applied": ["id", "fault", "what", "hosts", "dcs"],
  "fault.reverted": ["id", "fault", "status", "problems"],
  role: ["dc", "role", "signals"],
  failover: ["from", "to", "detectedAtMs", "takeoverAtMs", "rtoMs", "detectionMs"],
  sample: ["series", "unit", "value"],
  data: ["workload", "sink", "sent", "acked", "received", "lost", "lostRanges", "duplicates", "outOfOrder"],
  expect: ["ok", "noData", "source", "expected", "actual"],
  log: ["level", "message"],
  "scenario.end": ["verdict", "durationMs", "figures"],
  "run.end": ["exitCode", "interrupted", "verdicts"],
};

function problemOf(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "not a JSON object";
  const o = v as Record<string, unknown>;
  if (!Object.hasOwn(o, "kind")) return "an object without `kind`: not a journal event (is this a journal that `xdc exec` wrote?)";
  if (typeof o["kind"] !== "string" || !Object.hasOwn(REQUIRED, o["kind"])) return `unknown event kind ${JSON.stringify(o["kind"])}`;
  if (typeof o["t"] !== "number" || !Number.isFinite(o["t"])) return "`t` is not a number";
  if (typeof o["wall"] !== "string") return "`wall` is not a string";
  const missing = REQUIRED[o["kind"] as JournalEventKind].filter((k) => !Object.hasOwn(o, k));
  return missing.length > 0 ? `${o["kind"]} event without ${missing.map((m) => `\`${m}\``).join(", ")}` : undefined;
}

/**
 * Parses a journal's text. Empty lines are skipped; a torn last line (a run killed while
 * writing) is reported like any other problem, naming its line, and nothing is guessed.
 */
export function readJournal(text: string): Result<JournalEvent[], JournalProblem[]> {
  const events: JournalEvent[] = [];
  const problems: JournalProblem[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line: i + 1, message: "not JSON (a torn line?)" });
      return;
    }
    const problem = problemOf(value);
    if (problem) problems.push({ line: i + 1, message: problem });
    else events.push(value as JournalEvent);
  });
  return problems.length > 0 ? err(problems) : ok(events);
}
