import type { StreamsInstance } from "../model/instance.js";
import type { MetricScope, MetricSet } from "../model/metrics.js";
import type { Health } from "../model/types.js";

/**
 * The instance in the Prometheus text exposition format 0.0.4: one family per metric, names
 * `streams_…` in base units (seconds, bytes, ratios), counters ending in `_total`, labels
 * `instance, job, job_name, pe, operator, port, host`. Note for scrape configs: `instance` and
 * `job` clash with Prometheus' own target labels; set `honor_labels: true` to keep these.
 */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

type Labels = Readonly<Record<string, string>>;
type FamilyType = "counter" | "gauge";

interface PromName {
  readonly name: string;
  /** multiplies the Streams value into the base unit */
  readonly scale?: number;
}

const PREFIX: Readonly<Record<MetricScope, string>> = {
  inputPort: "streams_operator_input_port_",
  outputPort: "streams_operator_output_port_",
  pe: "streams_pe_",
  peInputPort: "streams_pe_input_port_",
  peOutputPort: "streams_pe_output_port_",
  peConnection: "streams_pe_connection_",
  host: "streams_host_",
};

/** Streams' system metric names as Prometheus names (without the scope's prefix). */
const SYSTEM_NAMES: Readonly<Record<MetricScope, Readonly<Record<string, PromName>>>> = {
  inputPort: {
    nTuplesProcessed: { name: "tuples_processed_total" },
    nTuplesDropped: { name: "tuples_dropped_total" },
    nTuplesQueued: { name: "tuples_queued" },
    queueSize: { name: "queue_size" },
    nWindowPunctsProcessed: { name: "window_puncts_processed_total" },
    nFinalPunctsProcessed: { name: "final_puncts_processed_total" },
  },
  outputPort: {
    nTuplesSubmitted: { name: "tuples_submitted_total" },
    nWindowPunctsSubmitted: { name: "window_puncts_submitted_total" },
    nFinalPunctsSubmitted: { name: "final_puncts_submitted_total" },
  },
  pe: {
    nCpuMilliseconds: { name: "cpu_seconds_total", scale: 1 / 1000 },
    nMemoryConsumption: { name: "memory_bytes", scale: 1024 },
    nResidentMemoryConsumption: { name: "resident_memory_bytes", scale: 1024 },
  },
  peInputPort: {
    nTuplesProcessed: { name: "tuples_processed_total" },
    nTupleBytesProcessed: { name: "tuple_bytes_processed_total" },
  },
  peOutputPort: {
    nTuplesSubmitted: { name: "tuples_submitted_total" },
    nTupleBytesSubmitted: { name: "tuple_bytes_submitted_total" },
    nTuplesTransmitted: { name: "tuples_transmitted_total" },
    nBrokenConnections: { name: "broken_connections_total" },
  },
  peConnection: { congestionFactor: { name: "congestion_factor" } },
  host: {
    nRunningPes: { name: "running_pes" },
    cpuUtilization: { name: "cpu_utilization_ratio", scale: 1 / 100 },
    nMemoryConsumption: { name: "memory_bytes", scale: 1024 },
  },
};

const HEALTHY: Readonly<Record<Health, number>> = { healthy: 1, partiallyHealthy: 0, partiallyUnhealthy: 0, unhealthy: 0, unknown: 0 };

class Exposition {
  private readonly families = new Map<string, { help: string; type: FamilyType; lines: string[] }>();

  add(name: string, type: FamilyType, help: string, labels: Labels, value: number): void {
    let family = this.families.get(name);
    if (!family) {
      family = { help, type, lines: [] };
      this.families.set(name, family);
    }
    family.lines.push(`${name}${formatLabels(labels)} ${formatValue(value)}`);
  }

  toString(): string {
    let out = "";
    for (const [name, f] of this.families) out += `# HELP ${name} ${escapeHelp(f.help)}\n# TYPE ${name} ${f.type}\n${f.lines.join("\n")}\n`;
    return out;
  }
}

/** Every system and custom metric of the instance, plus its jobs', PEs' and hosts' state. */
export function renderMetrics(instance: StreamsInstance): string {
  const x = new Exposition();
  const base = { instance: instance.id };
  x.add("streams_instance_info", "gauge", "The instance, with its status and health as labels (always 1)", { ...base, product_version: instance.productVersion, status: instance.status, health: instance.health }, 1);
  x.add("streams_instance_up", "gauge", "1 while the instance runs", base, instance.status === "running" || instance.status === "partiallyFailed" ? 1 : 0);
  x.add("streams_instance_start_time_seconds", "gauge", "When the instance started, in seconds since the epoch", base, instance.startTime / 1000);
  x.add("streams_instance_jobs", "gauge", "Number of jobs in the instance", base, instance.jobs().length);
  for (const host of instance.hosts()) {
    const labels = { ...base, host: host.id };
    x.add("streams_host_up", "gauge", "1 while the host runs (or is quiesced)", labels, host.status === "failed" || host.status === "unknown" ? 0 : 1);
    addSet(x, "host", host.metrics, labels);
  }
  for (const job of instance.jobs()) {
    const jobLabels = { ...base, job: job.id, job_name: job.name };
    x.add("streams_job_info", "gauge", "A job, with its application, group, status and health as labels (always 1)", { ...jobLabels, application: job.applicationName, job_group: job.jobGroup, status: job.status, health: job.health }, 1);
    x.add("streams_job_healthy", "gauge", "1 when every PE of the job is healthy", jobLabels, HEALTHY[job.health]);
    x.add("streams_job_submit_time_seconds", "gauge", "When the job was submitted, in seconds since the epoch", jobLabels, job.submitTime / 1000);
    for (const pe of job.pes) {
      const peLabels = { ...jobLabels, pe: pe.id, host: pe.hostId };
      x.add("streams_pe_info", "gauge", "A PE, with its status, reason and health as labels (always 1)", { ...peLabels, status: pe.status, status_reason: pe.statusReason, health: pe.health }, 1);
      x.add("streams_pe_healthy", "gauge", "1 when the PE is healthy", peLabels, HEALTHY[pe.health]);
      x.add("streams_pe_launches_total", "counter", "How many times the PE's process was launched (Streams' launchCount)", peLabels, pe.launchCount);
      addSet(x, "pe", pe.metrics, peLabels);
      for (const port of pe.inputPorts) addSet(x, "peInputPort", port.metrics, { ...peLabels, port: String(port.index) });
      for (const port of pe.outputPorts) addSet(x, "peOutputPort", port.metrics, { ...peLabels, port: String(port.index) });
      for (const op of pe.operators) {
        const opLabels = { ...jobLabels, pe: pe.id, operator: op.name };
        for (const port of op.inputPorts) addSet(x, "inputPort", port.metrics, { ...opLabels, port: String(port.index) });
        for (const port of op.outputPorts) addSet(x, "outputPort", port.metrics, { ...opLabels, port: String(port.index) });
        for (const m of op.metrics.list().filter((c) => c.type === "custom")) {
          const type: FamilyType = m.kind === "counter" ? "counter" : "gauge";
          const name = `streams_operator_custom_${snake(m.name)}${type === "counter" ? "_total" : ""}`;
          x.add(name, type, `Custom metric ${m.name}${m.description ? `: ${m.description}` : ""}`, opLabels, m.value);
        }
      }
    }
    for (const c of job.peConnections) addSet(x, "peConnection", c.metrics, { ...jobLabels, connection: c.id });
  }
  return x.toString();
}

function addSet(x: Exposition, scope: MetricScope, set: MetricSet, labels: Labels): void {
  for (const m of set.list()) {
    const prom = SYSTEM_NAMES[scope][m.name];
    if (!prom) continue;
    x.add(`${PREFIX[scope]}${prom.name}`, m.kind === "counter" ? "counter" : "gauge", `${m.description} (Streams metric ${m.name})`, labels, m.value * (prom.scale ?? 1));
  }
}

/** `nEnriched` → `enriched`, `queueSize` → `queue_size`; anything outside [a-z0-9_] becomes `_`. */
export function snake(name: string): string {
  const bare = /^n[A-Z]/.test(name) ? name.slice(1) : name;
  return bare
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
}

function formatLabels(labels: Labels): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "+Inf" : "-Inf";
  return String(Number.isInteger(v) ? v : Number(v.toPrecision(12)));
}

const escapeHelp = (help: string): string => help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
