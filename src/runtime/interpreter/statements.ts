import type * as A from "../../language/ast.js";
import { assertNever } from "../../language/diagnostics.js";
import type { RuntimeValue } from "../value.js";
import { awaitCondition, untilAborted, waitFor } from "./await.js";
import type { Frame } from "./context.js";
import { evaluate } from "./evaluate.js";
import { expectStmt } from "./expect.js";
import { haltError } from "./halt.js";
import { render } from "./render.js";
import { sourceText } from "./source.js";

export async function execBody(f: Frame, body: A.Body): Promise<void> {
  for (const s of body.stmts) await execStmt(f, s);
}

async function ms(f: Frame, e: A.Expr): Promise<number> {
  const v = await evaluate(f, e);
  if (v.kind !== "quantity") throw haltError("internal", "a duration that is not known", e.span);
  return v.value;
}

function bind(f: Frame, name: A.Ident, v: RuntimeValue): void {
  const b = f.run.program.declarations.get(name);
  if (b) f.env.set(b, v);
}

/** Sleeps until clock time `t` (at once when it has passed). */
const until = (f: Frame, t: number) => f.run.clock.sleep(Math.max(0, t - f.run.clock.now()), f.signal);

/** A timeline starting now: `at T` inside it counts from here. */
const here = (f: Frame): Frame => ({ ...f, origin: f.run.clock.now() });

export async function execStmt(f: Frame, s: A.Stmt): Promise<void> {
  switch (s.kind) {
    case "let":
      return letStmt(f, s);
    case "expr": {
      const forMs = s.forDuration ? await ms(f, s.forDuration) : undefined;
      await evaluate(f, s.expr, forMs);
      return;
    }
    case "at": {
      const at = f.origin + (await ms(f, s.time));
      f.activities.start(async () => {
        await until(f, at);
        await execBody(here(f), s.body);
      }, f.signal);
      return;
    }
    case "after":
      return after(f, s);
    case "every": {
      const interval = await ms(f, s.interval);
      const length = s.duration ? await ms(f, s.duration) : 0;
      const start = f.run.clock.now();
      // Ticks at 0, T, 2T, … while k·T < D; a body that overruns delays the next tick, never overlaps it.
      f.activities.start(async () => {
        for (let k = 0; k * interval < length; k++) {
          await until(f, start + k * interval);
          await execBody(here(f), s.body);
        }
      }, f.signal);
      return;
    }
    case "parallel": {
      // The first branch to fail stops its siblings, and is raised only once they have all
      // ended: a sibling still applying a fault books it before the clean-up walks the book.
      const siblings = new AbortController();
      const inner: Frame = { ...here(f), signal: AbortSignal.any([f.signal, siblings.signal]) };
      const ends = await Promise.allSettled(s.body.stmts.map((st) => execStmt(inner, st).catch((e: unknown) => {
        siblings.abort(e);
        throw e;
      })));
      const failed = ends.find((e): e is PromiseRejectedResult => e.status === "rejected");
      if (failed) throw siblings.signal.aborted ? siblings.signal.reason : failed.reason;
      return;
    }
    case "awaitStmt": {
      const v = await awaitCondition(f, s.await);
      if (s.as) bind(f, s.as, v);
      return;
    }
    case "wait":
      return f.run.clock.sleep(await ms(f, s.duration), f.signal);
    case "repeat": {
      const n = await evaluate(f, s.count);
      const times = n.kind === "quantity" ? n.value : 0;
      for (let i = 0; i < times; i++) await execBody(f, s.body);
      return;
    }
    case "forEach":
      return forEach(f, s);
    case "expect":
      return expectStmt(f, s);
    default:
      return assertNever(s);
  }
}

/**
 * `for NAME in LIST { … }`: the body once per item, in order, each iteration in the journal
 * (and so in `xdc plan`) with the item it binds. An unknown list (in a plan, a reading) runs
 * no iteration, and says so.
 */
async function forEach(f: Frame, s: A.ForEach): Promise<void> {
  const list = await evaluate(f, s.list);
  const source = sourceText(f.run, s.list.span);
  if (list.kind !== "list") {
    f.run.journal.emit({ kind: "action", builtin: "for", what: `for ${s.name.name} in ${source}: not known before the run (${render(list)}), so no iteration is shown`, ok: true }, s.span);
    return;
  }
  const n = list.items.length;
  if (n === 0) f.run.journal.emit({ kind: "action", builtin: "for", what: `for ${s.name.name} in ${source}: the list is empty`, ok: true }, s.span);
  for (const [i, item] of list.items.entries()) {
    f.run.journal.emit({ kind: "action", builtin: "for", what: `for ${s.name.name} in ${source}: ${i + 1} of ${n}, ${s.name.name} = ${render(item)}`, ok: true }, s.span);
    bind(f, s.name, item);
    await execBody(f, s.body);
  }
}

/** `let`: a value, a series started (`sample`), or a baseline read once and kept when `steady` runs again. */
export async function letStmt(f: Frame, s: A.Let): Promise<void> {
  if (s.value.kind === "sample") return bind(f, s.name, f.run.series.start(f, s.name, s.value, await ms(f, s.value.every), s.span));
  if (s.value.kind === "baseline") return baseline(f, s, s.value);
  const forMs = s.forDuration ? await ms(f, s.forDuration) : undefined;
  return bind(f, s.name, await evaluate({ ...f, binding: s.name.name }, s.value, forMs));
}

/**
 * `let base = baseline EXPR` in `steady`: read before `run`, and kept, not read again, when
 * `steady` runs after `verify`, so that `expect … >= 90% of base` there compares with before.
 */
async function baseline(f: Frame, s: A.Let, e: A.Baseline): Promise<void> {
  const run = f.run;
  const b = run.program.declarations.get(s.name);
  const kept = b ? f.env.get(b) : undefined;
  // In a plan the reading is unknown: say what would be read instead.
  const shown = (v: RuntimeValue) => (v.kind === "unknown" && !v.noData ? `${sourceText(run, e.measure.span)}, read live` : render(v));
  if (kept !== undefined) {
    run.journal.emit({ kind: "action", builtin: "baseline", what: `baseline ${s.name.name} kept from \`steady\`: ${shown(kept)}`, ok: true }, s.span);
    return;
  }
  const v = await evaluate(f, e.measure);
  bind(f, s.name, v);
  run.journal.emit({ kind: "action", builtin: "baseline", what: `baseline ${s.name.name} = ${shown(v)}`, ok: true }, s.span);
}

/**
 * `after E: body`: watches for E in the background (a failover, a condition, the end of a
 * fault or workload) and runs the body when it comes. The watch ends with the phase's other
 * work; a body that has started is waited for.
 */
function after(f: Frame, s: A.After): void {
  const run = f.run;
  f.activities.watch(async (signal) => {
    const e = await evaluate({ ...f, signal }, s.event);
    if (e.kind === "fault") await Promise.race([run.faults.get(e.id)?.ended, untilAborted(signal)]);
    else if (e.kind === "workload") await Promise.race([run.workloads.get(e.id), untilAborted(signal)]);
    else await waitFor(f, s.event, signal);
    f.activities.start(() => execBody(here(f), s.body), f.signal);
  }, f.signal);
}

