import { expect } from "chai";
import { readJournal } from "../../../src/runtime/journal/reader.js";

const WALL = "2026-01-01T00:00:00.000Z";
const line = (o: object) => JSON.stringify({ t: 0, wall: WALL, ...o });
const start = line({ kind: "scenario.start", scenario: "s", file: "a.xdc", tags: [], timeoutMs: 1000 });
const end = line({ kind: "scenario.end", scenario: "s", verdict: "pass", durationMs: 10, figures: {} });

describe("journal reader", () => {
  it("reads every event of a well-formed journal, skipping empty lines", () => {
    const read = readJournal(`${start}\n\n${end}\n`);
    expect(read.ok && read.value.map((e) => e.kind)).to.deep.equal(["scenario.start", "scenario.end"]);
  });

  // Each case: the journal's lines, and the problems the reader reports (line: message).
  const cases: readonly { name: string; lines: readonly string[]; problems: readonly string[] }[] = [
    { name: "an unknown kind", lines: [start, line({ kind: "teleport", to: "dc2" })], problems: ['2: unknown event kind "teleport"'] },
    { name: "no kind", lines: [line({ what: "?" })], problems: ["1: an object without `kind`: not a journal event (is this a journal that `xdc exec` wrote?)"] },
    { name: "a missing field", lines: [start, line({ kind: "fault.applied", id: "f1", fault: "partition", what: "p", hosts: [] })], problems: ["2: fault.applied event without `dcs`"] },
    { name: "several missing fields", lines: [line({ kind: "expect", ok: true, noData: false, source: "x" })], problems: ["1: expect event without `expected`, `actual`"] },
    { name: "a time that is not a number", lines: [JSON.stringify({ kind: "log", level: "info", message: "m", t: "0", wall: WALL })], problems: ["1: `t` is not a number"] },
    { name: "no wall time", lines: [JSON.stringify({ kind: "log", level: "info", message: "m", t: 1 })], problems: ["1: `wall` is not a string"] },
    { name: "a list where a field holds text", lines: [line({ kind: "run.start", version: 1, xdc: "0.1.0", seed: 1, environment: "sim", files: 3 })], problems: ["1: run.start event: `files` is a number, not a list"] },
    { name: "a verdict xdc does not have", lines: [start, line({ kind: "scenario.end", scenario: "s", verdict: "green", durationMs: 1, figures: {} })], problems: ['2: scenario.end event: `verdict` is "green", not one of pass, fail, error, no-data'] },
    { name: "a figure that is text", lines: [line({ kind: "scenario.end", verdict: "pass", durationMs: 1, figures: { rtoMs: "11s" } })], problems: ["1: scenario.end event: `figures.rtoMs` is a string, not a number"] },
    { name: "a lost range of the wrong type", lines: [line({ kind: "data", workload: "w", sink: "s", sent: 1, acked: 1, received: 0, lost: 1, lostRanges: [{ stream: "k", from: "1", to: 1 }], duplicates: 0, outOfOrder: 0 })], problems: ["1: data event: `lostRanges[0].from` is a string, not a number"] },
    { name: "a span of the wrong type", lines: [line({ kind: "log", level: "info", message: "m", span: { file: "a.xdc", line: "3", column: 1, endLine: 3, endColumn: 2 } })], problems: ["1: log event: `span.line` is a string, not a whole number"] },
    { name: "an array", lines: [start, "[1, 2]"], problems: ["2: not a JSON object"] },
    { name: "a torn last line", lines: [start, end, start.slice(0, 25)], problems: ["3: not JSON (a torn line?)"] },
    { name: "problems on several lines, each named", lines: ["{", start, "null", end, line({ kind: "x" })], problems: ["1: not JSON (a torn line?)", "3: not a JSON object", '5: unknown event kind "x"'] },
  ];
  for (const c of cases) {
    it(`names the line of ${c.name}`, () => {
      const read = readJournal(c.lines.join("\n"));
      expect(read.ok, "the journal should not read").to.equal(false);
      if (!read.ok) expect(read.error.map((p) => `${p.line}: ${p.message}`)).to.deep.equal(c.problems);
    });
  }

  it("counts lines from 1 including empty ones", () => {
    const read = readJournal(`\n\n${start}\n\n{oops\n`);
    expect(!read.ok && read.error).to.deep.equal([{ line: 5, message: "not JSON (a torn line?)" }]);
  });
});
