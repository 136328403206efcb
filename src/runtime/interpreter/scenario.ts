import { dirname } from "node:path";
import type * as A from "../../language/ast.js";
import type { CheckedProgram, CheckedScenario } from "../../language/program.js";
import type { Clock } from "../clock.js";
import type { Figures, Phase } from "../journal/events.js";
import { stamp, type EventSink, type JournalSink } from "../journal/sink.js";
import { combineAll, type Outcome } from "../verdict.js";
import type { World } from "../world.js";
import { Activities } from "./activities.js";
import { Env, type Frame, type Run } from "./context.js";
import { FaultBook } from "./faults.js";
import { Halt, haltError } from "./halt.js";
import { duration } from "./source.js";
import { SeriesBook } from "./series.js";
import { execBody, letStmt } from "./statements.js";
import { tupleChecks } from "./tuple-checks.js";

export interface RunOptions {
  readonly clock: Clock;
  readonly world: World;
  readonly journal: EventSink;
  /** Ctrl-C: stops the scenario; faults are reverted and teardown runs (under `cleanupSignal`). */
  readonly interrupt?: AbortSignal;
  /** Bounds the undoing and teardown that follow an end; a second Ctrl-C. Never aborted by default. */
  readonly cleanupSignal?: AbortSignal;
  /** How often `await` and `after` look at a condition; default 1000 ms. */
  readonly pollMs?: number;
  readonly seed?: number;
  /** A file's text, for quoting statements in the journal (the module host's `read`). */
  readonly source: (file: string) => string | undefined;
  /** Plan rules: unknown conditions hold at their first poll, live-only events come at the deadline. */
  readonly planning?: boolean;
  /** One of several repeats (`xdc exec --repeat N`): checks over repeats record their value, deferred, instead of judging it. */
  readonly repeated?: boolean;
}

export interface ScenarioResult extends Outcome {
  readonly name: string;
  readonly durationMs: number;
}

/** The phases in the order they run; `steady-after` runs the `steady` block again. */
const ORDER: readonly { readonly phase: Phase; readonly block: A.Phase }[] = [
  { phase: "setup", block: "setup" },
  { phase: "steady", block: "steady" },
  { phase: "run", block: "run" },
  { phase: "verify", block: "verify" },
  { phase: "steady-after", block: "steady" },
];

/**
 * Runs one scenario: its `let`s, then setup, steady (the hypothesis), run, verify, steady
 * again, and teardown, which always runs. Every fault still applied when `run` ends, or when
 * the scenario stops early (a failure, an error, the timeout, Ctrl-C), is reverted before
 * teardown. The scenario's `timeout` bounds everything before teardown. See docs/language.md,
 * "How a scenario runs".
 */
export async function runScenario(program: CheckedProgram, scenario: CheckedScenario, o: RunOptions): Promise<ScenarioResult> {
  const { clock } = o;
  const started = clock.now();
  const stopper = new AbortController();
  const stop = (reason: unknown) => {
    if (!stopper.signal.aborted) stopper.abort(reason);
  };
  const cleanupSignal = o.cleanupSignal ?? new AbortController().signal;
  const onInterrupt = () => stop(new Halt("error", "interrupted", "interrupted"));
  if (o.interrupt?.aborted) onInterrupt();
  o.interrupt?.addEventListener("abort", onInterrupt, { once: true });
  const timeoutMs = scenario.settings.timeoutMs;
  const timer = new AbortController();
  if (timeoutMs !== undefined) {
    clock.sleep(timeoutMs, AbortSignal.any([timer.signal, stopper.signal])).then(
      () => stop(haltError("timeout", `the scenario did not end within its timeout of ${duration(timeoutMs)}`)),
      () => {},
    );
  }
  const journal: JournalSink = { emit: (body, span) => o.journal.write(stamp(clock, body, scenario.name, span)) };
  const run: Run = {
    program,
    scenario,
    clock,
    world: o.world,
    journal,
    faults: new FaultBook(o.world, journal, cleanupSignal),
    signal: stopper.signal,
    cleanupSignal,
    stop,
    pollMs: o.pollMs ?? 1000,
    seed: o.seed ?? scenario.settings.seed ?? 0,
    baseDir: dirname(program.path),
    source: o.source,
    nextId: counter(),
    planning: o.planning ?? false,
    repeated: o.repeated ?? false,
    workloads: new Map(),
    figures: {},
    phase: "setup",
    phaseStartMs: started,
    phaseStarts: [],
    outcomes: [],
    series: new SeriesBook(),
  };
  const params = scenario.params?.length ? { params: Object.fromEntries(scenario.params.map((p) => [p.name, p.value])) } : {};
  journal.emit({ kind: "scenario.start", file: program.path, tags: scenario.settings.tags, timeoutMs: timeoutMs ?? 0, ...params }, scenario.node.span);
  if (!run.planning) o.world.watchTuples?.(tupleChecks(run));
  const env = new Env();
  let dataFigures: Figures | undefined;
  const accounted = new Set<string>();
  let halt = await guard(run, async () => {
    await bindLets(run, env, program, scenario);
    for (const { phase, block } of ORDER) {
      const node = blockOf(scenario.node, block);
      if (!node) continue;
      const h = await runPhase(run, phase, node, env, run.signal);
      if (phase === "verify") dataFigures ??= await accountData(run, accounted);
      if (h) return h;
      const before = run.outcomes.filter((x) => x.phase === "steady").map((x) => x.verdict);
      if (phase === "steady" && combineAll(before) !== "pass") {
        return new Halt(combineAll(before) === "fail" ? "fail" : "no-data", "the steady state did not hold before `run`; `run` and `verify` were skipped");
      }
    }
    return undefined;
  });
  // A series of the whole run ends here, before faults are undone: teardown is not sampled.
  await run.series.close("scenario");
  // What `steady-after` injected (its probe), or everything when the scenario ended before `verify`.
  const late = await accountData(run, accounted);
  dataFigures ??= late;
  timer.abort();
  await run.faults.revertAll();
  const teardown = blockOf(scenario.node, "teardown");
  const teardownHalt = teardown ? await runPhase(run, "teardown", teardown, env, cleanupSignal) : undefined;
  o.interrupt?.removeEventListener("abort", onInterrupt);
  if (!halt && run.faults.problems.length > 0) halt = haltError("fault-injection", `a fault could not be undone: ${run.faults.problems.join("; ")}`);
  if (!halt && teardownHalt) halt = teardownHalt;
  const outcome: Outcome = halt
    ? { verdict: halt.verdict, reason: halt.reason, ...(halt.errorClass ? { errorClass: halt.errorClass } : {}) }
    : { verdict: combineAll(run.outcomes.map((x) => x.verdict)) };
  const durationMs = clock.now() - started;
  journal.emit({ kind: "scenario.end", ...outcome, durationMs, figures: { ...dataFigures, ...run.figures } });
  return { name: scenario.name, durationMs, ...outcome };
}

/**
 * The World's data accounts into the journal, each workload and sink once (`accounted` holds
 * those already journaled); its figures for `scenario.end`. Under the run's signal: after an
 * abort the World does not wait for tuples still on their way.
 */
async function accountData(run: Run, accounted: Set<string>): Promise<Figures> {
  const account = await run.world.account?.({ signal: run.signal });
  if (!account) return {};
  for (const d of account.data) {
    const key = `${d.workload}\0${d.sink}`;
    if (accounted.has(key)) continue;
    accounted.add(key);
    run.journal.emit(d);
  }
  return account.figures;
}

const counter = () => {
  const counts = new Map<string, number>();
  return (prefix: string) => {
    const n = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, n);
    return `${prefix}${n}`;
  };
};

const blockOf = (s: A.Scenario, phase: A.Phase): A.PhaseBlock | undefined =>
  s.members.find((m): m is A.PhaseBlock => m.kind === "block" && m.phase === phase);

/** Turns whatever ended a step into a Halt: a Halt as it is, an abort as its reason, anything else a bug. */
function toHalt(run: Run, e: unknown): Halt {
  if (e instanceof Halt) return e;
  if (run.signal.aborted && run.signal.reason instanceof Halt) return run.signal.reason;
  return haltError("internal", `xdc bug: ${e instanceof Error ? e.message : String(e)}`);
}

async function guard(run: Run, body: () => Promise<Halt | undefined>): Promise<Halt | undefined> {
  try {
    return await body();
  } catch (e) {
    return toHalt(run, e);
  }
}

/** The `let`s of every module imported, then of the scenario, in order. */
async function bindLets(run: Run, env: Env, program: CheckedProgram, scenario: CheckedScenario): Promise<void> {
  const frame: Frame = { run, env, origin: run.clock.now(), signal: run.signal, activities: new Activities(run.stop), scenarioLevel: true };
  const lets = [
    ...[...program.modules.values()].flatMap((m) => m.file.items),
    ...program.file.items,
    ...scenario.node.members,
  ].filter((i): i is A.Let => i.kind === "let");
  for (const l of lets) await letStmt(frame, l);
}

/**
 * One phase: its statements in order, then its background work joined (see Activities).
 * Ends early on a Halt; its background work is then stopped through the run's signal.
 */
async function runPhase(run: Run, phase: Phase, block: A.PhaseBlock, env: Env, signal: AbortSignal): Promise<Halt | undefined> {
  run.phase = phase;
  run.phaseStartMs = run.clock.now();
  run.phaseStarts.push({ phase, atMs: run.phaseStartMs });
  run.journal.emit({ kind: "phase.start", phase }, block.phaseSpan);
  // Teardown runs under its own signal: a failure in it stops only it.
  const own = phase === "teardown" ? new AbortController() : undefined;
  const phaseSignal = own ? AbortSignal.any([signal, own.signal]) : signal;
  const fail = own ? (r: unknown) => own.abort(r) : run.stop;
  const activities = new Activities(fail);
  const frame: Frame = { run, env, origin: run.clock.now(), signal: phaseSignal, activities };
  let halt: Halt | undefined;
  try {
    await execBody(frame, block.body);
    await activities.join();
    await run.series.close(phase);
    if (phaseSignal.aborted) throw phaseSignal.reason;
    if (phase === "run") await run.faults.revertAll();
  } catch (e) {
    halt = e instanceof Halt ? e : phaseSignal.aborted && phaseSignal.reason instanceof Halt ? phaseSignal.reason : toHalt(run, e);
    fail(halt);
    await activities.join();
    await run.series.close(phase);
  }
  run.journal.emit({ kind: "phase.end", phase, ok: halt === undefined }, block.phaseSpan);
  return halt;
}
