import type * as A from "../../language/ast.js";
import { descendants } from "../../language/locate.js";
import type { Span } from "../../language/span.js";
import type { QuantityUnit } from "../../language/values.js";
import type { Phase } from "../journal/events.js";
import type { RuntimeValue, SeriesRef } from "../value.js";
import type { Frame, Run } from "./context.js";
import { evaluate, messageOf } from "./evaluate.js";
import type { Judged } from "./expect.js";
import { Halt, haltError } from "./halt.js";
import { render } from "./render.js";
import { duration, sourceText } from "./source.js";

/**
 * Time series: `let cpu = sample EXPR every D` reads EXPR every D in the background, from the
 * `let` until its block ends (the scenario's, for a `let` among its settings), journaling each
 * reading as a `series.sample`; `expect … throughout` judges every sample as it comes. See
 * docs/language.md, "Time series and baselines".
 */

export interface Point {
  /** Ms on the run's clock, when the reading was taken. */
  readonly t: number;
  readonly value: number;
  readonly phase: Phase;
}

/** Until when a series is sampled: the end of the phase it was declared in, or of the whole run. */
export type SeriesScope = Phase | "scenario";

/** How the journal and the report write each unit (values as the runtime keeps them: ms, /s, %, bytes). */
export const UNIT_LABEL: Readonly<Record<QuantityUnit, string>> = { Number: "", Duration: "ms", Rate: "/s", Percent: "%", Bytes: "B" };


class SeriesState {
  readonly points: Point[] = [];
  closed = false;
  readonly stop = new AbortController();
  /** The sampling loop; closing waits for it, so no sample lands after the series ended. */
  loop: Promise<void> = Promise.resolve();
  private waiting: (() => void)[] = [];

  constructor(readonly ref: SeriesRef, readonly scope: SeriesScope, readonly span: Span) {}

  add(p: Point): void {
    this.points.push(p);
    this.wake();
  }

  /** Resolves at the next sample or when the series closes. */
  changed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  wake(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const resolve of w) resolve();
  }
}

interface Check {
  readonly states: readonly SeriesState[];
  readonly done: Promise<void>;
}

/** Every series of a run, and the `throughout` checks still following some. */
export class SeriesBook {
  private readonly states = new Map<string, SeriesState>();
  private checks: Check[] = [];

  get(ref: SeriesRef): SeriesState | undefined {
    return this.states.get(ref.id);
  }

  /** Starts sampling for `let name = sample …`; in a plan, only says it would. */
  start(f: Frame, name: A.Ident, e: A.Sample, everyMs: number, span: Span): SeriesRef {
    const run = f.run;
    const type = run.program.types.get(e);
    const element = type?.kind === "series" && type.element.kind === "scalar" ? type.element.name : "Number";
    const ref: SeriesRef = { kind: "series", id: run.nextId("s"), name: name.name, unit: element as QuantityUnit };
    const scope: SeriesScope = f.scenarioLevel ? "scenario" : run.phase;
    const state = new SeriesState(ref, scope, span);
    this.states.set(ref.id, state);
    // The checker refuses a known interval of 0; one computed from a parameter is caught here, or the loop would never sleep.
    if (!(everyMs > 0)) throw haltError("environment", `\`${name.name}\` is sampled every ${duration(everyMs)}: the interval must be more than 0s`, e.every.span);
    const until = scope === "scenario" ? "the end of the run" : `the end of \`${scope}\``;
    run.journal.emit({ kind: "action", builtin: "sample", what: `sample ${name.name}: ${sourceText(run, e.measure.span)} every ${duration(everyMs)} until ${until}`, ok: true }, span);
    if (!run.planning) state.loop = sampleLoop(f, state, e.measure, everyMs);
    return ref;
  }

  /** Ends the series of a scope (all that are open, for the whole run), then the checks that followed only ended series. */
  async close(scope: SeriesScope): Promise<void> {
    const ending = [...this.states.values()].filter((s) => !s.closed && (scope === "scenario" || s.scope === scope));
    for (const s of ending) s.stop.abort(new Error("the series ended"));
    await Promise.all(ending.map((s) => s.loop));
    for (const s of ending) {
      s.closed = true;
      s.wake();
    }
    const ready = this.checks.filter((c) => c.states.every((s) => s.closed));
    this.checks = this.checks.filter((c) => !ready.includes(c));
    await Promise.all(ready.map((c) => c.done));
  }

  follow(states: readonly SeriesState[], done: Promise<void>): void {
    this.checks.push({ states, done });
  }
}

/**
 * Reads every `everyMs` from now on, until the series closes or the run stops. A reading that
 * overruns its interval moves the next one to the following tick, never bunches them. A reading
 * the system cannot give (no data, or an environment error such as a job not yet submitted) is
 * a gap in the series, journaled once, not the end of the scenario.
 */
async function sampleLoop(f: Frame, state: SeriesState, measure: A.Expr, everyMs: number): Promise<void> {
  const run = f.run;
  const signal = AbortSignal.any([f.signal, state.stop.signal]);
  const frame: Frame = { ...f, signal };
  const start = run.clock.now();
  let gapNoted = false;
  const gap = (why: string) => {
    if (gapNoted) return;
    gapNoted = true;
    run.journal.emit({ kind: "log", level: "warn", message: `series \`${state.ref.name}\`: no sample at +${duration(run.clock.now())}: ${why} (later gaps are not logged)` }, state.span);
  };
  // Bounded by the series' end, which comes with the end of its block or of the run at the latest.
  for (let k = 0; !signal.aborted; k++) {
    // A reading that overran: the next tick is the first one after it ended.
    if (k > 0) k = Math.max(k, Math.floor((run.clock.now() - start) / everyMs) + 1);
    try {
      await run.clock.sleep(Math.max(0, start + k * everyMs - run.clock.now()), signal);
      const v = await evaluate(frame, measure);
      if (signal.aborted) return;
      if (v.kind !== "quantity") {
        gap(v.kind === "unknown" ? v.why : `the reading is ${render(v)}`);
        continue;
      }
      const t = run.clock.now();
      state.add({ t, value: v.value, phase: run.phase });
      run.journal.emit({ kind: "series.sample", series: state.ref.name, unit: UNIT_LABEL[state.ref.unit], value: v.value }, state.span);
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof Halt && e.errorClass === "environment") {
        gap(e.reason);
        continue;
      }
      run.stop(e);
      return;
    }
  }
}

/** The samples of the last `overMs` (all when undefined), as of now. */
export function window(run: Run, ref: SeriesRef, overMs: number | undefined): readonly Point[] {
  const points = run.series.get(ref)?.points ?? [];
  if (overMs === undefined) return points;
  const from = run.clock.now() - overMs;
  return points.filter((p) => p.t >= from);
}

/** The series a `throughout` condition reads sample by sample: names whose checked type is not the series itself. */
function followed(f: Frame, condition: A.Expr): SeriesRef[] {
  const { program } = f.run;
  const refs = new Map<string, SeriesRef>();
  for (const node of descendants(condition)) {
    const e = node as A.Expr;
    if (e.kind !== "name" && e.kind !== "member") continue;
    const b = program.symbols.get(e);
    const v = b?.kind === "value" ? f.env.get(b) : undefined;
    if (v?.kind === "series" && program.types.get(e)?.kind !== "series") refs.set(v.id, v);
  }
  return [...refs.values()];
}

/** Which journal phases a `throughout PHASE` covers: `steady` ran before `run` and again after `verify`. */
export const PHASES_OF: Readonly<Record<A.Phase, readonly Phase[]>> = {
  setup: ["setup"], steady: ["steady", "steady-after"], run: ["run"], verify: ["verify"], teardown: ["teardown"],
};

type Judge = (f: Frame) => Promise<Judged>;

/**
 * `expect C throughout [PHASE]`: from now on, C is judged at every sample of the series it
 * reads (those taken before included), each series read as its latest sample. It fails at the
 * first sample where C is false, with that sample's time and value; it passes when the series
 * have ended with every sample judged true; with no sample judged it is no data.
 */
export function throughout(f: Frame, s: A.Expect, t: A.Throughout, judge: Judge): void {
  const run = f.run;
  const source = sourceText(run, s.span);
  // Filled in when the judging starts, with the values of then.
  let message: { message?: string } = s.message ? { message: s.message.value } : {};
  const refs = followed(f, s.condition);
  if (run.planning) {
    run.journal.emit({ kind: "action", builtin: "expect", what: `expect ${sourceText(run, s.condition.span)} throughout${t.phase ? ` ${t.phase}` : ""}`, ok: true, detail: "judged live, at every sample" }, s.span);
    return;
  }
  const states = refs.map((r) => run.series.get(r)).filter((x): x is SeriesState => x !== undefined);
  const phases = t.phase ? PHASES_OF[t.phase] : undefined;
  const names = refs.map((r) => `\`${r.name}\``).join(", ");
  // `NAME op LIMIT`: the report draws LIMIT on the series' chart.
  const drawn = s.condition.kind === "binary" && s.condition.left.kind === "name" && refs.length === 1 ? refs[0]! : undefined;
  let limit: number | undefined;
  const emit = (verdict: "pass" | "fail" | "no-data", expected: string, actual: string) => {
    const line = drawn ? { series: drawn.name, ...(limit !== undefined ? { limit } : {}) } : {};
    run.journal.emit({ kind: "expect", ok: verdict === "pass", noData: verdict === "no-data", source, expected, actual, ...message, ...line }, s.span);
    run.outcomes.push({ phase: run.phase, verdict });
  };
  const suffix = ` throughout${t.phase ? ` ${t.phase}` : ""}`;
  const follow = async () => {
    message = await messageOf(f, s.message);
    const cursor = states.map(() => 0);
    const latest = new Map<string, RuntimeValue>();
    let judged = 0;
    let expected = "true";
    let worst: RuntimeValue | undefined;
    const op = s.condition.kind === "binary" ? s.condition.op : undefined;
    // Bounded: each turn takes one sample, or waits for one; it ends when every series it follows has ended.
    for (;;) {
      let pick = -1;
      for (const [i, st] of states.entries()) {
        const p = st.points[cursor[i]!];
        if (p !== undefined && (pick < 0 || p.t < states[pick]!.points[cursor[pick]!]!.t)) pick = i;
      }
      if (pick < 0) {
        if (states.every((st) => st.closed)) break;
        await Promise.race(states.map((st) => st.changed()));
        continue;
      }
      const st = states[pick]!;
      const p = st.points[cursor[pick]!++]!;
      latest.set(st.ref.id, { kind: "quantity", unit: st.ref.unit, value: p.value });
      if ((phases && !phases.includes(p.phase)) || latest.size < states.length) continue;
      const r = await judge({ ...f, pointwise: new Map(latest), signal: run.signal });
      if (r.value.kind !== "bool") continue;
      judged++;
      if (r.limit?.kind === "quantity") limit = r.limit.value;
      expected = `${r.expected}${suffix}`;
      if (!r.value.value) return emit("fail", expected, `${render(r.actual)} at +${duration(p.t)} (sample ${cursor[pick]} of \`${st.ref.name}\`)`);
      worst = worse(op, worst, r.actual);
    }
    if (judged === 0) {
      const expectedText = s.condition.kind === "binary" ? `${s.condition.op} ${sourceText(run, s.condition.right.span)}${suffix}` : `true${suffix}`;
      return emit("no-data", expectedText, `no data: no sample of ${names}${t.phase ? ` in \`${t.phase}\`` : ""}`);
    }
    emit("pass", expected, `${judged} sample${judged === 1 ? "" : "s"}${worst !== undefined ? `, the worst ${render(worst)}` : ""}`);
  };
  const done = follow().catch((e: unknown) => {
    if (!run.signal.aborted) run.stop(e instanceof Halt ? e : haltError("internal", `xdc bug: ${e instanceof Error ? e.message : String(e)}`, s.span));
  });
  run.series.follow(states, done);
}

/** The sample closest to breaking an ordering: the largest under `<`/`<=`, the smallest under `>`/`>=`. */
function worse(op: A.BinaryOp | undefined, a: RuntimeValue | undefined, b: RuntimeValue): RuntimeValue | undefined {
  if (b.kind !== "quantity" || (op !== "<" && op !== "<=" && op !== ">" && op !== ">=")) return undefined;
  if (a?.kind !== "quantity") return b;
  const upper = op === "<" || op === "<=";
  return (upper ? b.value > a.value : b.value < a.value) ? b : a;
}
