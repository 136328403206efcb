import type * as A from "../../language/ast.js";
import type { Builtin } from "../../builtins/builtin.js";
import type { UserDefinition } from "../../language/program.js";
import type { Span } from "../../language/span.js";
import type { FaultRef, RuntimeValue } from "../value.js";
import type { AppliedFault } from "../world.js";
import type { BuiltinFault } from "./faults.js";
import type { Frame } from "./context.js";
import { EFFECTS } from "./effects.js";
import { evaluate } from "./evaluate.js";
import { haltError } from "./halt.js";
import { defaultValue } from "./literal.js";
import { render } from "./render.js";
import { sourceText } from "./source.js";
import { execBody } from "./statements.js";
import { worldValue } from "./world-call.js";

/** Pairs a call's arguments with parameter names: positional ones in order, then named ones. */
export function matchArgs(call: A.Call, names: readonly string[]): Map<string, A.Expr> {
  const out = new Map<string, A.Expr>();
  let position = 0;
  for (const a of call.args) {
    const name = a.name ? a.name.name : names[position++];
    if (name !== undefined) out.set(name, a.value);
  }
  return out;
}

export async function callExpr(f: Frame, call: A.Call, forMs?: number): Promise<RuntimeValue> {
  const target = f.run.program.calls.get(call);
  if (!target) throw haltError("internal", "a call the checker did not resolve; run `xdc check`", call.span);
  if (target.kind === "definition") return callDefinition(f, call, target.definition, forMs);
  const b = target.builtin;
  const exprs = matchArgs(call, b.params.map((p) => p.name));
  const args = new Map<string, RuntimeValue>();
  for (const p of b.params) {
    const x = exprs.get(p.name);
    // A condition on tuples is not a value now: it is judged on each tuple (tuple-checks.ts); its text stands for it.
    const v = x && p.rule?.kind === "tuple" ? { kind: "string" as const, value: sourceText(f.run, x.span) } : x ? await evaluate(f, x) : p.default !== undefined ? defaultValue(p.default) : undefined;
    if (v !== undefined) args.set(p.name, v);
  }
  if (b.fault) return applyFault(f, b, args, call.span, forMs);
  const effect = EFFECTS[b.name];
  if (!effect) throw haltError("internal", `the builtin \`${b.name}\` cannot run yet`, call.span);
  return effect({ frame: f, args, span: call.span, builtin: b });
}

/** What `xdc plan` and the journal say a call does: the registry's `describe` over the rendered arguments. */
export const describeCall = (b: Builtin, args: ReadonlyMap<string, RuntimeValue>): string =>
  b.describe(Object.fromEntries([...args].map(([k, v]) => [k, render(v)])));

async function applyFault(f: Frame, b: Builtin, args: ReadonlyMap<string, RuntimeValue>, span: Span, forMs?: number): Promise<RuntimeValue> {
  const run = f.run;
  const id = run.nextId("f");
  const ref: FaultRef = { kind: "fault", id, name: b.name };
  let entry: BuiltinFault | undefined;
  // Booked even when the scenario stopped while the apply was under way: it is applied all the same.
  const book = (applied: AppliedFault) => {
    entry = run.faults.builtin(ref, applied, f.owner);
    run.journal.emit(
      {
        kind: "fault.applied",
        id,
        fault: b.name,
        what: `${describeCall(b, args)}${forMs !== undefined ? ` for ${render({ kind: "quantity", unit: "Duration", value: forMs })}` : ""}`,
        hosts: applied.hosts,
        dcs: applied.dcs,
        summary: applied.summary,
        commands: applied.commands,
        undo: applied.undo,
        ...(forMs !== undefined ? { forMs } : {}),
      },
      span,
    );
  };
  await worldValue(f, span, (w, c) => w.applyFault({ id, builtin: b.name, args }, c), f.signal, book);
  const booked = entry!;
  if (forMs !== undefined) revertAfter(f, forMs, () => run.faults.revert(booked, span));
  return ref;
}

/** `for D`: the fault is reverted D after it was applied; the phase waits for that. */
function revertAfter(f: Frame, forMs: number, revert: () => Promise<void>): void {
  f.activities.start(async () => {
    await f.run.clock.sleep(forMs, f.signal);
    await revert();
  }, f.signal);
}

async function callDefinition(f: Frame, call: A.Call, d: UserDefinition, forMs?: number): Promise<RuntimeValue> {
  const run = f.run;
  const exprs = matchArgs(call, d.params.map((p) => p.name));
  const env = f.env.child();
  const shown: string[] = [];
  for (const [i, p] of d.node.params.entries()) {
    const x = exprs.get(p.name.name);
    const v = x ? await evaluate(f, x) : p.default ? await evaluate({ ...f, env }, p.default) : undefined;
    const binding = run.program.declarations.get(p.name);
    if (v === undefined || !binding) throw haltError("internal", `no value for parameter \`${p.name.name}\` of \`${d.name}\``, call.span);
    env.set(binding, v);
    shown.push(i < call.args.length && !call.args[i]?.name ? render(v) : `${p.name.name}: ${render(v)}`);
  }
  const what = `${d.name}(${shown.join(", ")})`;
  if (d.kind === "check") {
    run.journal.emit({ kind: "action", builtin: d.name, what: `check ${what}`, ok: true }, call.span);
    await execBody({ ...f, env, origin: run.clock.now() }, d.node.body);
    return { kind: "nothing" };
  }
  const ref: FaultRef = { kind: "fault", id: run.nextId("f"), name: d.name };
  const controller = new AbortController();
  const entry = run.faults.user(ref, controller, f.owner);
  const signal = AbortSignal.any([controller.signal, f.signal]);
  run.journal.emit(
    { kind: "action", builtin: d.name, what: `fault ${what} (${ref.id})${forMs !== undefined ? ` for ${render({ kind: "quantity", unit: "Duration", value: forMs })}` : ""}`, ok: true },
    call.span,
  );
  const body = { ...f, env, origin: run.clock.now(), signal, owner: entry };
  f.activities.start(() => execBody(body, d.node.body), signal);
  if (forMs !== undefined) revertAfter(f, forMs, () => run.faults.revert(entry, call.span));
  return ref;
}
