import type { Place } from "./context.js";

/**
 * What each kind of block allows, as data (XDC4006). `run`, fault and check bodies are
 * timelines; the other phases run their statements one after another; faults are applied in
 * `run` (and inside fault definitions, which own them); checks judge in `verify` and `steady`.
 */
export interface PlaceRules {
  /** `at`, `after`, `every`, `parallel`. */
  readonly timeline: boolean;
  readonly faults: boolean;
  readonly checks: boolean;
  readonly awaits: boolean;
  /** `let x = sample …`: a series sampled until the end of the block (of the scenario, at its top). */
  readonly samples: boolean;
  /** How messages name the place. */
  readonly name: string;
}

export const PLACES: Record<Place, PlaceRules> = {
  module: { timeline: false, faults: false, checks: false, awaits: false, samples: false, name: "at the top of a file" },
  scenario: { timeline: false, faults: false, checks: false, awaits: false, samples: true, name: "outside the scenario's blocks" },
  setup: { timeline: false, faults: false, checks: false, awaits: true, samples: true, name: "in `setup`" },
  steady: { timeline: false, faults: false, checks: true, awaits: true, samples: true, name: "in `steady`" },
  run: { timeline: true, faults: true, checks: false, awaits: true, samples: true, name: "in `run`" },
  verify: { timeline: false, faults: false, checks: true, awaits: true, samples: true, name: "in `verify`" },
  teardown: { timeline: false, faults: false, checks: false, awaits: true, samples: false, name: "in `teardown`" },
  fault: { timeline: true, faults: true, checks: false, awaits: true, samples: false, name: "in a fault definition" },
  check: { timeline: true, faults: false, checks: true, awaits: true, samples: false, name: "in a check definition" },
};
