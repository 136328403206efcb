// A journal writer in a process of its own, for the SIGKILL test: it writes events as fast
// as it can and prints how many `write` calls have returned, until it is killed. The count
// is bounded so that a parent that never kills it still sees it end by itself.
import { journalWriter } from "../../../src/runtime/journal/writer.js";

const path = process.argv[2]!;
const writer = journalWriter(path);
const LIMIT = 200_000;
// A long message makes each line span several kilobytes, so a kill often lands mid-stream.
const padding = "x".repeat(3000);
for (let i = 0; i < LIMIT; i++) {
  writer.write({ kind: "log", level: "info", message: `event ${i} ${padding}`, t: i, wall: new Date(0).toISOString() });
  process.stdout.write(`${i + 1}\n`);
}
writer.close();
