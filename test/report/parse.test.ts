import { expect } from "chai";
import { parseJournal } from "../../src/report/parse.js";
import { journalFixture, toJsonLines } from "../support/journal-fixture.js";

const lines = (...objects: unknown[]) => objects.map((o) => (typeof o === "string" ? o : JSON.stringify(o))).join("\n") + "\n";
const start = { kind: "run.start", t: 0, wall: "2026-11-23T10:00:00.000Z", version: 1, xdc: "0.1.0", seed: 7, environment: "sim", files: ["a.xdc"] };

describe("report: parseJournal", () => {
  it("reads back every event a run wrote", () => {
    const events = journalFixture();
    const parsed = parseJournal(toJsonLines(events));
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) {
      expect(parsed.events).to.deep.equal(events);
      expect(parsed.warnings).to.deep.equal([]);
    }
  });

  const cases: { name: string; text: string; code: string; line: number; message: string }[] = [
    { name: "an unknown kind", text: lines(start, { kind: "scenario.begin", t: 1, wall: "w" }), code: "journal-kind", line: 2, message: 'j.jsonl:2: unknown event kind "scenario.begin"' },
    { name: "a line without kind", text: lines(start, { t: 1, wall: "w" }), code: "journal-kind", line: 2, message: "j.jsonl:2: unknown event kind null" },
    { name: "a missing field", text: lines(start, { kind: "role", t: 5, wall: "w", dc: "dc1", signals: [] }), code: "journal-field", line: 2, message: "j.jsonl:2: `role` event without `role`" },
    { name: "a value outside its set", text: lines(start, { kind: "role", t: 5, wall: "w", dc: "dc1", role: "primary", signals: [] }), code: "journal-field", line: 2, message: 'j.jsonl:2: `role` event: `role` must be one of "active", "standby", "down", "unknown"' },
    { name: "a mistyped common field", text: lines({ ...start, t: "0" }), code: "journal-field", line: 1, message: "j.jsonl:1: `run.start` event: `t` must be a finite number" },
    { name: "a list of the wrong things", text: lines({ ...start, files: [1] }), code: "journal-field", line: 1, message: "j.jsonl:1: `run.start` event: `files` must be a list of strings" },
    { name: "damage before the last line", text: lines(start, "{not json", { kind: "log", t: 2, wall: "w", level: "info", message: "m" }), code: "journal-json", line: 2, message: "j.jsonl:2: not a JSON object" },
    { name: "a JSON value that is not an object", text: lines(start, "[1,2]"), code: "journal-json", line: 2, message: "j.jsonl:2: not a JSON object" },
    { name: "nothing at all", text: "\n\n", code: "journal-empty", line: 0, message: "j.jsonl: the journal holds no events" },
  ];
  for (const c of cases) {
    it(`names the line of ${c.name}`, () => {
      const parsed = parseJournal(c.text, "j.jsonl");
      expect(parsed).to.deep.equal({ ok: false, error: { code: c.code, line: c.line, message: c.message } });
    });
  }

  it("skips a last line cut off mid-write, with a warning", () => {
    const text = lines(start).concat('{"kind":"log","t":3,"wall":"w","lev');
    const parsed = parseJournal(text, "j.jsonl");
    expect(parsed.ok).to.equal(true);
    if (parsed.ok) {
      expect(parsed.events).to.have.length(1);
      expect(parsed.warnings).to.deep.equal(["j.jsonl:2: the last line is incomplete (the run was probably stopped while writing it); it was skipped"]);
    }
  });

  it("keeps fields it does not know, so newer journals that only add fields still read", () => {
    const parsed = parseJournal(lines({ ...start, runner: "ci-7" }));
    expect(parsed.ok && (parsed.events[0] as unknown as { runner: string }).runner).to.equal("ci-7");
  });
});
