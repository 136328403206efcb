import { ok, err, type Result } from "../../drivers/result.js";
import type { JournalEvent, JournalEventKind } from "./events.js";
import { EVENT_FIELDS, eventShape } from "./shape.js";

/** A line of a journal that could not be read, by its 1-based number. */
export interface JournalProblem {
  readonly line: number;
  readonly message: string;
}

function problemOf(v: unknown): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return "not a JSON object";
  const o = v as Record<string, unknown>;
  if (!Object.hasOwn(o, "kind")) return "an object without `kind`: not a journal event (is this a journal that `xdc exec` wrote?)";
  if (typeof o["kind"] !== "string" || !Object.hasOwn(EVENT_FIELDS, o["kind"])) return `unknown event kind ${JSON.stringify(o["kind"])}`;
  const kind = o["kind"] as JournalEventKind;
  if (typeof o["t"] !== "number" || !Number.isFinite(o["t"])) return "`t` is not a number";
  if (typeof o["wall"] !== "string") return "`wall` is not a string";
  const missing = Object.entries(EVENT_FIELDS[kind]).filter(([k, f]) => !("optional" in f) && !Object.hasOwn(o, k)).map(([k]) => k);
  if (missing.length > 0) return `${kind} event without ${missing.map((m) => `\`${m}\``).join(", ")}`;
  const wrong = eventShape(kind)(o, "");
  return wrong === undefined ? undefined : `${kind} event: ${wrong}`;
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
