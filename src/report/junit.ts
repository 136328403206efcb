import type { Verdict } from "../runtime/journal/events.js";
import { type Expectation, type RunReport, type ScenarioReport } from "./model.js";
import { expectationLine, figureList, problemLine, scenarioText } from "./text.js";
import { worst } from "./verdict.js";
import { el, xmlDocument, type XmlElement } from "./xml.js";

/**
 * JUnit XML valid against the Apache Ant schema that Jenkins and GitLab read (docs/reports.md,
 * test/report/junit.xsd): one <testsuite> per .xdc file, and in it one <testcase> per
 * expectation (`expectation`, the default: a CI's test view names the check that failed) or
 * one per scenario (`scenario`). The schema allows output only on suites and properties only
 * on suites, so each scenario's figures are suite properties and its account (figures and
 * every expectation) is the suite's <system-out>.
 */
export type JunitCases = "expectation" | "scenario";
export const JUNIT_CASES: readonly JunitCases[] = ["expectation", "scenario"];

/** The name of the test case that stands for a scenario as a whole, when its expectations do not tell its verdict. */
export const SCENARIO_CASE = "(scenario)";

interface Case {
  readonly name: string;
  readonly classname: string;
  readonly seconds: number;
  readonly verdict: Verdict;
  readonly outcome?: XmlElement;
}

export function toJunit(run: RunReport, cases: JunitCases = "expectation"): string {
  const suites: { name: string; startWall: string; seconds: number; properties: [string, string][]; cases: Case[]; out: string }[] = [];
  // A run that did not end has no scenario to blame, and CI counts only test cases: without one
  // of its own, a run killed after its scenarios passed would count as green.
  if (run.unfinished && run.reason !== undefined) {
    const error = el("error", { message: run.reason, type: "unfinished" });
    suites.push({ name: "xdc run", startWall: run.startWall, seconds: 0, properties: runProperties(run), cases: [{ name: "the run", classname: "xdc", seconds: 0, verdict: "error", outcome: error }], out: run.reason });
  }
  const label = runLabels(run.scenarios);
  for (const [file, scenarios] of byFile(run.scenarios)) {
    suites.push({
      name: file,
      startWall: scenarios[0]!.startWall,
      seconds: seconds(scenarios.reduce((sum, s) => sum + s.durationMs, 0)),
      properties: [...runProperties(run), ...scenarios.flatMap((s) => figureList(s.figures).map((f): [string, string] => [`${label(s)}: ${f.label}`, f.value]))],
      cases: scenarios.flatMap((s) => (cases === "scenario" ? [scenarioCase(s, classname(s.file), label(s))] : expectationCases(s, label(s)))),
      out: scenarios.map(scenarioText).join("\n\n"),
    });
  }
  // A run without a scenario still says what it read and why nothing was judged: one empty
  // suite per file (tests="0"), its `reason` a property. No test case is invented for it, so a
  // CI that refuses empty results still does.
  if (run.scenarios.length === 0) {
    const reason = run.reason ?? (run.interrupted ? "interrupted before any scenario ran" : "no scenario ran");
    for (const file of run.files.length > 0 ? run.files : ["xdc"]) suites.push({ name: file, startWall: run.startWall, seconds: 0, properties: [...runProperties(run), ["reason", reason]], cases: [], out: reason });
  }
  const hostname = run.host ?? "localhost";
  return xmlDocument(
    el(
      "testsuites",
      {},
      suites.map((s, id) => {
        const count = (v: Verdict) => s.cases.filter((c) => c.verdict === v).length;
        return el(
          "testsuite",
          { name: s.name, timestamp: timestamp(s.startWall), hostname, tests: s.cases.length, failures: count("fail"), errors: count("error"), skipped: count("no-data"), time: s.seconds, package: dotted(s.name), id },
          [
            el("properties", {}, s.properties.map(([name, value]) => el("property", { name, value }))),
            ...s.cases.map((c) => el("testcase", { name: c.name, classname: c.classname, time: c.seconds }, c.outcome !== undefined ? [c.outcome] : [])),
            el("system-out", {}, [], s.out),
            el("system-err"),
          ],
        );
      }),
    ),
  );
}

const runProperties = (run: RunReport): [string, string][] => [...(run.seed !== undefined ? [["seed", String(run.seed)] as [string, string]] : []), ["environment", run.environment], ["xdc", run.xdc]];

/** What a scenario's case holds for each verdict: the headline pointing at a line, the account as its text. */
const OUTCOME: Record<Verdict, (s: ScenarioReport) => XmlElement | undefined> = {
  pass: () => undefined,
  fail: (s) => el("failure", { message: problemLine(s), type: "assertion" }, [], scenarioText(s)),
  error: (s) => el("error", { message: problemLine(s), type: s.errorClass ?? "internal" }, [], scenarioText(s)),
  "no-data": (s) => el("skipped", { message: `no data: ${problemLine(s)}` }),
};

function scenarioCase(s: ScenarioReport, className: string, name: string): Case {
  const outcome = OUTCOME[s.verdict](s);
  return { name, classname: className, seconds: seconds(s.durationMs), verdict: s.verdict, ...(outcome !== undefined ? { outcome } : {}) };
}

const EXPECTATION_OUTCOME: Record<Expectation["verdict"], (x: Expectation, s: ScenarioReport) => XmlElement | undefined> = {
  pass: () => undefined,
  fail: (x, s) => el("failure", { message: expectationLine(x), type: "assertion" }, [], scenarioText(s)),
  error: (x, s) => el("error", { message: expectationLine(x), type: "internal" }, [], scenarioText(s)),
  "no-data": (x) => el("skipped", { message: `no data: ${expectationLine(x)}` }),
};

/**
 * One case per expectation, classed by its scenario. A scenario whose verdict its expectations
 * do not tell (an error, nothing evaluated, a verdict reached otherwise) also gets a case of
 * its own, named `(scenario)`, so the test view never shows green for a scenario that was not.
 */
function expectationCases(s: ScenarioReport, scenarioName: string): Case[] {
  const seen = new Map<string, number>();
  const mine = s.expectations.map((x): Case => {
    const outcome = EXPECTATION_OUTCOME[x.verdict](x, s);
    // An expectation evaluated again (in a loop, a `repeat`) is a case again, numbered: `(line 32, #2)`.
    const base = expectationName(x);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const name = n === 1 ? base : base.endsWith(")") ? `${base.slice(0, -1)}, #${n})` : `${base} #${n}`;
    return { name, classname: scenarioName, seconds: 0, verdict: x.verdict, ...(outcome !== undefined ? { outcome } : {}) };
  });
  const told = s.expectations.length > 0 && worst(s.expectations.map((x) => x.verdict)) === s.verdict;
  return told ? mine : [...mine, scenarioCase(s, scenarioName, SCENARIO_CASE)];
}

/**
 * A scenario's name, and for one that ran more than once in the report (repeats, merged runs)
 * which run: `partition [repeat-3]`, so CI keeps each run a test of its own.
 */
function runLabels(scenarios: readonly ScenarioReport[]): (s: ScenarioReport) => string {
  const key = (s: ScenarioReport) => JSON.stringify([s.file, s.name]);
  const total = new Map<string, number>();
  for (const s of scenarios) total.set(key(s), (total.get(key(s)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const labels = new Map<ScenarioReport, string>();
  for (const s of scenarios) {
    const n = (seen.get(key(s)) ?? 0) + 1;
    seen.set(key(s), n);
    labels.set(s, total.get(key(s))! > 1 ? `${s.name} [${s.source ?? `run ${n}`}]` : s.name);
  }
  return (s) => labels.get(s) ?? s.name;
}

/** `expect fo.rto <= 45s (line 12)`: the statement as written, and where, so two alike stay apart. */
const expectationName = (x: Expectation): string => (x.span !== undefined ? `${x.source} (line ${x.span.line})` : x.source);

function byFile(scenarios: readonly ScenarioReport[]): Map<string, ScenarioReport[]> {
  const files = new Map<string, ScenarioReport[]>();
  for (const s of scenarios) files.set(s.file, [...(files.get(s.file) ?? []), s]);
  return files;
}

/** Whole milliseconds as seconds: never an exponent, which the schema's decimal refuses. */
const seconds = (ms: number): number => Math.round(ms) / 1000;

/**
 * The schema's timestamp has no fraction and no zone (Ant writes local time); xdc writes the
 * UTC time, as every other date in its reports.
 */
function timestamp(wall: string): string {
  const d = new Date(wall);
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().slice(0, 19);
}

/** Jenkins groups test cases by a dotted name: `scenarios/dc-partition.xdc` → `scenarios.dc-partition`. */
export const dotted = (file: string): string => file.replace(/\.xdc$/, "").replace(/^\.?\/+/, "").replace(/[\\/]+/g, ".") || "xdc";
const classname = dotted;
