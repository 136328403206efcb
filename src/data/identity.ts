import type { TupleIdentity } from "../drivers/exchange/types.js";
import type { WorkloadSpec } from "./generator.js";

/**
 * Finds a workload's tuple identity in what a sink returned: its key attribute (a whole number
 * ≥ 0) and, with key streams, its stream attribute. Tuples without them belong to no workload.
 */
export function identity(spec: Pick<WorkloadSpec, "key" | "streams">): TupleIdentity {
  const key = spec.key ?? "seq";
  const streamAttribute = spec.streams?.attribute;
  return (tuple) => {
    const seq = tuple[key];
    if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq < 0) return undefined;
    if (streamAttribute === undefined) return { stream: "", seq };
    const stream = tuple[streamAttribute];
    return typeof stream === "string" || typeof stream === "number" ? { stream: String(stream), seq } : undefined;
  };
}
