import { ContentTally, InputWindow, type ContentReport, type InputValues } from "../../data/content.js";
import type { TupleId } from "../../data/records.js";
import type { Tuple } from "../../drivers/exchange/types.js";
import type { TupleCheck } from "../world.js";

/** Input tuples kept per key for the checks that read them (`in.…`, running sums), at most. */
const INPUT_WINDOW = 65_536;

/**
 * The tuple checks (World.watchTuples) of one workload: what it keeps of each input tuple it
 * sends, and a tally per check and sink of the outputs that arrive. Memory: the tallies are
 * bounded; the input window holds only the attributes the checks read, of at most INPUT_WINDOW
 * tuples per key, and exists only when a check reads inputs.
 */
export class WorkloadContent {
  private readonly tallies = new Map<string, Map<string, ContentTally>>();
  private readonly bySink = new Map<string, ContentTally[]>();
  private readonly window: InputWindow | undefined;
  private readonly attributes: readonly string[];
  private readonly figures: readonly { readonly name: string; readonly of: (input: Tuple, id: TupleId) => number }[];

  constructor(checks: readonly TupleCheck[], sinks: readonly string[]) {
    const mine = checks.filter((c) => c.sink === undefined || sinks.includes(c.sink));
    for (const c of mine) {
      const perSink = new Map<string, ContentTally>();
      for (const s of c.sink === undefined ? sinks : [c.sink]) {
        const tally = new ContentTally(c.judge());
        perSink.set(s, tally);
        this.bySink.set(s, [...(this.bySink.get(s) ?? []), tally]);
      }
      this.tallies.set(c.id, perSink);
    }
    this.attributes = [...new Set(mine.flatMap((c) => c.inputAttributes))];
    this.figures = mine.flatMap((c) => (c.runningFigure ? [{ name: c.id, of: c.runningFigure() }] : []));
    this.window = this.attributes.length > 0 || this.figures.length > 0 ? new InputWindow([...this.attributes, ...this.figures.map((f) => f.name)], INPUT_WINDOW) : undefined;
  }

  /** Whether any check reads this workload's tuples at all. */
  get watching(): boolean {
    return this.tallies.size > 0;
  }

  /** A tuple the workload is about to send. */
  sending(tuple: Tuple, id: TupleId): void {
    if (!this.window) return;
    if (this.figures.length === 0) return this.window.put(id, tuple);
    // One record for every tuple: the window copies what it keeps.
    const scratch = this.scratch;
    for (const a of this.attributes) scratch[a] = tuple[a];
    for (const f of this.figures) scratch[f.name] = f.of(tuple, id);
    this.window.put(id, scratch);
  }

  private readonly scratch: Record<string, unknown> = {};

  /** What judges the workload's tuples as they arrive at a sink, or undefined when no check reads that sink. */
  arrivals(sink: string): ((tuple: Tuple, id: TupleId) => void) | undefined {
    const tallies = this.bySink.get(sink);
    if (!tallies) return undefined;
    const window = this.window;
    return (tuple, id) => {
      const input: InputValues | undefined = window?.get(id);
      for (const t of tallies) t.observe(tuple, id, input);
    };
  }

  report(check: string, sink: string): ContentReport | undefined {
    return this.tallies.get(check)?.get(sink)?.report();
  }
}
