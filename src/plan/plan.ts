import type { CheckedProgram, CheckedScenario } from "../language/program.js";
import { VirtualClock } from "../runtime/clock.js";
import type { JournalEvent } from "../runtime/journal/events.js";
import { memorySink } from "../runtime/journal/sink.js";
import { runScenario } from "../runtime/interpreter/scenario.js";
import type { ScenarioResult } from "../runtime/interpreter/scenario.js";
import { planWorld } from "./plan-world.js";
import type { PlanTarget } from "./target.js";

export interface ScenarioPlan {
  readonly name: string;
  /** The environment the plan was made for. */
  readonly environment: string;
  readonly events: readonly JournalEvent[];
  readonly result: ScenarioResult;
}

/**
 * The timeline `xdc exec` would follow: each scenario run on a virtual clock against the
 * PlanWorld, which contacts nothing, for the environment `targetFor` says it would run in.
 * Deterministic: the same program and targets give the same plan.
 */
export async function plan(program: CheckedProgram, source: (file: string) => string | undefined, targetFor: (scenario: CheckedScenario) => PlanTarget): Promise<ScenarioPlan[]> {
  const out: ScenarioPlan[] = [];
  for (const scenario of program.scenarios) {
    const clock = new VirtualClock();
    const sink = memorySink();
    const target = targetFor(scenario);
    const result = await clock.drive(runScenario(program, scenario, { clock, world: planWorld(target, clock), journal: sink, source, planning: true }));
    out.push({ name: scenario.name, environment: target.environment.name, events: sink.events, result });
  }
  return out;
}
