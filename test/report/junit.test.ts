import { expect } from "chai";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { toJunit } from "../../src/report/junit.js";
import { buildRun } from "../../src/report/model.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { failoverScenario, journalFixture, noDataScenario } from "../support/journal-fixture.js";

const XSD = fileURLToPath(new URL("./junit.xsd", import.meta.url));
const XMLLINT = "/usr/bin/xmllint";

/** xmllint's verdict on a document against the JUnit schema Jenkins and GitLab read. */
function validate(dir: string, xml: string): Promise<{ ok: boolean; output: string }> {
  const file = join(dir, `junit-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  return new Promise((resolve) =>
    execFile(XMLLINT, ["--noout", "--schema", XSD, file], (error, stdout, stderr) => resolve({ ok: error === null, output: `${stdout}${stderr}` })),
  );
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
      if (!existsSync(XMLLINT)) this.skip(); // CI installs libxml2-utils (.ci/run)
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

    it("the schema rejects what Jenkins would: a test case without a name", async () => {
      const result = await validate(dir, xml.replace(/<testcase name="[^"]*"/, "<testcase"));
      expect(result.ok).to.equal(false);
      expect(result.output).to.include("The attribute 'name' is required");
    });
  });

  it("has one suite per file with the run's properties and each scenario's figures", () => {
    expect(xml).to.match(/<testsuite name="scenarios\/dc-partition.xdc" timestamp="2026-11-23T10:00:00.050Z" time="[\d.]+" tests="3" failures="1" errors="1" skipped="1">/);
    expect(xml).to.include('<property name="seed" value="20261123"/>');
    expect(xml).to.include('<property name="environment" value="sim"/>');
    expect(xml).to.match(/<property name="DC1 partition fails over to DC2 within 45s: RTO" value="[\d.]+ s"\/>/);
    expect(xml).to.match(/<property name="DC1 partition fails over to DC2 within 45s: RPO" value="[\d.]+ (s|ms)"\/>/);
  });

  it("fails a scenario with the file:line of its first failed expectation", () => {
    expect(xml).to.match(/<testcase name="DC1 partition fails over to DC2 within 45s" classname="scenarios.dc-partition" time="[\d.]+">\s*<failure message="scenarios\/dc-partition.xdc:28:5: FAIL expect lost\(load, app.Results\) &lt;= 0.1%: expected &lt;= 0.1%, actual [^"]* \(and 1 more\)" type="assertion">/);
    expect(xml).to.include("scenarios/dc-partition.xdc:29:5: FAIL expect duplicates(load, app.Results) == 0");
  });

  it("reports a harness problem as an error typed by its class, and no data as skipped with the reason", () => {
    expect(xml).to.include('<error message="scenarios/dc-partition.xdc:57:5: environment: dc2: the Streams REST API refused the connection" type="environment">');
    expect(xml).to.match(/<testcase name="standby keeps up when nothing is sent"[^>]*>\s*<skipped\/>\s*<system-out><!\[CDATA\[skipped, no data: scenarios\/dc-partition.xdc:40:1: the workload sent no tuples/);
  });

  it("says why a run without a scenario judged nothing, and invents no test case for it", () => {
    const empty = toJunit(buildRun(emptyRun));
    expect(empty).to.match(/<testsuites name="xdc sim" tests="0" failures="0" errors="0">/);
    expect(empty.match(/<testsuite name="([^"]*)"[^>]* tests="0"/g)?.map((m) => m.replace(/^<testsuite name="([^"]*)".*$/, "$1"))).to.deep.equal(["a.xdc", "b/c.xdc"]);
    expect(empty.match(/<property name="reason" value="no scenario to run: a.xdc and b\/c.xdc have none"\/>/g)).to.have.length(2);
    expect(empty).to.not.include("<testcase");
  });

  it("does not count skipped cases on <testsuites>, which the schema does not allow", () => {
    expect(xml).to.match(/<testsuites name="xdc sim" tests="3" failures="1" errors="1">/);
  });
});
