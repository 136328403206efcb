import type * as A from "../../language/ast.js";
import type { RuntimeValue } from "../value.js";
import type { Frame } from "./context.js";
import { evaluate } from "./evaluate.js";
import { Halt, haltError } from "./halt.js";

import { duration, sourceText } from "./source.js";
import { unobservedGraceMs, unobservedReason } from "./unobserved.js";
import { worldValue } from "./world-call.js";
import { Sightings, type Unobserved } from "../sightings.js";
import type { FailoverRequest } from "../world.js";

/** What an await saw of its target while it waited: its condition's polls, or the event it asked the World for. */
export interface Watch {
  readonly condition: Sightings;
  event?: FailoverRequest;
  /** The await's `within`, passed on with the event it asks the World for. */
  readonly within?: FailoverRequest["within"];
}

/** Resolves never; rejects when the signal aborts. */
export const untilAborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });

/**
 * Waits for an event (`failover(…)`) or a condition to come true, polling the condition every
 * `pollMs`. Answers the event's payload (a failover) or `true`; `unknown` in a plan. When
 * `signal` aborts first, rejects with its reason.
 */
export async function waitFor(f: Frame, target: A.Expr, signal: AbortSignal, watch?: Watch): Promise<RuntimeValue> {
  const run = f.run;
  const inner: Frame = { ...f, signal };
  const type = run.program.types.get(target);
  if (type?.kind === "event") {
    const ev = await evaluate(inner, target);
    if (ev.kind !== "event") return ev;
    const request: FailoverRequest = watch?.within ? { ...ev.event, within: watch.within } : ev.event;
    if (watch) watch.event = request;
    const r = await worldValue(inner, target.span, (w, call) => w.awaitFailover(request, call), signal);
    if (r.kind === "value") return r.value;
    if (r.kind === "no-data") throw haltError("environment", `cannot observe failovers: ${r.reason}`, target.span);
    // The plan's rule: an event known only live is assumed to come at the deadline (the latest it may).
    return untilAborted(signal);
  }
  for (;;) {
    const v = await evaluate(inner, target);
    // A poll without an answer (no data: the API failed) saw nothing; false is an answer.
    if (v.kind === "bool") watch?.condition.seen(run.clock.now());
    else if (v.kind === "unknown") watch?.condition.missed(v.why);
    if (v.kind === "bool" && v.value) return v;
    // The plan's rule: a condition known only live is assumed to hold at its first poll.
    if (v.kind === "unknown" && v.noData !== true && run.planning) return v;
    await run.clock.sleep(run.pollMs, signal);
  }
}

const DEADLINE = Symbol("deadline");

/**
 * `await COND within D`. Not met by the deadline: when the condition (or the event's survivor)
 * went unobserved too long (unobserved.ts), the control plane failed, not the system: an
 * environment error. Else, in `setup` the system never got ready (an environment error);
 * anywhere else the system did not do what the scenario awaited (fail), recorded like a failed
 * expectation. Either way the scenario stops.
 */
export async function awaitCondition(f: Frame, e: A.Await): Promise<RuntimeValue> {
  const run = f.run;
  const within = e.within ? await evaluate(f, e.within) : undefined;
  if (within?.kind !== "quantity") throw haltError("internal", "`await` without a known `within`", e.span);
  const start = run.clock.now();
  const what = sourceText(run, e.target.span);
  run.journal.emit({ kind: "action", builtin: "await", what: `await ${what} within ${duration(within.value)}`, ok: true, detail: `deadline +${duration(start + within.value)}` }, e.span);
  const deadline = new AbortController();
  const signal = AbortSignal.any([f.signal, deadline.signal]);
  const timer = new AbortController();
  run.clock.sleep(within.value, AbortSignal.any([f.signal, timer.signal])).then(() => deadline.abort(DEADLINE), () => {});
  const watch: Watch = { condition: new Sightings(start, run.pollMs), within: { ms: within.value, span: e.span } };
  try {
    const v = await waitFor(f, e.target, signal, watch);
    if (v.kind === "failover") {
      const detectionMs = v.detectionMs ?? Math.max(0, v.detectedAtMs - (v.startMs ?? start));
      run.figures.rtoMs = v.rtoMs;
      run.figures.detectionMs = detectionMs;
      run.journal.emit(
        {
          kind: "failover",
          from: v.from,
          to: v.to,
          ...(v.faultAtMs !== undefined ? { faultAtMs: v.faultAtMs } : {}),
          detectedAtMs: v.detectedAtMs,
          takeoverAtMs: v.atMs,
          ...(v.firstTupleAtMs !== undefined ? { firstTupleAtMs: v.firstTupleAtMs } : {}),
          rtoMs: v.rtoMs,
          detectionMs,
        },
        e.span,
      );
    }
    run.journal.emit({ kind: "action", builtin: "await", what: `${what}: met`, ok: true, detail: `after ${duration(run.clock.now() - start)}` }, e.span);
    return v;
  } catch (x) {
    if (!(deadline.signal.aborted && !f.signal.aborted)) throw x;
    if (run.planning) {
      run.journal.emit({ kind: "action", builtin: "await", what: `${what}: assumed at the deadline (known only live)`, ok: true }, e.span);
      return { kind: "unknown", why: `${what} is known only live` };
    }
    const end = run.clock.now();
    const blind = unobservedReason(unobserved(run.world, watch, start, end, unobservedGraceMs(run.pollMs)), start, end - start);
    if (blind !== undefined) {
      const reason = `\`${what}\` was not seen within ${duration(within.value)}, and cannot be said not to have happened: ${blind}`;
      run.journal.emit({ kind: "action", builtin: "await", what: `${what}: unobserved`, ok: false, detail: blind }, e.span);
      throw haltError("environment", reason, e.span);
    }
    const reason = `\`${what}\` did not happen within ${duration(within.value)}`;
    if (run.phase === "setup") throw haltError("environment", reason, e.span);
    run.journal.emit({ kind: "expect", ok: false, noData: false, source: sourceText(run, e.span), expected: `${what} within ${duration(within.value)}`, actual: `not by +${duration(run.clock.now() - start)}` }, e.span);
    run.outcomes.push({ phase: run.phase, verdict: "fail" });
    throw new Halt("fail", reason, undefined, e.span);
  } finally {
    timer.abort();
  }
}

/** The stretches of the await's window in which its target went unseen: the event's, from the World; a condition's, from its polls. */
function unobserved(world: Frame["run"]["world"], watch: Watch, fromMs: number, toMs: number, graceMs: number): readonly Unobserved[] {
  if (watch.event) return world.unobserved?.(watch.event, fromMs, toMs, graceMs) ?? [];
  return watch.condition.unobserved(fromMs, toMs, graceMs);
}
