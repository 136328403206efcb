import { expect } from "chai";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UNFINISHED_RUN } from "../../src/report/model.js";
import { journalFixture, passScenario, toJsonLines } from "../support/journal-fixture.js";
import { xdc } from "./spawn.js";

/** `xdc report` as a user runs it, on the bundle `npm test` builds first. */
describe("cli: xdc report", function () {
  this.timeout(30_000);
  let dir: string;
  let journal: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-report-cli-"));
    journal = join(dir, "journal.jsonl");
    writeFileSync(journal, toJsonLines(journalFixture()));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes all three reports beside the journal by default", async () => {
    const r = await xdc(["report", "journal.jsonl"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stderr: "", stdout: "xdc report: wrote junit.xml, summary.json, report.html\n" });
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).to.match(/^<\?xml/);
    expect(JSON.parse(readFileSync(join(dir, "summary.json"), "utf8"))).to.include({ format_version: "1.3", verdict: "error" });
    expect(readFileSync(join(dir, "report.html"), "utf8")).to.match(/^<!DOCTYPE html>/);
  });

  it("writes all three into --out, made when missing", async () => {
    const r = await xdc(["report", "journal.jsonl", "--out", "elsewhere/reports"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stderr: "", stdout: "xdc report: wrote elsewhere/reports/junit.xml, elsewhere/reports/summary.json, elsewhere/reports/report.html\n" });
    expect(existsSync(join(dir, "elsewhere/reports/report.html"))).to.equal(true);
  });

  it("writes only the reports asked for, where asked", async () => {
    const r = await xdc(["report", journal, "--json", "only.json"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stdout: "xdc report: wrote only.json\n" });
    expect(existsSync(join(dir, "only.json"))).to.equal(true);
  });

  it("writes a report to stdout for -, and nothing else there: the note goes to stderr", async () => {
    const r = await xdc(["report", journal, "--html", "-", "--json", "beside.json"], { cwd: dir });
    expect(r.code).to.equal(0);
    // The HTML document and nothing after it.
    expect(r.stdout).to.match(/^<!DOCTYPE html>[^]*<\/html>\s*$/);
    expect(r.stderr).to.equal("xdc report: wrote beside.json\n");
    expect(existsSync(join(dir, "-"))).to.equal(false);
    const json = await xdc(["report", journal, "--json", "-"], { cwd: dir });
    expect(JSON.parse(json.stdout)).to.include({ format_version: "1.3" });
    expect(json.stderr).to.equal("");
  });

  it("reads the journal from stdin for -", async () => {
    const r = await xdc(["report", "-", "--junit", "-"], { cwd: dir, stdin: readFileSync(journal, "utf8") });
    expect(r.code).to.equal(0);
    expect(r.stdout).to.match(/^<\?xml/);
  });

  it("exits 2 when two reports would share stdout, or a journal from stdin has nowhere beside it", async () => {
    const two = await xdc(["report", journal, "--json", "-", "--html", "-"], { cwd: dir });
    expect(two).to.deep.include({ code: 2, stdout: "", stderr: "xdc report: --json and --html both write to stdout (-); only one report can go there\n" });
    const nowhere = await xdc(["report", "-"], { cwd: dir, stdin: readFileSync(journal, "utf8") });
    expect(nowhere.code).to.equal(2);
    expect(nowhere.stderr).to.contain("say where the reports go");
  });

  it("exits 2 naming the line of a damaged journal", async () => {
    writeFileSync(join(dir, "bad.jsonl"), `${toJsonLines(journalFixture().slice(0, 2))}{"kind":"role","t":9,"wall":"w","dc":"dc1","signals":[]}\n`);
    const r = await xdc(["report", "bad.jsonl", "--json", "bad.json"], { cwd: dir });
    expect(r).to.deep.include({ code: 2, stdout: "", stderr: "xdc report: bad.jsonl:3: role event without `role`\n" });
    expect(existsSync(join(dir, "bad.json"))).to.equal(false);
  });

  it("leaves out a last line cut off mid-write, with a note, and reports the run as interrupted", async () => {
    const events = journalFixture();
    const end = events.findIndex((e) => e.kind === "scenario.end");
    writeFileSync(join(dir, "torn.jsonl"), `${toJsonLines(events.slice(0, end))}{"kind":"scenario.end","t":`);
    const r = await xdc(["report", "torn.jsonl", "--json", "torn.json"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stderr: `note: torn.jsonl:${end + 1}: the last line is incomplete (the run was stopped while writing it); it was left out\nxdc report: torn.jsonl: ${UNFINISHED_RUN}; the reports give the run the verdict error\n` });
    const summary = JSON.parse(readFileSync(join(dir, "torn.json"), "utf8")) as { scenarios: { verdict: string; errorClass: string }[] };
    expect(summary.scenarios[0]).to.include({ verdict: "error", errorClass: "interrupted" });
  });

  it("says on top of every report that a journal without run.end is an unfinished run, verdict error, though its scenario passed", async () => {
    const events = journalFixture({ scenarios: [passScenario()] });
    writeFileSync(join(dir, "unfinished.jsonl"), toJsonLines(events.filter((e) => e.kind !== "run.end")));
    const r = await xdc(["report", "unfinished.jsonl", "--json", "u.json", "--junit", "u.xml", "--html", "u.html"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stderr: `xdc report: unfinished.jsonl: ${UNFINISHED_RUN}; the reports give the run the verdict error\n` });
    const summary = JSON.parse(readFileSync(join(dir, "u.json"), "utf8")) as Record<string, unknown> & { scenarios: { verdict: string }[] };
    expect(summary).to.include({ verdict: "error", unfinished: true, reason: UNFINISHED_RUN });
    expect(summary.scenarios.map((s) => s.verdict)).to.deep.equal(["pass"]);
    const junit = readFileSync(join(dir, "u.xml"), "utf8");
    expect(junit).to.match(/<testsuite name="xdc run"[^>]* errors="1"/);
    expect(junit.indexOf('<error message="unfinished run: the journal ends without `run.end`'), "the run's error comes first").to.be.lessThan(junit.indexOf('classname="DC1 partition'));
    expect(junit).to.include('type="unfinished"');
    const html = readFileSync(join(dir, "u.html"), "utf8");
    const header = html.slice(html.indexOf("<header>"), html.indexOf("</header>"));
    expect(header).to.include('class="badge v-error"').and.include("unfinished run: the journal ends without `run.end`");
  });

  it("exits 2 for a journal without events", async () => {
    writeFileSync(join(dir, "empty.jsonl"), "\n");
    const r = await xdc(["report", "empty.jsonl"], { cwd: dir });
    expect(r).to.deep.include({ code: 2, stderr: "xdc report: empty.jsonl: the journal holds no events\n" });
  });

  it("exits 2 when the journal cannot be read", async () => {
    const r = await xdc(["report", "missing.jsonl"], { cwd: dir });
    expect(r).to.deep.include({ code: 2, stderr: "xdc report: missing.jsonl: cannot read it (ENOENT)\n" });
  });

  it("exits 3 when a report cannot be written", async () => {
    const r = await xdc(["report", journal, "--junit", join(dir, "no", "such", "dir", "junit.xml")], { cwd: dir });
    expect(r.code).to.equal(3);
    expect(r.stderr).to.match(/^xdc report: cannot write the reports: .*junit\.xml \(ENOENT\)\n$/);
  });
});
