import { expect } from "chai";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { historyRecordFromSummary } from "../../src/report/history.js";
import type { Summary } from "../../src/report/json.js";
import { errorScenario, failoverScenario, journalFixture, passScenario, toJsonLines } from "../support/journal-fixture.js";
import { xdc } from "./spawn.js";
import { xmllint } from "../report/xmllint.js";

/** `xdc report --merge` and `--history` as a pipeline runs them, on the built CLI. */
describe("cli: xdc report --merge and --history", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-report-merge-"));
    // Shards as CI artifacts land: one directory per job, the repeats of one of them nested deeper.
    const put = (sub: string, text: string) => {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, "journal.jsonl"), text);
    };
    put("shards/shard-1", toJsonLines(journalFixture({ scenarios: [passScenario()] })));
    put("shards/shard-2", toJsonLines(journalFixture({ scenarios: [errorScenario()] })));
    for (const r of [1, 2, 3]) put(`repeats/repeat-${r}`, toJsonLines(journalFixture({ seed: r, scenarios: [failoverScenario()] })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("merges every journal under the directories into one JUnit file, summary.json and HTML report in --out", async () => {
    const r = await xdc(["report", "--merge", "shards", "repeats", "--out", "merged"], { cwd: dir });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.include("xdc report: merged 5 journals, 5 scenario runs: shards/shard-1/journal.jsonl, shards/shard-2/journal.jsonl, repeats/repeat-1/journal.jsonl");
    expect(r.stdout).to.include("xdc report: wrote merged/junit.xml, merged/summary.json, merged/report.html");
    const summary = JSON.parse(readFileSync(join(dir, "merged/summary.json"), "utf8")) as Summary;
    expect(summary).to.include({ verdict: "error", exitCode: 3 });
    expect(summary.scenarios.map((s) => s.source)).to.deep.equal(["shards/shard-1", "shards/shard-2", "repeats/repeat-1", "repeats/repeat-2", "repeats/repeat-3"]);
    expect(summary.repeats!.map((x) => [x.name, x.runs])).to.deep.equal([["DC1 partition fails over to DC2 within 45s", 3]]);
    const junit = readFileSync(join(dir, "merged/junit.xml"), "utf8");
    expect(junit.match(/<testsuite /g)).to.have.length(1);
    // each repeat a test class of its own, so CI tells them apart
    expect(junit).to.include('classname="DC1 partition fails over to DC2 within 45s [repeats/repeat-3]"');
    expect(junit).to.match(/<property name="DC1 partition fails over to DC2 within 45s \[repeats\/repeat-2\]: RTO" value="[\d.]+s"\/>/);
    const valid = await xmllint(join(dir, "merged/junit.xml"));
    expect(valid).to.include("validates");
    const html = readFileSync(join(dir, "merged/report.html"), "utf8");
    expect(html).to.include('id="distribution-0"');
    expect(html).to.include('<a href="#scenario-2"><span class="badge v-fail">fail</span> repeats/repeat-1</a>');
  });

  it("writes the scenario form of JUnit when asked, to stdout", async () => {
    const r = await xdc(["report", "--merge", "shards", "--junit", "-", "--junit-cases", "scenario"], { cwd: dir });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^<\?xml[^]*<testcase name="DC1 partition fails over within 45s" classname="scenarios.dc-partition"/);
    expect(r.stderr).to.include("merged 2 journals");
  });

  it("refuses a directory without a journal, and a damaged journal, naming them (exit 2); writes nothing", async () => {
    mkdirSync(join(dir, "nothing"), { recursive: true });
    const none = await xdc(["report", "--merge", "shards", "nothing", "--out", "never"], { cwd: dir });
    expect(none.code).to.equal(2);
    expect(none.stderr).to.equal("xdc report: --merge: nothing: no journal.jsonl in it or under it (xdc exec --out DIR writes one into DIR)\n");
    mkdirSync(join(dir, "bad/x"), { recursive: true });
    writeFileSync(join(dir, "bad/x/journal.jsonl"), '{"kind":"run.start"}\n');
    const bad = await xdc(["report", "--merge", "bad", "--out", "never"], { cwd: dir });
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/^xdc report: bad\/x\/journal.jsonl:1: /);
    expect(existsSync(join(dir, "never"))).to.equal(false);
  });

  it("takes one of a journal, --merge and --history (exit 2)", async () => {
    const both = await xdc(["report", "shards/shard-1/journal.jsonl", "--merge", "shards"], { cwd: dir });
    expect(both).to.deep.include({ code: 2, stderr: "xdc report: a journal and --merge cannot go together: one report at a time\n" });
    const none = await xdc(["report"], { cwd: dir });
    expect(none).to.deep.include({ code: 2, stderr: "xdc report: name a journal, or give --merge DIR… or --history DIR\n" });
  });

  it("draws the trend page of a history directory into DIR/history.html, and names a bad record (exit 2)", async () => {
    const history = join(dir, "history");
    mkdirSync(history, { recursive: true });
    for (const [i, seed] of [5, 6, 7].entries()) {
      const summary = JSON.parse(readFileSync(join(dir, "merged/summary.json"), "utf8")) as Summary;
      const record = historyRecordFromSummary({ ...summary, scenarios: summary.scenarios.slice(seed - 5) }, { time: `2026-12-0${i + 1}T10:00:00Z`, commit: `c${i}` });
      writeFileSync(join(history, `run-${i}.json`), JSON.stringify(record));
    }
    const r = await xdc(["report", "--history", "history"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stderr: "", stdout: "xdc report: wrote history/history.html (3 runs)\n" });
    const page = readFileSync(join(history, "history.html"), "utf8");
    for (const id of ["history-verdicts", "history-rto", "history-rpo"]) expect(page).to.include(`id="${id}"`);
    expect(page).to.include("from 2026-12-01T10:00:00Z to 2026-12-03T10:00:00Z");
    // the page it wrote is not a record: a second run reads the same three
    expect((await xdc(["report", "--history", "history", "--html", "again.html"], { cwd: dir })).stdout).to.equal("xdc report: wrote again.html (3 runs)\n");
    writeFileSync(join(history, "run-9.json"), JSON.stringify({ version: 1, time: "2026-12-09T10:00:00Z", scenarios: "none" }));
    const bad = await xdc(["report", "--history", "history"], { cwd: dir });
    expect(bad).to.deep.include({ code: 2, stderr: "xdc report: --history: history/run-9.json: scenarios: not a list\n" });
    const junit = await xdc(["report", "--history", "history", "--junit", "x.xml"], { cwd: dir });
    expect(junit.code).to.equal(2);
  });
});
