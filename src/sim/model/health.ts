import type { ConnectionState, Health, HostStatus, InstanceStatus, PeStatus } from "./types.js";

/** A PE's health from its status and its required connections, as Streams judges it. */
export function peHealth(status: PeStatus, connections: ConnectionState): Health {
  if (status === "unknown") return "unknown";
  if (status !== "running") return "unhealthy";
  return CONNECTED_HEALTH[connections];
}

const CONNECTED_HEALTH: Record<ConnectionState, Health> = {
  connected: "healthy",
  partiallyConnected: "partiallyHealthy",
  disconnected: "partiallyUnhealthy",
  unknown: "unknown",
};

// How much each health counts when a job's PEs (or an instance's jobs) are rolled into one.
const SCORE: Record<Exclude<Health, "unknown">, number> = { healthy: 1, partiallyHealthy: 0.75, partiallyUnhealthy: 0.25, unhealthy: 0 };

/**
 * The health of a whole from the health of its parts: healthy only if every part is, unhealthy
 * only if every part is, otherwise partially healthy or unhealthy by the average. Parts of
 * unknown health are left out; a whole with no parts is healthy.
 */
export function rollUp(parts: readonly Health[]): Health {
  const known = parts.filter((h): h is Exclude<Health, "unknown"> => h !== "unknown");
  if (known.length === 0) return parts.length === 0 ? "healthy" : "unknown";
  const mean = known.reduce((s, h) => s + SCORE[h], 0) / known.length;
  if (mean === 1) return "healthy";
  if (mean === 0) return "unhealthy";
  return mean >= 0.5 ? "partiallyHealthy" : "partiallyUnhealthy";
}

/** The state of a set of connections: all up, some up, none up (no connections: connected). */
export function connectionsState(up: readonly boolean[]): ConnectionState {
  const n = up.filter(Boolean).length;
  if (n === up.length) return "connected";
  return n === 0 ? "disconnected" : "partiallyConnected";
}

/** A started instance is failed when none of its hosts runs, partially failed when some do not. */
export function instanceStatus(started: boolean, hosts: readonly HostStatus[]): InstanceStatus {
  if (!started) return "stopped";
  const failed = hosts.filter((s) => s === "failed").length;
  if (failed === 0) return "running";
  return failed === hosts.length ? "failed" : "partiallyFailed";
}

const HOST_HEALTH: Record<HostStatus, Health> = { running: "healthy", quiesced: "healthy", failed: "unhealthy", unknown: "unknown" };

export function instanceHealth(status: InstanceStatus, jobs: readonly Health[], hosts: readonly HostStatus[]): Health {
  if (status === "stopped" || status === "starting" || status === "stopping" || status === "unknown") return "unknown";
  if (status === "failed") return "unhealthy";
  return rollUp([...jobs, ...hosts.map((h) => HOST_HEALTH[h])]);
}
