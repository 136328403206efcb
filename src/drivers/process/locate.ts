import { inputError, type FaultInputError } from "../faults/input.js";
import type { FaultHost } from "../faults/types.js";
import { err, ok, type Result } from "../result.js";
import type { PeProcess } from "./signals.js";

/** What the REST API says about a PE that process faults need (fields of the `pe` element). */
export interface PeView {
  readonly id: string;
  readonly status: string;
  /** The pid of the PE's process; absent or empty while it is not running. */
  readonly processId?: string | number;
  /** The address of the host it runs on (the PE's `ipAddress`, or its resource's). */
  readonly ipAddress?: string;
}

/**
 * Finds the process of each PE on the environment's hosts: the host by the address Streams
 * reports, the pid as Streams reports it. A PE that is not running, or that runs on a host the
 * environment does not list, is an error that names it, never a guess.
 */
export function locatePes(pes: readonly PeView[], hosts: readonly FaultHost[]): Result<PeProcess[], FaultInputError> {
  const found: PeProcess[] = [];
  for (const pe of pes) {
    const pid = Number(pe.processId);
    if (pe.processId === undefined || pe.processId === "" || !Number.isInteger(pid) || pid < 2) return err(inputError(`PE ${pe.id} has no process (status ${pe.status})`));
    const host = hosts.find((h) => h.address === pe.ipAddress || h.ssh.address === pe.ipAddress);
    if (!host) return err(inputError(`PE ${pe.id} runs on ${pe.ipAddress ?? "an unknown host"}, which the environment does not list`));
    found.push({ host, pid, pe: `PE ${pe.id}` });
  }
  return ok(found);
}
