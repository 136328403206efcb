import { err, ok, type Result } from "../result.js";

/**
 * A read's value as a number, or why it is not one. Jolokia serialises every JMX number
 * (int, long, double, an AtomicLong) as a JSON number; a composite, a string or a boolean is
 * not a measurement, and `null` is what agents answer for a path that leads nowhere (Jolokia
 * 1.x answers status 200 with a null value for `HeapMemoryUsage/nokey`), so it must not pass
 * as zero.
 */
export function numericValue(value: unknown): Result<number, string> {
  if (typeof value === "number" && Number.isFinite(value)) return ok(value);
  if (value === null || value === undefined) return err("the value is null: no such key on that path, or an attribute without a value");
  if (typeof value === "object") {
    const keys = Object.keys(value as object).slice(0, 8);
    return err(`the value is ${Array.isArray(value) ? "a list" : "a composite"}, not a number${keys.length > 0 && !Array.isArray(value) ? `: give a path to one of its keys (${keys.join(", ")})` : ""}`);
  }
  return err(`the value is ${JSON.stringify(value).slice(0, 80)}, not a number`);
}
