import { scenarioAnnotations, workflowCommand, type Annotation } from "../report/annotations.js";
import { place } from "../report/model.js";
import { runLine, ScenarioCollector, scenarioLine, type RunLine } from "../report/stream.js";
import type { JournalEvent } from "../runtime/journal/events.js";

/**
 * What `xdc exec --format` prints (docs/cli.md): `human` (progress and a summary on stdout),
 * `json` (stdout holds only JSON lines, one per scenario as it ends and one for the run; the
 * human lines go to stderr, without the status line), `github` (the human output, and
 * workflow commands that annotate the .xdc lines a failed or undecided check is on).
 */
export const EXEC_FORMATS = ["human", "json", "github"] as const;
export type ExecFormat = (typeof EXEC_FORMATS)[number];

export interface ExecOutput {
  /** Where the human lines go (progress, summary, where the journal and reports are). */
  readonly human: (line: string) => void;
  /** Whether the human lines may keep a status line up to date: only on a terminal, and only on stdout. */
  readonly tty: boolean;
  /** Every journal event, as the run writes it. */
  event(e: JournalEvent): void;
  /** The run is over and its reports written (or not: `reports` undefined). */
  end(journal: string, reports: RunLine["reports"] | undefined): void;
}

/** GitHub keeps 10 annotations of each level per step and drops the rest without a word. */
export const MAX_ANNOTATIONS = 10;

export function execOutput(format: ExecFormat, out: (line: string) => void, err: (line: string) => void, tty: boolean): ExecOutput {
  const collector = new ScenarioCollector();
  let runEnd: Extract<JournalEvent, { kind: "run.end" }> | undefined;
  const remember = (e: JournalEvent) => {
    if (e.kind === "run.end") runEnd = e;
  };
  if (format === "json") {
    return {
      human: err,
      tty: false,
      event(e) {
        remember(e);
        const s = collector.add(e);
        if (s !== undefined) out(JSON.stringify(scenarioLine(s)));
      },
      end(journal, reports) {
        if (runEnd !== undefined) out(JSON.stringify(runLine(runEnd, journal, reports)));
      },
    };
  }
  if (format === "github") {
    const annotated = { error: 0, warning: 0 };
    const plain: Annotation[] = [];
    return {
      human: out,
      // CI logs: a status line would be rewritten in place, and an annotation printed under it.
      tty: false,
      event(e) {
        const s = collector.add(e);
        if (s === undefined) return;
        for (const a of scenarioAnnotations(s)) {
          if (annotated[a.level] >= MAX_ANNOTATIONS) plain.push(a);
          else {
            annotated[a.level]++;
            out(workflowCommand(a));
          }
        }
      },
      end() {
        if (plain.length === 0) return;
        out(`${plain.length} more not annotated (GitHub keeps ${MAX_ANNOTATIONS} errors and ${MAX_ANNOTATIONS} warnings per step):`);
        for (const a of plain) out(`  ${place(a.span) ?? ""}${a.span !== undefined ? ": " : ""}${a.level}: ${a.message}`);
      },
    };
  }
  return { human: out, tty, event: () => undefined, end: () => undefined };
}
