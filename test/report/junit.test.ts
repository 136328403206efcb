import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toJunit } from "../../src/report/junit.js";
import { buildRun } from "../../src/report/model.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { haveXmllint, xmllint } from "./xmllint.js";
import { failoverScenario, journalFixture, noDataScenario } from "../support/journal-fixture.js";

/** xmllint's verdict on a document against the JUnit schema Jenkins and GitLab read. */
async function validate(dir: string, xml: string): Promise<{ ok: boolean; output: string }> {
  const file = join(dir, `junit-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  const output = await xmllint(file);
  return { ok: output.includes(`${file} validates`), output };
}

describe("report: JUnit XML", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "xdc-junit-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const xml = toJunit(buildRun(journalFixture()));
  // What `xdc exec` writes for files without a scenario: the run's frame and why it judged nothing.
  const emptyRun: JournalEvent[] = [
    { t: 0, wall: "2026-11-23T10:00:00.000Z", kind: "run.start", version: 1, xdc: "0.1.0", seed: 7, environment: "sim", files: ["a.xdc", "b/c.xdc"] },
    { t: 1, wall: "2026-11-23T10:00:00.001Z", kind: "run.end", exitCode: 4, interrupted: false, verdicts: { pass: 0, fail: 0, error: 0, "no-data": 0 }, reason: "no scenario to run: a.xdc and b/c.xdc have none" },
  ];

  describe("against the schema (xmllint)", function () {
    before(function () {
      if (!haveXmllint()) this.skip(); // CI installs libxml2-utils (.ci/run)
    });

    it("a run with a failure, an error and a skipped scenario is valid", async () => {
      const result = await validate(dir, xml);
      expect(result.output).to.include("validates");
      expect(result.ok).to.equal(true);
    });

    it("stays valid when names and messages carry markup, control characters and CDATA ends", async () => {
      const nasty = 'a <b>&"\' ]]> \u0001\u0008 \uD800 end';
      const events = journalFixture({ scenarios: [failoverScenario({ name: nasty, file: `x/${nasty}.xdc` }), noDataScenario(nasty)] });
      const result = await validate(dir, toJunit(buildRun(events)));
      expect(result.output).to.include("validates");
    });

    it("an unfinished run's own error test case is valid too", async () => {
      const result = await validate(dir, toJunit(buildRun(journalFixture().filter((e) => e.kind !== "run.end"))));
      expect(result.output).to.include("validates");
      expect(result.ok).to.equal(true);
    });

    it("a run without any scenario is valid: an empty suite per file, the reason a property", async () => {
      const result = await validate(dir, toJunit(buildRun(emptyRun)));
      expect(result.output).to.include("validates");
      expect(result.ok).to.equal(true);
    });

    it("the schema rejects what Jenkins would: a test case without a name, a timestamp with a zone", async () => {
      const zoned = await validate(dir, xml.replace(/timestamp="([^"]*)"/, 'timestamp="$1.050Z"'));
      expect(zoned.ok).to.equal(false);
      expect(zoned.output).to.include("timestamp");
      const result = await validate(dir, xml.replace(/<testcase name="[^"]*"/, "<testcase"));
      expect(result.ok).to.equal(false);
      expect(result.output).to.include("The attribute 'name' is required");
    });
  });

  it("has one suite per file, as the Ant schema wants it, with the run's properties and each scenario's figures", () => {
    expect(xml).to.match(/<testsuites>\n {2}<testsuite name="scenarios\/dc-partition.xdc" timestamp="2026-11-23T10:00:00" hostname="localhost" tests="6" failures="2" errors="1" skipped="1" time="[\d.]+" package="scenarios.dc-partition" id="0">/);
    expect(xml).to.include('<property name="seed" value="20261123"/>');
    expect(xml).to.include('<property name="environment" value="sim"/>');
    expect(xml).to.match(/<property name="DC1 partition fails over to DC2 within 45s: RTO" value="[\d.]+s"\/>/);
    expect(xml).to.match(/<property name="DC1 partition fails over to DC2 within 45s: RPO" value="[\d.]+s"\/>/);
  });

  it("names the machine that ran the journal, when it says", () => {
    const events = journalFixture().map((e) => (e.kind === "run.start" ? { ...e, host: "ci-runner-7" } : e));
    expect(toJunit(buildRun(events))).to.include('hostname="ci-runner-7"');
  });

  describe("one test case per expectation (the default)", () => {
    it("classes each expectation by its scenario and fails exactly the ones that failed, at their line", () => {
      expect(xml).to.match(/<testcase name="expect fo.rto &lt;= 45s \(line 27\)" classname="DC1 partition fails over to DC2 within 45s" time="0"\/>/);
      expect(xml).to.match(/<testcase name="expect lost\(load, app.Results\) &lt;= 0.1% \(line 28\)" classname="DC1 partition fails over to DC2 within 45s" time="0">\s*<failure message="scenarios\/dc-partition.xdc:28:5: FAIL expect lost\(load, app.Results\) &lt;= 0.1%: expected &lt;= 0.1%, actual [^"]*" type="assertion">/);
      expect(xml).to.match(/<testcase name="expect duplicates\(load, app.Results\) == 0 \(line 29\)"[^>]*>\s*<failure message="scenarios\/dc-partition.xdc:29:5: FAIL/);
    });

    it("skips an expectation with nothing to judge, with the reason as its message", () => {
      expect(xml).to.match(/<testcase name="expect lost\(idle, app.Results\) &lt;= 0.1% \(line 46\)" classname="standby keeps up when nothing is sent" time="0">\s*<skipped message="no data: scenarios\/dc-partition.xdc:46:5: NO-DATA [^"]*the workload sent no tuples/);
    });

    it("adds a (scenario) case for a scenario whose expectations do not tell its verdict: an error", () => {
      expect(xml).to.match(/<testcase name="\(scenario\)" classname="rolling restart keeps the standby warm" time="[\d.]+">\s*<error message="scenarios\/dc-partition.xdc:57:5: environment: dc2: the Streams REST API refused the connection" type="environment">/);
      // …and not for scenarios their expectations explain
      expect(xml.match(/name="\(scenario\)"/g)).to.have.length(1);
    });

    it("keeps each scenario's account in the suite's system-out, the only place the schema allows it", () => {
      expect(xml).to.match(/<system-out><!\[CDATA\[scenario: DC1 partition fails over to DC2 within 45s \(scenarios\/dc-partition.xdc\)\nverdict: fail/);
      expect(xml).to.match(/<\/system-out>\n {4}<system-err\/>\n {2}<\/testsuite>/);
      expect(xml).to.not.match(/<testcase[^>]*>\s*<system-out>/);
    });
  });

  describe("one test case per scenario (--junit-cases scenario)", () => {
    const scen = toJunit(buildRun(journalFixture()), "scenario");
    it("classes scenarios by file and fails a scenario with the file:line of its first failed expectation", () => {
      expect(scen).to.match(/<testcase name="DC1 partition fails over to DC2 within 45s" classname="scenarios.dc-partition" time="[\d.]+">\s*<failure message="scenarios\/dc-partition.xdc:28:5: FAIL expect lost\(load, app.Results\) &lt;= 0.1%: expected &lt;= 0.1%, actual [^"]* \(and 1 more\)" type="assertion">/);
      expect(scen).to.include("scenarios/dc-partition.xdc:29:5: FAIL expect duplicates(load, app.Results) == 0");
      expect(scen).to.match(/ tests="3" failures="1" errors="1" skipped="1"/);
    });

    it("reports a harness problem as an error typed by its class, and no data as skipped with the reason", () => {
      expect(scen).to.include('<error message="scenarios/dc-partition.xdc:57:5: environment: dc2: the Streams REST API refused the connection" type="environment">');
      expect(scen).to.match(/<testcase name="standby keeps up when nothing is sent"[^>]*>\s*<skipped message="no data: scenarios\/dc-partition.xdc:40:1: the workload sent no tuples/);
    });

    it("is valid against the schema too", async function () {
      if (!haveXmllint()) this.skip();
      expect((await validate(dir, scen)).output).to.include("validates");
    });
  });

  it("says why a run without a scenario judged nothing, and invents no test case for it", () => {
    const empty = toJunit(buildRun(emptyRun));
    expect(empty).to.match(/<testsuites>/);
    expect(empty.match(/<testsuite name="([^"]*)"[^>]* tests="0"/g)?.map((m) => m.replace(/^<testsuite name="([^"]*)".*$/, "$1"))).to.deep.equal(["a.xdc", "b/c.xdc"]);
    expect(empty.match(/<property name="reason" value="no scenario to run: a.xdc and b\/c.xdc have none"\/>/g)).to.have.length(2);
    expect(empty).to.not.include("<testcase");
  });

  it("gives an unfinished run a failing case of its own, first", () => {
    const unfinished = toJunit(buildRun(journalFixture().filter((e) => e.kind !== "run.end")));
    expect(unfinished).to.match(/<testsuites>\n {2}<testsuite name="xdc run"[^>]* tests="1" failures="0" errors="1"[^>]* id="0">[\s\S]*?<testcase name="the run" classname="xdc" time="0">\s*<error message="unfinished run: /);
  });
});
