import junitModule, { type Builder } from "junit-report-builder";
import type { RunReport, ScenarioReport } from "./model.js";
import { figureList, problemLine, scenarioText } from "./text.js";

// junit-report-builder's types declare a default export its CommonJS module does not have.
const junit = junitModule as unknown as Builder;

/**
 * JUnit XML as Jenkins and GitLab read it: one <testsuite> per .xdc file, one <testcase> per
 * scenario. A failed expectation is a <failure> whose message starts with the file:line of
 * the `expect`; a harness problem is an <error> typed by its class (environment, timeout…);
 * a scenario with nothing to judge is <skipped>, its reason in <system-out> (the builder
 * writes <skipped/> without a message). Run facts (seed, environment) and each scenario's
 * figures are suite properties, since the schema allows properties only on suites.
 */
export function toJunit(run: RunReport): string {
  const builder = junit.newBuilder().name(xml(`xdc ${run.environment}`));
  if (run.unfinished && run.reason !== undefined) addRunError(builder, run, run.reason);
  for (const [file, scenarios] of byFile(run.scenarios)) {
    const suite = builder
      .testSuite()
      .name(xml(file))
      .timestamp(xml(scenarios[0]!.startWall))
      .time(seconds(scenarios.reduce((sum, s) => sum + s.durationMs, 0)));
    if (run.seed !== undefined) suite.property("seed", String(run.seed));
    suite.property("environment", xml(run.environment));
    suite.property("xdc", xml(run.xdc));
    for (const s of scenarios) for (const f of figureList(s.figures)) suite.property(xml(`${s.name}: ${f.label}`), f.value);
    for (const s of scenarios) addCase(suite.testCase(), s);
  }
  if (run.scenarios.length === 0) emptySuites(builder, run);
  return withoutRootSkipped(builder.build());
}

/**
 * A run without a scenario still says what it read and why nothing was judged: one empty
 * suite per file (tests="0"), its `reason` a property. No test case is invented for it, so a
 * CI that refuses empty results still does.
 */
function emptySuites(builder: Builder, run: RunReport): void {
  for (const file of run.files.length > 0 ? run.files : ["xdc"]) {
    const suite = builder.testSuite().name(xml(file)).timestamp(run.startWall).time(0);
    if (run.seed !== undefined) suite.property("seed", String(run.seed));
    suite.property("environment", xml(run.environment));
    suite.property("xdc", xml(run.xdc));
    suite.property("reason", xml(run.reason ?? (run.interrupted ? "interrupted before any scenario ran" : "no scenario ran")));
  }
}

/**
 * The builder counts skipped cases on <testsuites> too, an attribute the Jenkins schema
 * (junit-10.xsd, which the xunit plugin validates against) does not allow there; the
 * count stays on each <testsuite>, where it is allowed and where readers take it from.
 */
const withoutRootSkipped = (xmlText: string): string => xmlText.replace(/^(<\?xml[^>]*>\s*<testsuites\b[^>]*?) skipped="\d+"/, "$1");

/** Whole milliseconds as seconds: never an exponent, which the schema's time pattern refuses. */
const seconds = (ms: number): number => Math.round(ms) / 1000;

/**
 * A run that did not end has no scenario to blame, and CI counts only test cases: without one
 * of its own, a run killed after its scenarios passed would count as green.
 */
function addRunError(builder: Builder, run: RunReport, reason: string): void {
  const suite = builder.testSuite().name("xdc run").timestamp(xml(run.startWall)).time(0);
  suite.testCase().name("the run").className("xdc").time(0).error(xml(reason), "unfinished");
}

type Case = ReturnType<ReturnType<Builder["testSuite"]>["testCase"]>;

const OUTCOME: Record<ScenarioReport["verdict"], (c: Case, s: ScenarioReport) => void> = {
  pass: (c, s) => c.standardOutput(cdata(scenarioText(s))),
  fail: (c, s) => c.failure(xml(problemLine(s)), "assertion").stacktrace(cdata(scenarioText(s))),
  error: (c, s) => c.error(xml(problemLine(s)), s.errorClass ?? "internal", cdata(scenarioText(s))),
  "no-data": (c, s) => c.skipped().standardOutput(cdata(`skipped, no data: ${problemLine(s)}\n${scenarioText(s)}`)),
};

function addCase(c: Case, s: ScenarioReport): void {
  c.name(xml(s.name)).className(classname(s.file)).time(seconds(s.durationMs));
  OUTCOME[s.verdict](c, s);
}

function byFile(scenarios: readonly ScenarioReport[]): Map<string, ScenarioReport[]> {
  const files = new Map<string, ScenarioReport[]>();
  for (const s of scenarios) files.set(s.file, [...(files.get(s.file) ?? []), s]);
  return files;
}

/** Jenkins groups test cases by a dotted class name: `scenarios/dc-partition.xdc` → `scenarios.dc-partition`. */
const classname = (file: string): string => xml(file.replace(/\.xdc$/, "").replace(/^\.?\/+/, "").replace(/[\\/]+/g, "."));

// XML 1.0 forbids most control characters even as references; xmlbuilder throws on them.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xml = (text: string): string => text.replace(NOT_XML, "\uFFFD");
/** CDATA cannot hold its own terminator; split it so the text reads the same. */
const cdata = (text: string): string => xml(text).replaceAll("]]>", "]] >");
