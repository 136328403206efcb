import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vega from "vega";
import { figureTrendSpec, verdictTrendSpec } from "../../src/report/history-chart.js";
import { historyRecordFromSummary, readHistory, type HistoryRecord } from "../../src/report/history.js";
import { toSummary } from "../../src/report/json.js";
import { buildRun } from "../../src/report/model.js";
import { journalFixture } from "../support/journal-fixture.js";
import { compileStrict } from "../support/vega.js";

const record = (time: string, verdict: string, rto?: number, extra: Record<string, unknown> = {}) => ({
  version: 1,
  time,
  commit: "abc123",
  scenarios: [{ file: "examples/partition.xdc", name: "partition", verdict, figures: rto === undefined ? {} : { rto_ms: rto, rpo_ms: rto / 10 } }],
  ...extra,
});

describe("report: run history", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "xdc-history-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("turns a summary.json into a record: each scenario's verdict and its five figures under their history names", () => {
    const summary = toSummary(buildRun(journalFixture()));
    const r = historyRecordFromSummary(summary, { commit: "0123abcd" });
    expect(r).to.include({ version: 1, time: summary.started, commit: "0123abcd" });
    expect(r.scenarios.map((s) => [s.name, s.verdict])).to.deep.equal([
      ["DC1 partition fails over to DC2 within 45s", "fail"],
      ["standby keeps up when nothing is sent", "no-data"],
      ["rolling restart keeps the standby warm", "error"],
    ]);
    const f = summary.scenarios[0]!.figures;
    expect(r.scenarios[0]!.figures).to.deep.equal({ rto_ms: f.rtoMs, detection_ms: f.detectionMs, rpo_ms: f.rpoMs, lost: f.lostTuples, duplicates: f.duplicateTuples });
    // A figure not measured is absent, never 0.
    expect(r.scenarios[2]!.figures).to.deep.equal({});
    expect(historyRecordFromSummary(summary, { time: "2026-12-08T01:00:00Z" }).time).to.equal("2026-12-08T01:00:00Z");
  });

  it("reads .json files (a record each) and .jsonl files (a record a line), oldest first, ignoring other files and unknown fields", async () => {
    writeFileSync(join(dir, "b.json"), JSON.stringify(record("2026-12-07T10:00:00Z", "pass", 9000, { runner: "x" })));
    writeFileSync(join(dir, "a.jsonl"), `${JSON.stringify(record("2026-12-08T10:00:00Z", "fail", 12000))}\n\n${JSON.stringify(record("2026-12-06T10:00:00Z", "pass", 8000))}\n`);
    writeFileSync(join(dir, "history.html"), "<html>");
    mkdirSync(join(dir, "sub.json"));
    const read = await readHistory(dir);
    if (!read.ok) throw new Error(read.error.join("\n"));
    expect(read.value.map((e) => [e.record.time, e.source])).to.deep.equal([
      ["2026-12-06T10:00:00Z", `${join(dir, "a.jsonl")}:3`],
      ["2026-12-07T10:00:00Z", join(dir, "b.json")],
      ["2026-12-08T10:00:00Z", `${join(dir, "a.jsonl")}:1`],
    ]);
  });

  it("names the file, the line and the field of every bad record", async () => {
    writeFileSync(join(dir, "1.json"), "{ not json");
    writeFileSync(join(dir, "2.json"), JSON.stringify({ ...record("2026-12-07T10:00:00Z", "pass"), version: 2 }));
    writeFileSync(join(dir, "3.jsonl"), `${JSON.stringify(record("yesterday", "pass"))}\n${JSON.stringify(record("2026-12-07T10:00:00Z", "green"))}\n`);
    const bad = record("2026-12-07T10:00:00Z", "pass");
    (bad.scenarios[0] as { figures: unknown }).figures = { rto_ms: "11s" };
    writeFileSync(join(dir, "4.json"), JSON.stringify(bad));
    writeFileSync(join(dir, "5.json"), JSON.stringify({ version: 1, time: "2026-12-07T10:00:00Z", scenarios: [{ name: "x", verdict: "pass", figures: {} }] }));
    const read = await readHistory(dir);
    expect(read.ok).to.equal(false);
    if (read.ok) return;
    expect(read.error).to.have.length(6);
    expect(read.error[0]).to.match(new RegExp(`^${join(dir, "1.json")}: not JSON`));
    expect(read.error.slice(1)).to.deep.equal([
      `${join(dir, "2.json")}: version: 2 is not a history version this xdc reads (1)`,
      `${join(dir, "3.jsonl")}:1: time: not an ISO 8601 date`,
      `${join(dir, "3.jsonl")}:2: scenarios[0].verdict: "green" is not one of pass, fail, error, no-data`,
      `${join(dir, "4.json")}: scenarios[0].figures.rto_ms: not a number of at least 0`,
      `${join(dir, "5.json")}: scenarios[0].file: not a string`,
    ]);
  });

  it("says so for a directory that cannot be read", async () => {
    const read = await readHistory(join(dir, "nope"));
    expect(read).to.deep.equal({ ok: false, error: [`${join(dir, "nope")}: cannot read the history directory (ENOENT)`] });
  });

  it("draws verdicts, RTO and RPO over time with Vega-Lite specs that compile without a warning; a figure never measured has no chart", async () => {
    const entries = [record("2026-12-06T10:00:00Z", "pass", 8000), record("2026-12-07T10:00:00Z", "fail", 12000), record("2026-12-08T10:00:00Z", "error")].map((r, i) => ({ record: r as HistoryRecord, source: `h/${i}.json` }));
    for (const spec of [verdictTrendSpec(entries), figureTrendSpec(entries, "rto_ms", "RTO")!, figureTrendSpec(entries, "rpo_ms", "RPO")!]) {
      const { vega: compiled, warnings } = compileStrict(spec);
      expect(warnings).to.deep.equal([]);
      const view = new vega.View(vega.parse(compiled), { renderer: "none" });
      await view.runAsync();
      view.finalize();
    }
    expect((figureTrendSpec(entries, "rto_ms", "RTO")!["data"] as { values: { seconds: number }[] }).values.map((v) => v.seconds)).to.deep.equal([8, 12]);
    expect(figureTrendSpec(entries, "lost", "lost")).to.equal(undefined);
  });
});
