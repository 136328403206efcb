import { err, ok } from "../drivers/result.js";
import type { RuntimeValue } from "../runtime/value.js";
import type { Built, FaultBuilding, FaultFacts } from "./fault-plan.js";
import { BUILTINS_BY_NAME } from "./index.js";

/**
 * Runs a fault's plan generator (its registry entry's `fault.plan`): each question it yields
 * is answered at once for `xdc plan` and after the look-up for a live run, so both build the
 * same plan of commands.
 */

function builder(builtin: string, id: string, args: ReadonlyMap<string, RuntimeValue>, f: FaultFacts): FaultBuilding | Built {
  const plan = BUILTINS_BY_NAME.get(builtin)?.fault?.plan;
  return plan ? plan({ id, args, f }) : err({ class: "internal", message: `no plan of commands for the fault ${builtin}` });
}

/** The plan of a builtin fault from its evaluated arguments, the same for `xdc plan` and `xdc exec`: a live run's look-ups are awaited. */
export async function buildFault(builtin: string, id: string, args: ReadonlyMap<string, RuntimeValue>, f: FaultFacts): Promise<Built> {
  const g = builder(builtin, id, args, f);
  if (!("next" in g)) return g;
  for (let step = g.next(ok(undefined)); ; ) {
    if (step.done) return step.value;
    step = g.next(await step.value);
  }
}

/** The same, at once, for facts that answer at once (`xdc plan`'s); a fact that would have to wait is a bug. */
export function buildFaultNow(builtin: string, id: string, args: ReadonlyMap<string, RuntimeValue>, f: FaultFacts): Built {
  const g = builder(builtin, id, args, f);
  if (!("next" in g)) return g;
  for (let step = g.next(ok(undefined)); ; ) {
    if (step.done) return step.value;
    if (step.value instanceof Promise) throw new Error("xdc bug: the plan's fault facts must answer at once");
    step = g.next(step.value);
  }
}
