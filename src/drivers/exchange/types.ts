import type { TupleId } from "../../data/records.js";

/** One tuple as the Data Exchange endpoint carries it: a JSON object of attribute values. */
export type Tuple = Readonly<Record<string, unknown>>;

/**
 * Pulls tuples to inject, one at a time; `undefined` ends the workload. Synchronous, so that
 * the injector pulls only what it is about to send: a source reading a file reads no further.
 */
export interface TupleSource {
  next(): SourcedTuple | undefined;
}

export interface SourcedTuple {
  readonly tuple: Tuple;
  readonly id: TupleId;
  /**
   * When the tuple is due on the injector's clock, whatever the injector's rate: the source's
   * own schedule (a ramp, bursts, a recording's times); absent: the injection's rate decides.
   */
  readonly dueAtMs?: number;
}

/** Finds a tuple's identity in what a sink returned; `undefined` for tuples of no tracked workload. */
export type TupleIdentity = (tuple: Tuple) => TupleId | undefined;
