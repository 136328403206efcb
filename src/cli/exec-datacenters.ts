import type { CheckedScenario } from "../language/index.js";
import type { LiveEnvironment } from "../runtime/live/environment.js";

/**
 * The datacenters a scenario touches on a real deployment, as keys that two scenarios share
 * exactly when they would touch the same one: its REST endpoint and instance. A scenario run
 * against --env touches the datacenters of that file it names (all of them when its own
 * environment names none the file has); one with its own environment, that environment's. The
 * embedded twin is the scenario's own: nothing to share.
 */
export function datacenterKeys(scenario: CheckedScenario, given: LiveEnvironment | undefined): string[] {
  if (given !== undefined) {
    const named = given.dcs.filter((d) => scenario.environment.dcs.some((n) => n.name === d.name));
    return (named.length > 0 ? named : given.dcs).map((d) => `${d.streams}#${d.instance}`);
  }
  if (scenario.environment.name === "sim") return [];
  return scenario.environment.dcs.map((d) => (d.streams !== undefined ? `${d.streams}#${d.name}` : `${scenario.environment.name}/${d.name}`));
}
