import { BYTES, DURATION_MS } from "../language/literals.js";
import type { ScalarName } from "../language/types.js";

/** A unit suffix a number may carry, with the type it makes: the completion list after a number. */
export interface UnitRow {
  readonly suffix: string;
  readonly type: ScalarName;
}

/** Read from the literal tables, so a new unit there is offered here without a change. */
export const UNITS: readonly UnitRow[] = [
  ...Object.keys(DURATION_MS).map((u) => ({ suffix: u, type: "Duration" as const })),
  ...Object.keys(DURATION_MS).map((u) => ({ suffix: `/${u}`, type: "Rate" as const })),
  { suffix: "%", type: "Percent" },
  ...Object.keys(BYTES).map((u) => ({ suffix: u, type: "Bytes" as const })),
];
