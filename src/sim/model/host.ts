import type { PeRecord } from "./entities.js";
import { systemMetrics, type MetricSet } from "./metrics.js";
import type { Host, HostSpec, HostStatus } from "./types.js";

const DEFAULT_CORES = 4;

/** A host (a Streams "resource") of the instance; its metrics add up the PEs placed on it. */
export class HostRecord implements Host {
  status: HostStatus = "running";
  readonly id: string;
  readonly displayName: string;
  readonly ipAddress: string;
  readonly tags: readonly string[];
  readonly cores: number;
  readonly metrics: MetricSet;

  constructor(spec: HostSpec, pes: () => readonly PeRecord[]) {
    this.id = spec.id;
    this.displayName = spec.displayName ?? spec.id;
    this.ipAddress = spec.ipAddress;
    this.tags = spec.tags ?? ["application"];
    this.cores = spec.cores ?? DEFAULT_CORES;
    const working = () => pes().filter((pe) => pe.cpu.since !== undefined);
    this.metrics = systemMetrics("host", {
      nRunningPes: () => pes().filter((pe) => pe.status === "running").length,
      cpuUtilization: () => (100 * working().reduce((s, pe) => s + pe.cpu.share, 0)) / this.cores,
      nMemoryConsumption: () => pes().reduce((s, pe) => s + pe.metrics.get("nMemoryConsumption")!.value, 0),
    });
  }
}
