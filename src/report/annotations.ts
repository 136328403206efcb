import { escapeData, escapeProperty } from "../language/render/github.js";
import type { JournalSpan } from "../runtime/journal/events.js";
import type { ScenarioReport } from "./model.js";

/**
 * `xdc exec --format github`: GitHub Actions workflow commands that put a run's verdicts on
 * the lines of the .xdc files, in the pull request's diff and the run's summary. A failed
 * expectation is an `::error` at its `expect`; an expectation with nothing to judge is a
 * `::warning` there; a scenario that ended in error is an `::error` at the statement that
 * stopped it (or at the scenario). Paths are as the run was given them: run xdc from the
 * repository's root for GitHub to find the files.
 */
export interface Annotation {
  readonly level: "error" | "warning";
  readonly span?: JournalSpan;
  readonly title: string;
  readonly message: string;
}

export function scenarioAnnotations(s: ScenarioReport): Annotation[] {
  const mine: Annotation[] = s.expectations.flatMap((x): Annotation[] => {
    if (x.verdict === "pass") return [];
    const level = x.verdict === "no-data" ? "warning" : "error";
    const message = `${x.source}: expected ${x.expected}, actual ${x.actual}${x.message !== undefined ? ` (${x.message})` : ""}`;
    return [{ level, ...(x.span !== undefined ? { span: x.span } : {}), title: `xdc: ${x.verdict === "no-data" ? "no data" : "failed"} in ${s.name}`, message }];
  });
  // A verdict its expectations do not explain (an error, or no data without an undecided check) is said at the scenario.
  const told = mine.some((a) => (s.verdict === "no-data" ? a.level === "warning" : a.level === "error"));
  if ((s.verdict === "error" || s.verdict === "no-data" || s.verdict === "fail") && !told) {
    const span = s.endSpan ?? s.span;
    mine.push({
      level: s.verdict === "no-data" ? "warning" : "error",
      ...(span !== undefined ? { span } : {}),
      title: `xdc: ${s.verdict === "no-data" ? "no data" : s.verdict} in ${s.name}`,
      message: `${s.errorClass !== undefined ? `${s.errorClass}: ` : ""}${s.reason ?? s.verdict}`,
    });
  }
  return mine;
}

/** One workflow command: `::error file=F,line=L,col=C,endLine=…,endColumn=…,title=T::MESSAGE`. */
export function workflowCommand(a: Annotation): string {
  const where = a.span !== undefined ? [`file=${escapeProperty(a.span.file)}`, `line=${a.span.line}`, `col=${a.span.column}`, `endLine=${a.span.endLine}`, `endColumn=${a.span.endColumn}`] : [];
  return `::${a.level} ${[...where, `title=${escapeProperty(a.title)}`].join(",")}::${escapeData(a.message)}`;
}
