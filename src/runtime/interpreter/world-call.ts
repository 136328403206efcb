import type { Span } from "../../language/span.js";
import type { QuantityUnit } from "../../language/values.js";
import type { RuntimeValue } from "../value.js";
import type { Reading, World, WorldCall, WorldResult } from "../world.js";
import type { Frame } from "./context.js";
import { haltError } from "./halt.js";

/**
 * Calls the World under the frame's signal; a refusal halts the scenario with the error's class.
 * `keep` sees a value the World answered even when the signal aborted meanwhile: what the call
 * changed (an applied fault) must still be booked for its undo before the abort unwinds.
 */
export async function worldValue<T>(f: Frame, span: Span, ask: (w: World, call: WorldCall) => Promise<WorldResult<T>>, signal: AbortSignal = f.signal, keep?: (value: T) => void): Promise<T> {
  const r = await ask(f.run.world, { signal });
  if (r.ok) keep?.(r.value);
  if (signal.aborted) throw signal.reason;
  if (!r.ok) throw haltError(r.error.class, r.error.message, span);
  return r.value;
}

/** A reading as a runtime value: a quantity of `unit` (or a bool), or unknown (with no-data marked). */
export function fromReading(r: Reading<number | boolean>, unit: QuantityUnit): RuntimeValue {
  switch (r.kind) {
    case "value":
      return typeof r.value === "boolean" ? { kind: "bool", value: r.value } : { kind: "quantity", unit, value: r.value };
    case "no-data":
      return { kind: "unknown", why: r.reason, noData: true };
    case "unknown":
      return { kind: "unknown", why: r.why };
  }
}
