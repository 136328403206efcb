import { closeSync, openSync, writeSync } from "node:fs";
import type { JournalEvent } from "./events.js";
import type { EventSink } from "./sink.js";

/**
 * The journal file: one JSON object a line, appended. Each line goes to the file with its own
 * write call before `write` returns, so a process killed at any moment leaves every line it
 * wrote complete except, at worst, none: the reader stops at a torn last line and says so.
 */
export function journalWriter(path: string): EventSink & { close(): void } {
  const fd = openSync(path, "a", 0o600);
  let open = true;
  return {
    write(event: JournalEvent) {
      if (open) writeSync(fd, `${JSON.stringify(event)}\n`);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
