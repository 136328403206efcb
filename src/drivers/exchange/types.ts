import type { TupleId } from "../../data/records.js";

/** One tuple as the Data Exchange endpoint carries it: a JSON object of attribute values. */
export type Tuple = Readonly<Record<string, unknown>>;

/**
 * Pulls tuples to inject, one at a time; `undefined` ends the workload. Pure and synchronous.
 * A tuple with `dueAtMs` (on the injector's clock) is sent then, whatever the injector's rate:
 * the source's own schedule (a ramp, bursts).
 */
export interface TupleSource {
  next(): { readonly tuple: Tuple; readonly id: TupleId; readonly dueAtMs?: number } | undefined;
}

/** Finds a tuple's identity in what a sink returned; `undefined` for tuples of no tracked workload. */
export type TupleIdentity = (tuple: Tuple) => TupleId | undefined;
