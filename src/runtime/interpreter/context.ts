import type { CheckedProgram, CheckedScenario } from "../../language/program.js";
import type { Binding } from "../../language/program.js";
import type { Clock } from "../clock.js";
import type { Phase } from "../journal/events.js";
import type { JournalSink } from "../journal/sink.js";
import type { RuntimeValue } from "../value.js";
import type { World } from "../world.js";
import type { Activities } from "./activities.js";
import type { FaultBook, UserFault } from "./faults.js";
import type { SeriesBook } from "./series.js";

/** Names and their values: bindings are unique per declaration, so a lookup walks up by identity. */
export class Env {
  private readonly vars = new Map<Binding, RuntimeValue>();
  constructor(private readonly parent?: Env) {}
  set(b: Binding, v: RuntimeValue): void {
    this.vars.set(b, v);
  }
  get(b: Binding): RuntimeValue | undefined {
    return this.vars.get(b) ?? this.parent?.get(b);
  }
  child(): Env {
    return new Env(this);
  }
}


/** What a scenario's whole run shares. */
export interface Run {
  readonly program: CheckedProgram;
  readonly scenario: CheckedScenario;
  readonly clock: Clock;
  readonly world: World;
  readonly journal: JournalSink;
  readonly faults: FaultBook;
  /** Aborted on timeout, interrupt, or a failure in the background. */
  readonly signal: AbortSignal;
  /** For reverting faults and teardown after `signal` aborted. */
  readonly cleanupSignal: AbortSignal;
  readonly stop: (reason: unknown) => void;
  /** How often a condition of `await` / `after` is looked at, in ms. */
  readonly pollMs: number;
  readonly seed: number;
  /** The directory of the scenario file, for bundles and files. */
  readonly baseDir: string;
  /** A file's text, for quoting statements in the journal. */
  readonly source: (file: string) => string | undefined;
  /** `f1`, `w1`, …: unique ids per kind. */
  readonly nextId: (prefix: string) => string;
  /** The plan's rules instead of live ones: see docs/language.md, "How a scenario runs". */
  readonly planning: boolean;
  /** One of several repeats: checks over repeats are deferred to the judgement after the last (expect.ts). */
  readonly repeated: boolean;
  /** Each workload's end, by id: what `after load:` waits for. */
  readonly workloads: Map<string, Promise<void>>;
  /** Headline figures for the journal's `scenario.end`. */
  readonly figures: { rtoMs?: number; detectionMs?: number };
  phase: Phase;
  /** When the current phase began: a measurement window (`throughput(…, over: D)`) never reaches back before it. */
  phaseStartMs: number;
  /** When each phase began, in order: the windows `failovers(…, during: PHASE)` counts in. */
  readonly phaseStarts: { readonly phase: Phase; readonly atMs: number }[];
  /** The series sampled so far, and the `throughout` checks that follow them. */
  readonly series: SeriesBook;
  /** The verdicts of the expectations so far, by phase. */
  readonly outcomes: { phase: Phase; verdict: "pass" | "fail" | "no-data" }[];
}

/** Where statements run: their names, their timeline's origin, their signal, their background. */
export interface Frame {
  readonly run: Run;
  readonly env: Env;
  /** Clock time at which this timeline started: `at T` means origin + T. */
  readonly origin: number;
  readonly signal: AbortSignal;
  readonly activities: Activities;
  /** The user fault whose body this is: faults applied here are its parts. */
  readonly owner?: UserFault;
  /** The scenario's own `let`s, outside every block: a series declared here lasts the whole run. */
  readonly scenarioLevel?: true;
  /** While `expect … throughout` judges one sample: each series it follows (by id) read as that moment's sample. */
  readonly pointwise?: ReadonlyMap<string, RuntimeValue>;
  /** The name of the `let` whose value is being evaluated (`let load = inject(…)`): a workload started by it is named so in every report. */
  readonly binding?: string;
}
