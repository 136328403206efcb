/**
 * What running a builtin does: a function over the drivers, given the argument values. The
 * interpreter and the drivers arrive in later work; until then no registry row carries an
 * effect, and this type fixes only what one receives and returns. `Drivers` is the runtime's
 * interface to Streams, the network, hosts and data; it is a parameter so that builtins/
 * does not depend on drivers/.
 */
export interface EffectCall<Drivers> {
  /** Argument values by parameter name, defaults filled in. */
  readonly args: ReadonlyMap<string, unknown>;
  readonly drivers: Drivers;
  /** Aborted when the scenario is interrupted or times out. */
  readonly signal: AbortSignal;
}

export type Effect<Drivers = unknown, Result = unknown> = (call: EffectCall<Drivers>) => Promise<Result>;
