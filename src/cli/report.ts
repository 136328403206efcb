import type { Command } from "commander";
import type { CliCommand } from "./command.js";
import type { ReportOptions } from "./report-run.js";

/** `xdc report JOURNAL [--junit F] [--json F] [--html F]`: renders the reports of a recorded run (docs/reports.md). */
export const reportCommand: CliCommand = {
  name: "report",
  register(program: Command) {
    program
      .command("report")
      .summary("render the JUnit, JSON and HTML reports of a recorded run from its journal")
      .description(
        "Reads a journal that `xdc exec` wrote (JSON lines) and renders its reports again.\n" +
          "Without --junit, --json or --html it writes all three beside the journal as junit.xml, summary.json and report.html.",
      )
      .argument("<journal>", "the journal file, or - for stdin")
      .option("--junit <file>", "write the JUnit XML report to this file (- for stdout)")
      .option("--json <file>", "write the JSON summary to this file (- for stdout)")
      .option("--html <file>", "write the HTML report (self-contained, opens offline) to this file (- for stdout)")
      .addHelpText(
        "after",
        `
Exit codes:
  0  the reports were written
  2  usage error (two reports to stdout, a journal from stdin with no report named), or a journal that cannot be read (the message names its line)
  3  a report could not be written`,
      )
      .action(async (journal: string, opts: ReportOptions) => {
        const { runReport } = await import("./report-run.js");
        const { terminal } = await import("./io.js");
        process.exitCode = await runReport(journal, opts, {
          out: (l) => console.log(l),
          err: (l) => console.error(l),
          readStdin: terminal.readStdin,
          write: terminal.out,
        });
      });
  },
};
