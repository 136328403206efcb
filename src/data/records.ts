/**
 * The contract between what moves tuples (the Data Exchange client) and what judges them
 * (the data checks): the client reports every batch it sends, every acknowledgement and
 * every tuple read from a sink; the checks keep what they need of it in bounded memory.
 * Times are milliseconds on the run's clock (`Clock.now()`), never dates.
 */

/** One tuple of a workload: the value of its key attribute's sequence, within a key stream. */
export interface TupleId {
  /**
   * The stream the sequence number counts within: the value of the workload's partition
   * attribute, or "" when the sequence is global.
   */
  readonly stream: string;
  /** 0, 1, 2, … within `stream`, in sending order. */
  readonly seq: number;
}

/** Receives what happens to a workload's tuples, batch by batch. Implementations must not block. */
export interface TupleRecorder {
  /** A batch left the client at `atMs`. */
  sent(ids: readonly TupleId[], atMs: number): void;
  /** The endpoint accepted the batch (a 2xx answer) at `atMs`: these tuples are acknowledged. */
  acked(ids: readonly TupleId[], atMs: number): void;
  /** The batch was refused or its fate is unknown (an error, a timeout) at `atMs`: not acknowledged. */
  failed(ids: readonly TupleId[], atMs: number): void;
  /** Tuples read from the sink at `atMs`, in the order the sink returned them. */
  received(ids: readonly TupleId[], atMs: number): void;
}
