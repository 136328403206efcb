import type { Phase as ScenarioPhase } from "../../language/ast.js";
import type { RuntimeValue } from "../value.js";
import type { FailoverCount, Reading } from "../world.js";
import type { Run } from "./context.js";
import { PHASES_OF } from "./series.js";
import { fromReading } from "./world-call.js";

type Window = { readonly fromMs: number; readonly toMs: number };

/**
 * The stretches of the run's clock a phase covered, each from its start to the next phase's (or
 * now, while it runs); `steady` has two when it ran again after `verify`. None when it has not begun.
 */
function phaseWindows(run: Run, phase: ScenarioPhase): Window[] {
  const now = run.clock.now();
  const starts = run.phaseStarts;
  return starts.flatMap((s, i) => (PHASES_OF[phase].includes(s.phase) ? [{ fromMs: s.atMs, toMs: starts[i + 1]?.atMs ?? now }] : []));
}

/**
 * `failovers(app, during: PHASE)`: the count over each window the phase covered, added up. A
 * failover seen in one window counts even when another could not be judged; a total of none
 * holds only when every window could be (a count of 0 is a claim that nothing happened).
 */
export async function countInPhase(
  run: Run,
  q: Omit<FailoverCount, "fromMs" | "toMs">,
  during: ScenarioPhase | undefined,
  ask: (q: FailoverCount) => Promise<Reading<number>>,
): Promise<RuntimeValue> {
  const windows = during === undefined ? [{ fromMs: 0, toMs: run.clock.now() }] : phaseWindows(run, during);
  if (windows.length === 0) return { kind: "unknown", why: `\`${during}\` has not begun: there is nothing of it to count failovers in`, noData: true };
  const readings = [];
  for (const w of windows) readings.push(await ask({ ...q, ...w }));
  const total = readings.reduce((sum, r) => sum + (r.kind === "value" ? r.value : 0), 0);
  const blind = readings.find((r) => r.kind !== "value");
  if (total > 0 || blind === undefined) return { kind: "quantity", unit: "Number", value: total };
  return fromReading(blind, "Number");
}
