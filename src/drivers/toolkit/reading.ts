import type { HttpErrorKind } from "../http/errors.js";

/**
 * What one poll saw of one datacenter, as plain data: the inference (infer.ts) is a pure
 * function of these, so it can be tested without a deployment. Absent fields were not seen
 * (not asked, or the answer lacked them).
 */
export interface DcReading {
  /**
   * The REST API answered the job read; false: it gave no answer at all (a reset, a refused
   * connection, a timeout; the kind says which). Neither by itself says anything about the role:
   * only a streak of them does (infer.ts).
   */
  readonly reachable: boolean;
  readonly unreachableKind?: HttpErrorKind;
  /** The API answered, but not what was asked (an error status): the reading says nothing about the role. */
  readonly problem?: string;
  /** No REST reading finished in this round: the one sent earlier is still on its way. Says nothing. */
  readonly pending?: boolean;
  /** When the REST reading was sent: an earlier round's time when it took longer than a round. */
  readonly sentAtMs?: number;
  /** Part of the reading failed (a toolkit counter could not be read): what it cannot say, and why. */
  readonly gap?: string;
  /** The application's job; undefined when the instance has no job of that name. */
  readonly job?: {
    readonly id: string;
    readonly status: string;
    readonly health: string;
    /** The value of the role submission parameter, when the job has one. */
    readonly roleParameter?: string;
  };
  /**
   * `nTuplesSubmitted` of the toolkit's RemoteDataCenterHeartbeatWatchdog: how many times it
   * reported a change of the remote's state. The toolkit reports UP at the first heartbeat and
   * then alternates DOWN, UP, …, so the count's parity is the remote's state: odd up, even
   * (above 0) down.
   */
  readonly watchdogChanges?: number;
  /** `nTuplesSubmitted` of CrossDataCenterReceiverForHB: heartbeats received from the remote. */
  readonly heartbeatsReceived?: number;
  /** Tuples that arrived at the watched sinks since the previous poll; undefined when none are watched or reading failed. */
  readonly sinkTuples?: number;
}

/** The remote's state as the watchdog's count says it. */
export function remoteStateOf(watchdogChanges: number | undefined): "unknown" | "up" | "down" {
  if (watchdogChanges === undefined || watchdogChanges <= 0) return "unknown";
  return watchdogChanges % 2 === 1 ? "up" : "down";
}
