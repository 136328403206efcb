import type { Span } from "../../language/span.js";
import { wallTime, type Clock } from "../clock.js";
import type { JournalEvent, JournalEventBody } from "./events.js";

/** Where the interpreter writes what happens, with the statement's span when there is one. */
export interface JournalSink {
  emit(body: JournalEventBody, span?: Span): void;
}

/** An event stamped with the clock's time (`t`, monotonic ms) and the wall-clock date. */
export function stamp(clock: Clock, body: JournalEventBody, scenario?: string, span?: Span): JournalEvent {
  const t = clock.now();
  return {
    t: Math.round(t * 1000) / 1000,
    wall: new Date(wallTime(clock)).toISOString(),
    ...(scenario !== undefined ? { scenario } : {}),
    ...(span ? { span: { file: span.file, line: span.start.line, column: span.start.column, endLine: span.end.line, endColumn: span.end.column } } : {}),
    ...body,
  } as JournalEvent;
}

/** Where stamped events go: the journal file's writer, or memory. */
export interface EventSink {
  write(event: JournalEvent): void;
}

/** Keeps the events in memory (plans, tests). */
export function memorySink(): EventSink & { readonly events: JournalEvent[] } {
  const events: JournalEvent[] = [];
  return { events, write: (e) => events.push(e) };
}
