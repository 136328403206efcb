import { encodeString, visible } from "../language/literals.js";
import type { Clock } from "../runtime/clock.js";
import type { JournalEvent } from "../runtime/journal/events.js";
import { formatCount, formatDuration } from "../text/numbers.js";
import { runPaint, type RunPaint, type Tone } from "./colour.js";

const seconds = (ms: number) => formatDuration(ms);

/** One plain line per event worth a person's attention; the rest stays in the journal. */
const LINES: { readonly [K in JournalEvent["kind"]]?: (e: Extract<JournalEvent, { kind: K }>) => string } = {
  "scenario.start": (e) => `scenario ${encodeString(e.scenario ?? "")} (${e.file})`,
  "phase.start": (e) => `  ${e.phase}`,
  "fault.applied": (e) => `    fault ${e.id}: ${e.summary ?? e.what}`,
  "fault.reverted": (e) => `    fault ${e.id} ${e.status}${e.problems.length ? `: ${e.problems.join("; ")}` : ""}`,
  failover: (e) => `    failover ${e.from} -> ${e.to}: RTO ${seconds(e.rtoMs)}, detected after ${seconds(e.detectionMs)}`,
  expect: (e) =>
    e.deferred === true
      ? `    recorded: ${e.source} (${e.actual}; judged over the repeats)`
      : `    ${e.ok ? "ok" : e.noData ? "NO DATA" : "FAILED"}: ${e.source}${e.ok ? "" : ` (expected ${e.expected}, got ${e.actual})`}`,
  log: (e) => `    log: ${e.message}`,
  "scenario.end": (e) => `  => ${e.verdict}${e.reason ? `: ${e.reason}` : ""}`,
};

/**
 * The line a person sees for an event, escaped and coloured, or undefined for one that stays in
 * the journal (also a log of the whole run, which was said on stderr once).
 */
export function eventLine(e: JournalEvent, paint: RunPaint): string | undefined {
  if (e.kind === "log" && e.scenario === undefined) return undefined;
  const show = LINES[e.kind] as ((x: JournalEvent) => string) | undefined;
  return show ? shownLine(show(e), paint, toneOf(e)) : undefined;
}

/**
 * Scenario text (names, messages, `else` texts) is shown as plan shows it: an escape sequence in
 * it must not rewrite the screen. The colour goes on after that, or its own escape sequences
 * would be shown as text.
 */
export function shownLine(text: string, paint: RunPaint, tone?: Tone): string {
  const shown = visible(text);
  return tone ? paint.tone(tone, shown) : shown;
}

/** A run's warnings and errors as a person sees them; info stays in the journal. */
export const logLine = (level: string, message: string, paint: RunPaint): string | undefined =>
  level === "info" ? undefined : shownLine(`    ${level}: ${message}`, paint, level === "error" ? "error" : undefined);

/** The outcome an event reports, for its colour; events that judge nothing have none. */
function toneOf(e: JournalEvent): Tone | undefined {
  if (e.kind === "expect") return e.deferred === true ? undefined : e.ok ? "pass" : e.noData ? "no-data" : "fail";
  if (e.kind === "scenario.end") return e.verdict;
  if (e.kind === "fault.reverted" && e.problems.length > 0) return "error";
  return undefined;
}

/**
 * The status line cut to the terminal's width less one column (writing into the last column
 * wraps on some terminals, and the next `\r` would then clear the wrong line). A width of 0
 * or none at all means the width is unknown (a pseudo-terminal under `script -qc` reports
 * 0): 120 columns are assumed then, as they are without a terminal size.
 */
export function fitStatus(line: string, columns: number | undefined): string {
  const width = columns === undefined || columns <= 0 ? 120 : columns;
  return line.slice(0, Math.max(width - 1, 1));
}

/**
 * What a person sees while a run goes on: plain lines (also when output is not a terminal),
 * and on a terminal one status line kept up to date underneath: phase, elapsed time, faults in
 * force and the live throughput at the sinks.
 */
export class Progress {
  private phase = "";
  private inForce: readonly string[] = [];
  private throughput: () => Record<string, number> = () => ({});
  private readonly timer: AbortController = new AbortController();
  private statusShown = false;

  constructor(
    private readonly clock: Clock,
    private readonly tty: boolean,
    private readonly out: (line: string) => void,
    private readonly paint: RunPaint = runPaint(false),
  ) {
    if (tty) void this.tick();
  }

  private async tick(): Promise<void> {
    while (!this.timer.signal.aborted) {
      await this.clock.sleep(500, this.timer.signal).catch(() => undefined);
      if (!this.timer.signal.aborted && this.phase) this.status();
    }
  }

  private status(): void {
    const rates = Object.entries(this.throughput()).map(([sink, r]) => `${sink} ${formatCount(r)}/s`).join(", ");
    const line = `[${this.phase} ${seconds(this.clock.now())}] faults: ${this.inForce.length ? this.inForce.join("; ") : "none"}${rates ? ` | ${rates}` : ""}`;
    process.stdout.write(`\r\x1b[2K${this.paint.dim(fitStatus(visible(line), process.stdout.columns))}`);
    this.statusShown = true;
  }

  private line(shown: string | undefined): void {
    if (shown === undefined) return;
    if (this.statusShown) process.stdout.write("\r\x1b[2K");
    this.statusShown = false;
    this.out(shown);
  }

  event(e: JournalEvent): void {
    if (e.kind === "phase.start") this.phase = e.phase;
    this.line(eventLine(e, this.paint));
  }

  /** A line of the run's own (`repeat 2 of 5`), between scenarios. */
  note(text: string): void {
    this.line(shownLine(text, this.paint));
  }

  faults(inForce: readonly string[]): void {
    this.inForce = inForce;
  }

  log(level: string, message: string): void {
    this.line(logLine(level, message, this.paint));
  }

  watch(throughput: () => Record<string, number>): void {
    this.throughput = throughput;
  }

  stop(): void {
    this.timer.abort();
    if (this.statusShown) process.stdout.write("\r\x1b[2K");
  }
}
