import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as vega from "vega";
import { distributions, nearestRank } from "../../src/report/distribution.js";
import { distributionSpec } from "../../src/report/distribution-chart.js";
import { toSummary } from "../../src/report/json.js";
import { findJournals, mergeRuns } from "../../src/report/merge.js";
import { buildRun } from "../../src/report/model.js";
import { compileStrict } from "../support/vega.js";
import { errorScenario, failoverScenario, journalFixture, noDataScenario, passScenario } from "../support/journal-fixture.js";

const repeat = (seed: number) => buildRun(journalFixture({ seed, scenarios: [failoverScenario()] }));

describe("report: merging runs (xdc report --merge)", () => {
  it("finds journal.jsonl at any depth, in natural order, skipping dot directories, and names each by its directory", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xdc-merge-find-"));
    try {
      for (const d of ["shard-10", "shard-2", "a/repeat-1", "a/repeat-1/.cache", "empty"]) mkdirSync(join(dir, d), { recursive: true });
      for (const d of ["shard-10", "shard-2", "a/repeat-1", "a/repeat-1/.cache"]) writeFileSync(join(dir, d, "journal.jsonl"), "{}\n");
      const { found, problems } = await findJournals([dir, join(dir, "empty"), join(dir, "missing")]);
      expect(found.map((f) => f.source)).to.deep.equal([join(dir, "a/repeat-1"), join(dir, "shard-2"), join(dir, "shard-10")]);
      expect(problems).to.deep.equal([`${join(dir, "empty")}: no journal.jsonl in it or under it (xdc exec --out DIR writes one into DIR)`, `${join(dir, "missing")}: cannot read it (ENOENT)`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("merges shards: every scenario once, the worst verdict and exit code, each scenario marked with its source", () => {
    const shard1 = buildRun(journalFixture({ scenarios: [passScenario()] }));
    const shard2 = buildRun(journalFixture({ scenarios: [noDataScenario(), errorScenario()] }));
    const run = mergeRuns([
      { source: "shards/1", run: shard1 },
      { source: "shards/2", run: shard2 },
    ]);
    expect(run.scenarios.map((s) => [s.source, s.verdict])).to.deep.equal([
      ["shards/1", "pass"],
      ["shards/2", "no-data"],
      ["shards/2", "error"],
    ]);
    expect(run).to.include({ verdict: "error", exitCode: 3, unfinished: false, interrupted: false, seed: 20261123, environment: "sim" });
    expect(run.verdicts).to.deep.equal({ pass: 1, fail: 0, error: 1, "no-data": 1 });
    expect(toSummary(run).scenarios.map((s) => s.source)).to.deep.equal(["shards/1", "shards/2", "shards/2"]);
    expect(toSummary(run).repeats).to.equal(undefined);
  });

  it("a merge with an unfinished part is unfinished, with no exit code, and says which part", () => {
    const cut = buildRun(journalFixture({ scenarios: [passScenario()] }).filter((e) => e.kind !== "run.end"));
    const run = mergeRuns([
      { source: "r1", run: repeat(1) },
      { source: "r2", run: cut },
    ]);
    expect(run).to.include({ verdict: "error", unfinished: true });
    expect(run.exitCode).to.equal(undefined);
    expect(run.reason).to.match(/^r2: unfinished run/);
  });

  it("gives a repeated scenario its distribution: pass rate and min / median / p95 / max per figure (nearest rank)", () => {
    const parts = [1, 2, 3, 4, 5].map((seed) => ({ source: `repeat-${seed}`, run: repeat(seed) }));
    const run = mergeRuns(parts);
    const [d] = distributions(run.scenarios);
    expect(d!.scenarios).to.deep.equal([0, 1, 2, 3, 4]);
    expect(d!.passRate).to.equal(d!.verdicts.pass / 5);
    const rto = d!.figures.find((f) => f.figure === "rtoMs")!;
    const values = run.scenarios.map((s) => s.figures.rtoMs!);
    expect(new Set(values).size, "the repeats measured different RTOs").to.be.greaterThan(1);
    expect(rto.values.map((v) => v.value)).to.deep.equal(values);
    const sorted = [...values].sort((a, b) => a - b);
    expect(rto).to.include({ min: sorted[0], median: sorted[2], p95: sorted[4], max: sorted[4] });
    const summary = toSummary(run);
    expect(summary.repeats).to.have.length(1);
    expect(summary.repeats![0]!).to.include({ runs: 5, name: "DC1 partition fails over to DC2 within 45s" });
    expect(summary.repeats![0]!.figures.rtoMs!.values).to.deep.equal(values);
  });

  it("nearest rank takes a value that happened", () => {
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).to.equal(10);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).to.equal(5);
    expect(nearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 0.95)).to.equal(19);
    expect(nearestRank([7], 0.95)).to.equal(7);
  });

  it("the strip plot is a Vega-Lite spec that compiles without a warning, a tick per run linking to its section", async () => {
    const run = mergeRuns([1, 2, 3].map((seed) => ({ source: `repeat-${seed}`, run: repeat(seed) })));
    const [d] = distributions(run.scenarios);
    const spec = distributionSpec(d!, run.scenarios, (i) => run.scenarios[i]!.source!);
    const { vega: compiled, warnings } = compileStrict(spec);
    expect(warnings).to.deep.equal([]);
    const view = new vega.View(vega.parse(compiled), { renderer: "none" });
    await view.runAsync();
    const rows = (spec["vconcat"] as { layer: { data: { values: { href: string; run: string }[] } }[] }[]).map((r) => r.layer[0]!.data.values);
    expect(rows[0]!.map((v) => [v.run, v.href])).to.deep.equal([
      ["repeat-1", "#scenario-0"],
      ["repeat-2", "#scenario-1"],
      ["repeat-3", "#scenario-2"],
    ]);
    view.finalize();
  });
});
