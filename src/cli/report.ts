import { InvalidArgumentError, Option, type Command } from "commander";
import { JUNIT_CASES } from "../report/junit.js";
import type { CliCommand } from "./command.js";
import type { ReportOptions } from "./report-run.js";

/** The choices of --junit-cases, for exec and report alike. */
export const junitCasesOption = (): Option =>
  new Option("--junit-cases <form>", "JUnit test cases: one per expectation (classname = scenario) or one per scenario (classname = file)")
    .choices(JUNIT_CASES)
    .default("expectation");

/** Where --merge writes without --out. */
export const MERGE_OUT = "merged";

/** `xdc report JOURNAL | --merge DIR… | --history DIR`: renders the reports of recorded runs (docs/reports.md). */
export const reportCommand: CliCommand = {
  name: "report",
  register(program: Command) {
    program
      .command("report")
      .summary("render the JUnit, JSON and HTML reports of recorded runs: one journal, merged shards or repeats, or a history's trend")
      .description(
        "Reads a journal that `xdc exec` wrote (JSON lines) and renders its reports again.\n" +
          "Without --junit, --json or --html it writes all three beside the journal as junit.xml, summary.json and report.html.\n" +
          `With --merge it finds every journal.jsonl under the directories given (shards, repeats) and writes one set of reports for them all into --out (default ${MERGE_OUT}).\n` +
          "With --history it draws the trend page of a history directory (`xdc exec --history DIR`) into --html (default DIR/history.html).",
      )
      .argument("[journal]", "the journal file, or - for stdin (not with --merge or --history)")
      .option("--junit <file>", "write the JUnit XML report to this file (- for stdout)")
      .option("--json <file>", "write the JSON summary to this file (- for stdout)")
      .option("--html <file>", "write the HTML report (self-contained, opens offline) to this file (- for stdout)")
      .addOption(junitCasesOption())
      .option("--merge <dirs...>", "merge the runs of every journal.jsonl in or under these directories (or these journal files) into one report")
      .option("--out <dir>", `the directory the three reports go to when none of --junit, --json, --html is given (default: beside the journal; with --merge: ${MERGE_OUT})`, (v: string) => {
        if (v === "") throw new InvalidArgumentError("give a directory");
        return v;
      })
      .option("--history <dir>", "draw the trend of a history directory (pass/fail, RTO and RPO per scenario over time) as one HTML page")
      .addHelpText(
        "after",
        `
Exit codes:
  0  the reports were written
  2  usage error (two reports to stdout, a journal from stdin with no report named, a journal
     together with --merge or --history), or a journal or history record that cannot be read
     (the message names its file and line)
  3  a report could not be written`,
      )
      .action(async (journal: string | undefined, opts: ReportOptions) => {
        const { runReportCommand } = await import("./report-run.js");
        const { terminal } = await import("./io.js");
        process.exitCode = await runReportCommand(journal, opts, {
          out: (l) => console.log(l),
          err: (l) => console.error(l),
          readStdin: terminal.readStdin,
          write: terminal.out,
        });
      });
  },
};
