import { expect } from "chai";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RunLine, ScenarioLine } from "../../src/report/stream.js";
import { xdc, type Run } from "../cli/spawn.js";
import { EXAMPLES, readJsonLines } from "./live-helpers.js";
import { haveXmllint, xmllint } from "../report/xmllint.js";

/**
 * `xdc exec --format json` and `--format github` on the twin, as a pipeline runs them: the
 * partition example with an RTO no failover can meet, so one expectation fails at a known line.
 */
describe("xdc exec --format json | github (built CLI, twin)", function () {
  this.timeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "xdc-exec-format-"));
  let json: Run;
  let github: Run;
  before(async () => {
    cpSync(join(EXAMPLES, "apps"), join(dir, "apps"), { recursive: true });
    const text = readFileSync(join(EXAMPLES, "partition.xdc"), "utf8");
    const changed = text.replace("expect fo.rto <= 45s", "expect fo.rto <= 1ms");
    expect(changed).to.not.equal(text);
    writeFileSync(join(dir, "partition.xdc"), changed);
    const run = (format: string, ...more: string[]) => xdc(["exec", "partition.xdc", "--format", format, "--out", `out-${format}`, "--ledger", `ledger-${format}.jsonl`, ...more], { cwd: dir });
    [json, github] = await Promise.all([run("json", "--junit-cases", "scenario"), run("github")]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("json: stdout holds only JSON lines, a scenario line when it ends and a run line last; the human lines go to stderr", () => {
    expect(json.code, json.stderr).to.equal(1);
    const lines = json.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as ScenarioLine | RunLine);
    expect(lines.map((l) => [l.version, l.kind])).to.deep.equal([
      [1, "scenario"],
      [1, "run"],
    ]);
    const scenario = lines[0] as ScenarioLine;
    expect(scenario).to.include({ file: "partition.xdc", verdict: "fail" });
    expect(scenario.figures.rtoMs).to.be.a("number");
    const failed = scenario.expectations.filter((x) => x.verdict === "fail");
    expect(failed.map((x) => [x.source, x.location])).to.deep.equal([['expect fo.rto <= 1ms else "dc2 took too long to take over"', "partition.xdc:43:5"]]);
    expect(lines[1]).to.deep.include({ kind: "run", verdict: "fail", exitCode: 1, interrupted: false, journal: "out-json/journal.jsonl", reports: { junit: "out-json/junit.xml", json: "out-json/summary.json", html: "out-json/report.html" } });
    expect(json.stderr).to.match(/^ {2}FAIL +/m);
    expect(json.stderr).to.include("journal: out-json/journal.jsonl");
  });

  it("github: the human output, and an ::error annotation at the line and column of each failed expect", () => {
    expect(github.code, github.stderr).to.equal(1);
    expect(github.stdout).to.match(/^ {2}FAIL +/m);
    const annotations = github.stdout.split("\n").filter((l) => l.startsWith("::"));
    // one per failed expectation the journal has (on this loaded machine a throughput check may fail too), none for the passed
    const failed = readJsonLines<{ kind: string; ok?: boolean; noData?: boolean; span?: { line: number } }>(join(dir, "out-github", "journal.jsonl")).filter((e) => e.kind === "expect" && e.ok === false);
    expect(annotations.map((a) => /line=(\d+)/.exec(a)?.[1])).to.deep.equal(failed.map((e) => String(e.span!.line)));
    expect(annotations.find((a) => a.includes("line=43"))).to.match(/^::error file=partition\.xdc,line=43,col=5,endLine=43,endColumn=\d+,title=xdc%3A failed in [^:]+::expect fo\.rto <= 1ms else "dc2 took too long to take over": expected <= 1ms, actual [\d.,]+ ?(?:µs|ms|s|min) \(dc2 took too long to take over\)$/);
  });

  it("junit.xml: one case per expectation, the failed one failing, valid against the Ant schema", async function () {
    const junit = readFileSync(join(dir, "out-github", "junit.xml"), "utf8");
    expect(junit).to.match(/<testcase name="expect fo.rto &lt;= 1ms else &quot;dc2 took too long to take over&quot; \(line 43\)" classname="[^"]+" time="0">\s*<failure message="partition.xdc:43:5: FAIL/);
    expect(junit).to.match(/<testcase name="expect ordered\(app.Results, by: &quot;seq&quot;\) \(line 45\)" classname="[^"]+" time="0"\/>/);
    expect(junit).to.match(/hostname="[^"]+"/);
    // an expectation evaluated twice is two cases, told apart
    expect(junit).to.match(/<testcase name="expect throughput\(app.Results, over: 2s\) &gt;= 100\/s \(line 32\)"/);
    expect(junit).to.match(/<testcase name="expect throughput\(app.Results, over: 2s\) &gt;= 100\/s \(line 32, #2\)"/);
    if (!haveXmllint()) this.skip();
    expect(await xmllint(join(dir, "out-github", "junit.xml"))).to.include("validates");
  });

  it("--junit-cases scenario: junit.xml has one case per scenario, failing with its failed expectation", () => {
    const junit = readFileSync(join(dir, "out-json", "junit.xml"), "utf8");
    expect(junit.match(/<testcase /g)).to.have.length(1);
    expect(junit).to.match(/<testcase name="DC1 partition fails over to DC2 within 45s" classname="partition" time="[\d.]+">\s*<failure message="partition.xdc:43:5: FAIL/);
  });
});
