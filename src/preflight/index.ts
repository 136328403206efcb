import type { CheckedProgram, CheckedScenario } from "../language/program.js";
import type { HostKeyPolicy } from "../drivers/ssh/host-key.js";
import type { SshAuth } from "../drivers/ssh/auth.js";
import type { Clock } from "../runtime/clock.js";
import type { LiveEnvironment } from "../runtime/live/environment.js";
import { emptyNeeds, scenarioNeeds } from "./needs.js";
import { runPreflight } from "./run.js";
import { planTargetOf } from "./target.js";
import type { CheckLine } from "./types.js";

export type { CheckLine, CheckStatus } from "./types.js";
export { passed } from "./types.js";
export { preflightJson, preflightTable, type EnvironmentReport } from "./render.js";

export interface ScenarioToCheck {
  readonly program: CheckedProgram;
  readonly scenario: CheckedScenario;
  readonly source: (file: string) => string | undefined;
}

export interface PreflightSettings {
  readonly ssh: { readonly auth: SshAuth; readonly hostKeys: HostKeyPolicy };
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly maxSkewMs: number;
}

/** The preflight of scenarios that run in one environment: what they need, checked there. */
export async function preflight(scenarios: readonly ScenarioToCheck[], env: LiveEnvironment, s: PreflightSettings): Promise<CheckLine[]> {
  const target = planTargetOf(env);
  const needs = emptyNeeds();
  for (const c of scenarios) await scenarioNeeds(c.program, c.scenario, c.source, target, needs);
  return runPreflight({ env, needs, ssh: s.ssh, clock: s.clock, timeoutMs: s.timeoutMs, maxSkewMs: s.maxSkewMs });
}
