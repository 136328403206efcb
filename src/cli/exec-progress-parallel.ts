import type { Clock } from "../runtime/clock.js";
import type { JournalEvent } from "../runtime/journal/events.js";
import { runPaint, type RunPaint } from "./colour.js";
import { eventLine, fitStatus, logLine, shownLine } from "./exec-progress.js";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** What one scenario under way reports to: its lines, its faults, its live throughput. */
export interface ScenarioView {
  event(e: JournalEvent): void;
  faults(inForce: readonly string[]): void;
  log(level: string, message: string): void;
  watch(throughput: () => Record<string, number>): void;
}

interface Running {
  readonly label: string;
  readonly started: number;
  readonly lines: string[];
  phase: string;
  inForce: readonly string[];
  throughput: () => Record<string, number>;
}

/**
 * The progress of scenarios running side by side (`xdc exec --jobs N`). Each scenario's lines
 * are kept until it ends and then printed as one block, so a CI log reads scenario by scenario,
 * never line by line interleaved. On a terminal, underneath the finished blocks, one status line
 * per running scenario (its phase, time, faults in force, throughput) is redrawn every half second.
 */
export class ParallelProgress {
  private readonly running = new Set<Running>();
  private readonly timer = new AbortController();
  /** How many status lines are on the screen below the last block. */
  private shown = 0;

  constructor(
    private readonly clock: Clock,
    private readonly tty: boolean,
    private readonly out: (line: string) => void,
    private readonly paint: RunPaint = runPaint(false),
    private readonly write: (text: string) => void = (t) => void process.stdout.write(t),
    private readonly columns: () => number | undefined = () => process.stdout.columns,
  ) {
    if (tty) void this.tick();
  }

  private async tick(): Promise<void> {
    while (!this.timer.signal.aborted) {
      await this.clock.sleep(500, this.timer.signal).catch(() => undefined);
      if (!this.timer.signal.aborted) this.redraw([]);
    }
  }

  /** Clears the status lines, prints `lines` where they were, and draws the status lines again below. */
  private redraw(lines: readonly string[]): void {
    if (this.tty && this.shown > 0) this.write(`\x1b[${this.shown}F\x1b[J`);
    this.shown = 0;
    for (const l of lines) this.out(l);
    if (!this.tty || this.timer.signal.aborted) return;
    for (const r of this.running) {
      const rates = Object.entries(r.throughput()).map(([sink, rate]) => `${sink} ${Math.round(rate)}/s`).join(", ");
      const line = `[${r.label} ${r.phase || "starting"} ${seconds(this.clock.now() - r.started)}] faults: ${r.inForce.length ? r.inForce.join("; ") : "none"}${rates ? ` | ${rates}` : ""}`;
      this.write(`${this.paint.dim(fitStatus(shownLine(line, runPaint(false)), this.columns()))}\n`);
      this.shown++;
    }
  }

  /** A scenario starts: its view, and the function that prints its block once it has ended. */
  open(label: string, header?: string): { readonly view: ScenarioView; readonly close: () => void } {
    const r: Running = { label, started: this.clock.now(), lines: header === undefined ? [] : [shownLine(header, this.paint)], phase: "", inForce: [], throughput: () => ({}) };
    this.running.add(r);
    const add = (line: string | undefined) => void (line !== undefined && r.lines.push(line));
    const view: ScenarioView = {
      event: (e) => {
        if (e.kind === "phase.start") r.phase = e.phase;
        add(eventLine(e, this.paint));
      },
      faults: (f) => void (r.inForce = f),
      log: (level, message) => add(logLine(level, message, this.paint)),
      watch: (t) => void (r.throughput = t),
    };
    return {
      view,
      close: () => {
        this.running.delete(r);
        this.redraw(r.lines);
      },
    };
  }

  /** A line of the run's own, outside any scenario's block. */
  note(text: string): void {
    this.redraw([shownLine(text, this.paint)]);
  }

  stop(): void {
    this.timer.abort();
    this.redraw([]);
  }
}
