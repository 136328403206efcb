import type { Tuple, TupleSource } from "../drivers/exchange/types.js";
import { seededRandom } from "../runtime/random.js";
import { rateProblem, schedule, type RateSpec, type Schedule } from "./rates.js";
import type { TupleId } from "./records.js";
import type { Schema } from "./schema.js";
import { payload, recordOf } from "./values.js";

/** A workload as declared: what each tuple holds and how fast tuples are due. */
export interface WorkloadSpec {
  /** The attribute that carries the sequence number; "seq" by default. */
  readonly key?: string;
  /**
   * Key streams: the attribute whose value names a tuple's stream, each with its own sequence.
   * Generated tuples go over `count` streams named "k0", "k1", …: in turn (`uniform`, the
   * default) or zipf-like (`zipf`: stream k drawn with weight 1/(k+1), from the seed, so the
   * first ones are hot); recorded tuples keep the value they carry. Without it the sequence is
   * global (stream "").
   */
  readonly streams?: { readonly attribute: string; readonly count?: number; readonly spread?: "uniform" | "zipf" };
  /** Attribute for the time the tuple was due (ms from the workload's start); "genAtMs" by default. */
  readonly timeAttribute?: string;
  readonly schema?: Schema;
  /** Adds a `payload` attribute of this many ASCII characters. */
  readonly payloadBytes?: number;
  readonly rate: RateSpec;
  /** Tuples to replay instead of generated attributes (see parseRecorded); one per due time. */
  readonly recorded?: readonly Tuple[];
}

/** A workload's tuples in sending order, and when each is due. Pure: the same seed, the same tuples. */
export interface Workload extends TupleSource, Schedule {}

export type WorkloadResult = { readonly kind: "ok"; readonly workload: Workload } | { readonly kind: "error"; readonly message: string };

export function generator(spec: WorkloadSpec, seed: number): WorkloadResult {
  const problem = rateProblem(spec.rate) ?? specProblem(spec);
  if (problem !== undefined) return { kind: "error", message: problem };
  const plan = schedule(spec.rate);
  const count = spec.recorded === undefined ? plan.count : Math.min(plan.count, spec.recorded.length);
  const key = spec.key ?? "seq";
  const timeAttribute = spec.timeAttribute ?? "genAtMs";
  const random = seededRandom(seed);
  const streams = spec.streams;
  const nextSeq = new Map<string, number>();
  let index = 0;

  const pick = streams?.spread === "zipf" ? zipf(streams.count ?? 1, seededRandom(seed ^ 0x5bd1e995)) : (i: number) => i % (streams?.count ?? 1);
  const streamOf = (i: number, base: Tuple): string => {
    if (streams === undefined) return "";
    if (spec.recorded !== undefined) return String(base[streams.attribute] ?? "");
    return `k${pick(i)}`;
  };

  return {
    kind: "ok",
    workload: {
      count,
      dueAtMs: plan.dueAtMs,
      next() {
        if (index >= count) return undefined;
        const i = index++;
        const dueAtMs = plan.dueAtMs(i);
        const base: Tuple = spec.recorded?.[i] ?? recordOf(spec.schema ?? [], { index: i, dueAtMs, random });
        const stream = streamOf(i, base);
        const seq = nextSeq.get(stream) ?? 0;
        nextSeq.set(stream, seq + 1);
        const id: TupleId = { stream, seq };
        const tuple: Tuple = {
          ...base,
          [key]: seq,
          ...(streams === undefined ? {} : { [streams.attribute]: stream }),
          [timeAttribute]: dueAtMs,
          ...(spec.payloadBytes === undefined ? {} : { payload: payload(spec.payloadBytes, random) }),
        };
        return { tuple, id };
      },
    },
  };
}

/**
 * Draws stream numbers 0 … n−1 with weights 1/(k+1) (Zipf, s = 1): a few hot keys and a long
 * tail. Its own random sequence, so the attribute values are those of a uniform workload.
 */
function zipf(n: number, random: () => number): (i: number) => number {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative[k] = sum += 1 / (k + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

function specProblem(spec: WorkloadSpec): string | undefined {
  if (spec.streams?.count !== undefined && !(Number.isInteger(spec.streams.count) && spec.streams.count > 0)) return "`streams.count` must be a positive whole number";
  if (spec.payloadBytes !== undefined && !(Number.isInteger(spec.payloadBytes) && spec.payloadBytes >= 0)) return "`payloadBytes` must be a whole number of at least 0";
  if (spec.rate.kind === "recorded" && spec.recorded === undefined) return "a recorded rate needs the recorded tuples";
  return undefined;
}
