import type { Redactor } from "./redact.js";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
}

/**
 * Where drivers and the runtime say what they do. Injected, never global: the CLI writes it to
 * the terminal, tests capture it, and nothing in src/ outside src/cli/ touches the console.
 */
export interface Logger {
  log(level: LogLevel, message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { log: () => undefined };

/** Keeps the last `capacity` entries: for tests, and for a report's "what happened last". */
export class MemoryLogger implements Logger {
  private readonly buffer: LogEntry[] = [];

  constructor(private readonly capacity = 10_000) {}

  log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (this.buffer.length >= this.capacity) this.buffer.shift();
    this.buffer.push({ level, message, fields });
  }

  get entries(): readonly LogEntry[] {
    return this.buffer;
  }

  /** Every entry as one line each (level, message, fields as JSON), for greps. */
  text(): string {
    return this.buffer.map((e) => `${e.level} ${e.message} ${JSON.stringify(e.fields)}`).join("\n");
  }
}

/** A logger that passes every message and field through the redactor before `inner` sees it. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  return { log: (level, message, fields = {}) => inner.log(level, redactor.redact(message), redactor.redactValue(fields)) };
}
