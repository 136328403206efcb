import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JournalEvent } from "../../../src/runtime/journal/events.js";
import { readJournal } from "../../../src/runtime/journal/reader.js";
import { journalWriter } from "../../../src/runtime/journal/writer.js";
import { bundleChild, startChild } from "../../helpers/child.js";

const event = (t: number, message: string): JournalEvent => ({ kind: "log", level: "info", message, t, wall: "1970-01-01T00:00:00.000Z" });

describe("journal writer", function () {
  this.timeout(30_000);
  let dir: string;
  let child: Awaited<ReturnType<typeof bundleChild>>;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "xdc-journal-"));
    child = await bundleChild(new URL("./writer-child.ts", import.meta.url).pathname, "journal-writer-child");
  });
  after(() => {
    child?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes one JSON object a line, each on disk when `write` returns", () => {
    const path = join(dir, "plain.jsonl");
    const w = journalWriter(path);
    w.write(event(0, "first"));
    // Read while the writer is still open: nothing waits in a buffer.
    expect(readFileSync(path, "utf8")).to.equal(`${JSON.stringify(event(0, "first"))}\n`);
    w.write(event(5, "second\nwith a newline"));
    w.close();
    w.write(event(9, "after close"));
    const read = readJournal(readFileSync(path, "utf8"));
    expect(read.ok && read.value.map((e) => (e.kind === "log" ? e.message : e.kind))).to.deep.equal(["first", "second\nwith a newline"]);
  });

  it("appends to a journal that exists", () => {
    const path = join(dir, "append.jsonl");
    const a = journalWriter(path);
    a.write(event(0, "one"));
    a.close();
    const b = journalWriter(path);
    b.write(event(1, "two"));
    b.close();
    expect(readFileSync(path, "utf8").split("\n")).to.have.length(3);
  });

  it("leaves every line it wrote complete and readable when its process is killed with SIGKILL", async () => {
    const path = join(dir, "killed.jsonl");
    const c = startChild(child.file, [path]);
    // Kill it while it writes, after a good number of events have gone out.
    await c.waitFor((line) => Number(line) >= 300);
    c.process.kill("SIGKILL");
    expect(await c.exited).to.equal("SIGKILL");
    const written = Math.max(...c.lines.map(Number));
    const text = readFileSync(path, "utf8");
    const complete = text.slice(0, text.lastIndexOf("\n") + 1);
    const read = readJournal(complete);
    if (!read.ok) expect.fail(`unreadable lines: ${JSON.stringify(read.error.slice(0, 3))}`);
    // Every write that returned is in the file, in order, each a whole event.
    expect(read.value.length).to.be.at.least(written);
    expect(read.value.map((e) => e.t)).to.deep.equal(read.value.map((_, i) => i));
    // Whatever follows the last newline is at most one torn line, which the reader names.
    const tail = text.slice(complete.length);
    if (tail !== "") {
      const torn = readJournal(text);
      expect(!torn.ok && torn.error).to.deep.equal([{ line: read.value.length + 1, message: "not JSON (a torn line?)" }]);
    }
  });
});
