import type { Clock } from "../clock.js";

/** What the application's status stream said: `observer` saw `remote` go down or come up, at `atMs` (run clock). */
export interface StatusChange {
  readonly observer: string;
  readonly remote: string;
  readonly up: boolean;
  /** When the toolkit reported it (its own time, mapped onto the run's clock). */
  readonly atMs: number;
  /** When xdc read it. */
  readonly readAtMs: number;
}

/** A tuple of the toolkit's `RemoteDataCenterStatus`, as the application forwards it to a sink. */
export function statusChange(observer: string, tuple: Readonly<Record<string, unknown>>, clock: Clock, readAtMs: number): StatusChange | undefined {
  const { remote, up, time } = tuple;
  if (typeof remote !== "string" || typeof up !== "boolean") return undefined;
  const atMs = typeof time === "number" ? Math.min(readAtMs, time - clock.wallAnchorMs) : readAtMs;
  return { observer, remote, up, atMs, readAtMs };
}

/**
 * A failover, inferred from the survivor's status stream: the toolkit in `to` declared the
 * remote down, which in active mode is the takeover on the same tick. The toolkit has no API;
 * the application forwarding `RemoteDataCenterStatus` to an EndpointSink (as the reference
 * recommends, and the demo application does) is what makes it observable.
 */
export function findFailover(changes: readonly StatusChange[], to: string, from: string | undefined): StatusChange | undefined {
  return changes.find((c) => c.observer === to && !c.up && (from === undefined || c.remote === from) && c.remote !== to);
}
