import type { AppManifest } from "../bundle/manifest.js";
import {
  JobRecord,
  OperatorConnectionRecord,
  OperatorPortRecord,
  OperatorRecord,
  PeConnectionRecord,
  PePortRecord,
  PeRecord,
  type CpuAccount,
} from "./entities.js";
import { MetricCell, MetricSet, SYSTEM_METRICS, systemMetrics } from "./metrics.js";
import type { SubmitParameter } from "./types.js";
import { ViewRecord } from "./views.js";

export interface JobIdentity {
  readonly id: string;
  readonly name: string;
  readonly bundleId: string;
  readonly startedBy: string;
  readonly submitTime: number;
  readonly jobGroup: string;
  readonly generationId: string;
  readonly submitParameters: readonly SubmitParameter[];
  readonly overlay: unknown;
  readonly tracing: string;
}

export interface JobBuildContext {
  readonly now: () => number;
  readonly random: () => number;
  readonly nextPeId: () => string;
  /** the host of a new PE (round robin over the instance's running hosts) */
  readonly placePe: () => string;
}

// A PE idles at 1–2% of a core plus a little per operator; memory starts at 20–25 MB plus
// 3 MB per operator and wobbles ±4% over a minute, plus what its queues hold.
const CPU_IDLE_SHARE = 0.01;
const CPU_SHARE_PER_OPERATOR = 0.004;
const MEMORY_BASE_KB = 20_000;
const MEMORY_PER_OPERATOR_KB = 3_000;
const MEMORY_WOBBLE = 0.04;
const MEMORY_PERIOD_MS = 60_000;
const KB_PER_QUEUED_TUPLE = 0.5;
const RESIDENT_SHARE = 0.7;

/** Builds a job's object graph (PEs, operators, ports, connections, metrics) from its manifest. */
export function buildJob(identity: JobIdentity, manifest: AppManifest, ctx: JobBuildContext): JobRecord {
  const job = new JobRecord(
    identity.id,
    identity.name,
    manifest,
    identity.bundleId,
    identity.startedBy,
    identity.submitTime,
    identity.jobGroup,
    identity.generationId,
    identity.submitParameters,
    identity.overlay,
    identity.tracing,
  );
  const byName = new Map<string, OperatorRecord>();
  let operatorIndex = 0;
  for (const spec of manifest.pes) {
    const cpu: CpuAccount = {
      foldedMs: 0,
      since: undefined,
      share: CPU_IDLE_SHARE * (1 + ctx.random()) + CPU_SHARE_PER_OPERATOR * spec.operators.length,
    };
    const memoryBase = MEMORY_BASE_KB * (1 + 0.25 * ctx.random()) + MEMORY_PER_OPERATOR_KB * spec.operators.length;
    const pe = new PeRecord(ctx.nextPeId(), job, spec.index, ctx.placePe(), cpu, memoryBase, ctx.random() * 2 * Math.PI);
    job.pes.push(pe);
    for (const opSpec of spec.operators) {
      const op = new OperatorRecord(opSpec.name, opSpec.kind, operatorIndex++, job, pe, opSpec.params);
      op.inputPorts = range(opSpec.inputPorts).map((i) => portWithMetrics(new OperatorPortRecord("input", i, op)));
      op.outputPorts = range(opSpec.outputPorts).map((i) => portWithMetrics(new OperatorPortRecord("output", i, op)));
      op.metrics = operatorMetrics(op, manifest);
      pe.operators.push(op);
      job.operators.push(op);
      byName.set(op.name, op);
    }
  }
  for (const c of manifest.connections) {
    const from = byName.get(c.from.operator)!.outputPorts[c.from.port]!;
    const to = byName.get(c.to.operator)!.inputPorts[c.to.port]!;
    const connection = new OperatorConnectionRecord(from, to);
    from.connections.push(connection);
    to.connections.push(connection);
    job.connections.push(connection);
  }
  for (const pe of job.pes) addPePorts(pe);
  addPeConnections(job);
  for (const pe of job.pes) pe.metrics = peMetrics(pe, ctx.now);
  job.views = (manifest.views ?? []).map((spec) => new ViewRecord(spec, job, ctx.now()));
  return job;
}

function portWithMetrics(port: OperatorPortRecord): OperatorPortRecord {
  port.metrics = systemMetrics(port.direction === "input" ? "inputPort" : "outputPort");
  return port;
}

/** An operator's metrics: its ports' system metrics summed (reading only), then its custom metrics. */
function operatorMetrics(op: OperatorRecord, manifest: AppManifest): MetricSet {
  const set = new MetricSet();
  const sums: Array<[readonly OperatorPortRecord[], "inputPort" | "outputPort"]> = [
    [op.inputPorts, "inputPort"],
    [op.outputPorts, "outputPort"],
  ];
  for (const [ports, scope] of sums) {
    if (ports.length === 0) continue;
    for (const def of SYSTEM_METRICS[scope]) {
      set.add(new MetricCell(def.name, def.kind, "system", def.description, () => ports.reduce((s, p) => s + p.metrics.get(def.name)!.value, 0)));
    }
  }
  for (const custom of manifest.customMetrics.filter((m) => m.operator === op.name)) {
    set.add(new MetricCell(custom.name, custom.kind, "custom", custom.description ?? ""));
  }
  return set;
}

/** PE ports are the operator ports whose streams cross the PE's boundary. */
function addPePorts(pe: PeRecord): void {
  for (const op of pe.operators) {
    for (const port of op.outputPorts) {
      const crossing = port.connections.filter((c) => c.to.operator.pe !== pe);
      if (crossing.length === 0) continue;
      const pePort = new PePortRecord("output", pe.outputPorts.length, pe, port);
      pePort.metrics = systemMetrics("peOutputPort", {
        nTuplesSubmitted: () => port.metrics.get("nTuplesSubmitted")!.value,
        nTuplesTransmitted: () => port.metrics.get("nTuplesSubmitted")!.value * crossing.length,
      });
      pe.outputPorts.push(pePort);
    }
    for (const port of op.inputPorts) {
      if (!port.connections.some((c) => c.from.operator.pe !== pe)) continue;
      const pePort = new PePortRecord("input", pe.inputPorts.length, pe, port);
      pePort.metrics = systemMetrics("peInputPort", { nTuplesProcessed: () => port.metrics.get("nTuplesProcessed")!.value });
      pe.inputPorts.push(pePort);
    }
  }
}

/** Each stream that crosses PEs is a PE connection, from a PE output port to a PE input port. */
function addPeConnections(job: JobRecord): void {
  for (const c of job.connections) {
    const fromPe = c.from.operator.pe;
    const toPe = c.to.operator.pe;
    if (fromPe === toPe) continue;
    const fromPort = fromPe.outputPorts.find((p) => p.operatorPort === c.from)!;
    const toPort = toPe.inputPorts.find((p) => p.operatorPort === c.to)!;
    const pc = new PeConnectionRecord(fromPort, toPort);
    pc.metrics = systemMetrics("peConnection", {
      congestionFactor: () => {
        const size = c.to.metrics.get("queueSize")!.value;
        return size > 0 ? Math.min(100, (100 * c.to.metrics.get("nTuplesQueued")!.value) / size) : 0;
      },
    });
    c.peConnection = pc;
    fromPort.connections.push(pc);
    toPort.connections.push(pc);
    fromPe.connections.push(pc);
    toPe.connections.push(pc);
    job.peConnections.push(pc);
  }
}

function peMetrics(pe: PeRecord, now: () => number): MetricSet {
  const memory = (): number => {
    if (pe.launchTime === undefined || pe.pid === undefined) return 0;
    const wobble = 1 + MEMORY_WOBBLE * Math.sin((2 * Math.PI * (now() - pe.launchTime)) / MEMORY_PERIOD_MS + pe.memoryPhase);
    const queued = pe.operators.reduce((s, op) => s + op.inputPorts.reduce((q, p) => q + p.metrics.get("nTuplesQueued")!.value, 0), 0);
    return pe.memoryBaseKb * wobble + queued * KB_PER_QUEUED_TUPLE;
  };
  return systemMetrics("pe", {
    nCpuMilliseconds: () => cpuMs(pe.cpu, now()),
    nMemoryConsumption: memory,
    nResidentMemoryConsumption: () => memory() * RESIDENT_SHARE,
  });
}

export const cpuMs = (cpu: CpuAccount, now: number): number => cpu.foldedMs + (cpu.since === undefined ? 0 : (now - cpu.since) * cpu.share);

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
