import type { JournalEvent } from "../runtime/journal/events.js";
import { COMMON_FIELDS, fieldProblem, isKind, REQUIRED_FIELDS } from "./journal-fields.js";

/**
 * Reads a journal (JSON lines) into events. It is strict where a wrong answer would follow
 * (an unknown kind, a missing or mistyped required field: an error naming the line) and
 * lenient where a run that was killed leaves its mark: a last line cut off mid-write is
 * dropped with a warning, and blank lines are skipped.
 */
export interface JournalError {
  readonly code: "journal-json" | "journal-kind" | "journal-field" | "journal-empty";
  /** 1-based line of the journal, 0 when the problem is the journal as a whole. */
  readonly line: number;
  readonly message: string;
}

export type ParsedJournal =
  | { readonly ok: true; readonly events: readonly JournalEvent[]; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly error: JournalError };

export function parseJournal(text: string, name = "journal"): ParsedJournal {
  const lines = text.split("\n");
  const events: JournalEvent[] = [];
  const warnings: string[] = [];
  const lastContent = lastNonBlank(lines);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === "") continue;
    const where = `${name}:${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      // Only the final line can be half-written; anywhere else the file is damaged.
      if (i === lastContent && !text.endsWith("\n")) {
        warnings.push(`${where}: the last line is incomplete (the run was probably stopped while writing it); it was skipped`);
        continue;
      }
      return fail("journal-json", i + 1, `${where}: not a JSON object`);
    }
    const problem = eventProblem(value);
    if (problem !== undefined) return fail(problem.code, i + 1, `${where}: ${problem.message}`);
    events.push(value as JournalEvent);
  }
  if (events.length === 0) return fail("journal-empty", 0, `${name}: the journal holds no events`);
  return { ok: true, events, warnings };
}

function eventProblem(value: unknown): { code: JournalError["code"]; message: string } | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { code: "journal-json", message: "not a JSON object" };
  const record = value as Record<string, unknown>;
  const kind = record["kind"];
  if (!isKind(kind)) return { code: "journal-kind", message: `unknown event kind ${JSON.stringify(kind ?? null)}` };
  for (const [field, type] of Object.entries({ ...COMMON_FIELDS, ...REQUIRED_FIELDS[kind] })) {
    if (!Object.hasOwn(record, field)) return { code: "journal-field", message: `\`${kind}\` event without \`${field}\`` };
    const expected = fieldProblem(record[field], type);
    if (expected !== undefined) return { code: "journal-field", message: `\`${kind}\` event: \`${field}\` must be ${expected}` };
  }
  return undefined;
}

const fail = (code: JournalError["code"], line: number, message: string): ParsedJournal => ({ ok: false, error: { code, line, message } });

function lastNonBlank(lines: readonly string[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i]!.trim() !== "") return i;
  return -1;
}
