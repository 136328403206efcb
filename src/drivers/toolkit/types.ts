import type { DcRole } from "../../runtime/journal/events.js";

export type { DcRole };

/**
 * What the failover observer reports. Times are milliseconds on the run's clock. The
 * toolkit has no API: every event is an inference from signals a real deployment shows,
 * named in `signals` so that a reader can judge it (docs/drivers.md, "Failover observer").
 */
export type ObserverEvent =
  | { readonly type: "dc-unreachable"; readonly dc: string; readonly atMs: number; readonly signals: readonly string[] }
  | { readonly type: "dc-reachable"; readonly dc: string; readonly atMs: number; readonly signals: readonly string[] }
  | { readonly type: "role-changed"; readonly dc: string; readonly from: DcRole; readonly to: DcRole; readonly atMs: number; readonly signals: readonly string[] }
  | {
      readonly type: "failover";
      readonly from: string;
      readonly to: string;
      /** When the observer first saw the old active side fail (unreachable, unhealthy, silent). */
      readonly detectedAtMs: number;
      /** When the survivor was first seen acting as active. */
      readonly takeoverAtMs: number;
      /**
       * When the survivor was last seen standing by: the takeover came after it. Rounds that saw
       * nothing of it (a flaky API) lie between the two; a reader of its sinks may have seen its
       * first tuple in them.
       */
      readonly takeoverAfterMs?: number;
      /** The first tuple read at a sink of the survivor after the takeover, if the sinks are watched. */
      readonly firstTupleAtMs?: number;
      readonly signals: readonly string[];
    };
