import type * as A from "../../language/ast.js";
import type { RuntimeValue } from "../value.js";
import type { Frame } from "./context.js";
import { evaluate } from "./evaluate.js";
import { Halt, haltError } from "./halt.js";

import { duration, sourceText } from "./source.js";
import { worldValue } from "./world-call.js";

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
export async function waitFor(f: Frame, target: A.Expr, signal: AbortSignal): Promise<RuntimeValue> {
  const run = f.run;
  const inner: Frame = { ...f, signal };
  const type = run.program.types.get(target);
  if (type?.kind === "event") {
    const ev = await evaluate(inner, target);
    if (ev.kind !== "event") return ev;
    const r = await worldValue(inner, target.span, (w, call) => w.awaitFailover(ev.event, call), signal);
    if (r.kind === "value") return r.value;
    if (r.kind === "no-data") throw haltError("environment", `cannot observe failovers: ${r.reason}`, target.span);
    // The plan's rule: an event known only live is assumed to come at the deadline (the latest it may).
    return untilAborted(signal);
  }
  for (;;) {
    const v = await evaluate(inner, target);
    if (v.kind === "bool" && v.value) return v;
    // The plan's rule: a condition known only live is assumed to hold at its first poll.
    if (v.kind === "unknown" && v.noData !== true && run.planning) return v;
    await run.clock.sleep(run.pollMs, signal);
  }
}

const DEADLINE = Symbol("deadline");

/**
 * `await COND within D`. Not met by the deadline: in `setup` the system never got ready (an
 * environment error); anywhere else the system did not do what the scenario awaited (fail),
 * recorded like a failed expectation. Either way the scenario stops.
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
  try {
    const v = await waitFor(f, e.target, signal);
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
    const reason = `\`${what}\` did not happen within ${duration(within.value)}`;
    if (run.phase === "setup") throw haltError("environment", reason, e.span);
    run.journal.emit({ kind: "expect", ok: false, noData: false, source: sourceText(run, e.span), expected: `${what} within ${duration(within.value)}`, actual: `not by +${duration(run.clock.now() - start)}` }, e.span);
    run.outcomes.push({ phase: run.phase, verdict: "fail" });
    throw new Halt("fail", reason, undefined, e.span);
  } finally {
    timer.abort();
  }
}

