import { cancelJob, stopInstance, stopPe } from "../../drivers/api-faults/index.js";
import type { FaultHost, FaultPlan } from "../../drivers/faults/types.js";
import { bandwidth, isolate, latency, packetLoss, partition, type KeptChannel } from "../../drivers/network/index.js";
import { killPes, locatePes, pausePes, type KillSignal, type PeProcess, type PeView } from "../../drivers/process/index.js";
import { stress } from "../../drivers/resource/index.js";
import { err, ok, type Result } from "../../drivers/result.js";
import { pinHostKeys, restChannels, sshChannels } from "../fault-targets.js";
import type { RuntimeValue } from "../value.js";
import type { WorldError } from "../world.js";
import type { LiveDrivers } from "./drivers.js";
import type { Jobs } from "./jobs.js";
import { restError } from "./jobs.js";

/** What a fault's plan is built from: the drivers, the run's jobs, the fault's id and arguments. */
interface PlanInput {
  readonly d: LiveDrivers;
  readonly jobs: Jobs;
  readonly id: string;
  readonly args: ReadonlyMap<string, RuntimeValue>;
  readonly signal: AbortSignal;
}

type Planned = Result<FaultPlan, WorldError>;
const faultError = (message: string): WorldError => ({ class: "fault-injection", message });
const envError = (message: string): WorldError => ({ class: "environment", message });

/** stress-ng ends by itself after this even if xdc and every undo are gone. */
export const STRESS_BOUND_SECONDS = 3600;

const arg = (args: ReadonlyMap<string, RuntimeValue>, name: string): RuntimeValue | undefined => args.get(name);
const dcOf = (args: ReadonlyMap<string, RuntimeValue>, name: string): string => {
  const v = arg(args, name);
  return v?.kind === "ref" ? v.name : "";
};
const numberOf = (args: ReadonlyMap<string, RuntimeValue>, name: string): number => {
  const v = arg(args, name);
  return v?.kind === "quantity" ? v.value : NaN;
};
const stringOf = (args: ReadonlyMap<string, RuntimeValue>, name: string): string => {
  const v = arg(args, name);
  return v?.kind === "string" ? v.value : "";
};

function hostsOf(d: LiveDrivers, dc: string): Result<FaultHost[], WorldError> {
  const found = d.env.dcs.find((x) => x.name === dc);
  if (!found) return err(envError(`the environment has no datacenter ${dc}`));
  if (found.hosts.length === 0) return err(envError(`the environment lists no hosts for ${dc}: faults on the network and on processes need them`));
  return ok([...found.hosts]);
}

function hostNamed(d: LiveDrivers, v: RuntimeValue | undefined): Result<{ host: FaultHost; dc: string }, WorldError> {
  if (v?.kind !== "host") return err(faultError("expected a host"));
  for (const dc of d.env.dcs) {
    const host = dc.hosts.find((h) => h.ssh.name === v.name || (v.address !== undefined && h.address === v.address));
    if (host) return ok({ host, dc: dc.name });
  }
  return err(envError(`the environment lists no host ${v.name}`));
}

/** Keys pinned for the ledger, and xdc's own channels to the hosts, kept open through network faults. */
async function prepareHosts(d: LiveDrivers, hosts: readonly FaultHost[]): Promise<Result<{ hosts: FaultHost[]; keep: KeptChannel[] }, WorldError>> {
  const pinned = await pinHostKeys(d.ssh, hosts);
  if (!pinned.ok) return err(envError(pinned.error.message));
  const ssh = await sshChannels(d.ssh, pinned.value);
  if (!ssh.ok) return err(envError(ssh.error.message));
  const urls = d.env.dcs.flatMap((x) => [x.streams, ...(x.data ? [x.data] : [])]);
  return ok({ hosts: pinned.value, keep: [...ssh.value, ...restChannels(pinned.value, ssh.value, urls)] });
}

const built = (r: Result<FaultPlan, { message: string }>): Planned => (r.ok ? r : err(faultError(r.error.message)));

/** A cut between the hosts of `sides[0]` and the addresses of the peers' hosts. */
async function filterPlan(p: PlanInput, side: string, peers: readonly string[], label: string, lossPercent?: number): Promise<Planned> {
  const hosts = hostsOf(p.d, side);
  if (!hosts.ok) return hosts;
  const peerAddresses: string[] = [];
  for (const peer of peers) {
    const h = hostsOf(p.d, peer);
    if (!h.ok) return h;
    peerAddresses.push(...h.value.map((x) => x.address));
  }
  const prepared = await prepareHosts(p.d, hosts.value);
  if (!prepared.ok) return prepared;
  const input = { run: p.d.run, id: p.id, hosts: prepared.value.hosts, peers: peerAddresses, keep: prepared.value.keep, label };
  return built(lossPercent === undefined ? (peers.length === 1 ? partition(input) : isolate(input)) : packetLoss({ ...input, lossPercent }));
}

async function linkHosts(p: PlanInput): Promise<Result<{ hosts: FaultHost[]; label: string }, WorldError>> {
  const a = dcOf(p.args, "a");
  const b = dcOf(p.args, "b");
  const ha = hostsOf(p.d, a);
  if (!ha.ok) return ha;
  const hb = hostsOf(p.d, b);
  if (!hb.ok) return hb;
  const pinned = await pinHostKeys(p.d.ssh, [...ha.value, ...hb.value]);
  if (!pinned.ok) return err(envError(pinned.error.message));
  return ok({ hosts: pinned.value, label: `${a} <-> ${b}` });
}

/** The PEs a process fault acts on: one PE, or every PE of the instance on a host. */
async function peTargets(p: PlanInput): Promise<Result<{ views: PeView[]; hosts: FaultHost[] }, WorldError>> {
  const target = arg(p.args, "target");
  if (target?.kind === "pe") {
    const pe = target.id ? { ok: true as const, value: target } : await p.jobs.pe(target.app, target.operator, target.dc, p.signal);
    if (!pe.ok) return pe;
    const api = p.d.streams[target.dc]!;
    const view = await api.pe(pe.value.id!, { signal: p.signal });
    if (!view.ok) return err(restError(target.dc, view.error));
    const hosts = hostsOf(p.d, target.dc);
    if (!hosts.ok) return hosts;
    return ok({ views: [view.value], hosts: hosts.value });
  }
  const named = hostNamed(p.d, target);
  if (!named.ok) return named;
  const pes = await p.d.streams[named.value.dc]!.pes(undefined, { signal: p.signal });
  if (!pes.ok) return err(restError(named.value.dc, pes.error));
  const here = pes.value.filter((x) => x.status === "running" && (x.ipAddress === named.value.host.address || x.ipAddress === named.value.host.ssh.address));
  if (here.length === 0) return err(faultError(`no running PE on ${named.value.host.ssh.name}`));
  return ok({ views: here, hosts: [named.value.host] });
}

async function processPlan(p: PlanInput, make: (targets: PeProcess[]) => Planned): Promise<Planned> {
  const t = await peTargets(p);
  if (!t.ok) return t;
  const pinned = await pinHostKeys(p.d.ssh, t.value.hosts);
  if (!pinned.ok) return err(envError(pinned.error.message));
  const located = locatePes(t.value.views, pinned.value);
  if (!located.ok) return err(faultError(located.error.message));
  return make(located.value);
}

async function stressPlan(p: PlanInput, load: Parameters<typeof stress>[0]["load"]): Promise<Planned> {
  const named = hostNamed(p.d, arg(p.args, "host"));
  if (!named.ok) return named;
  const pinned = await pinHostKeys(p.d.ssh, [named.value.host]);
  if (!pinned.ok) return err(envError(pinned.error.message));
  return built(stress({ run: p.d.run, id: p.id, host: pinned.value[0]!, load, timeoutSeconds: STRESS_BOUND_SECONDS }));
}

function apiEndpoint(p: PlanInput, dc: string): Result<{ url: string; instanceId: string; user: string; passwordEnv: string }, WorldError> {
  const found = p.d.env.dcs.find((x) => x.name === dc);
  if (!found) return err(envError(`the environment has no datacenter ${dc}`));
  return ok({ url: found.streams, instanceId: found.instance, user: found.user, passwordEnv: found.passwordEnv || "XDC_NO_PASSWORD" });
}

/** One row per fault builtin: how its arguments become a plan of commands (drivers/ builders). */
export const FAULT_PLANS: Readonly<Record<string, (p: PlanInput) => Promise<Planned>>> = {
  partition: (p) => filterPlan(p, dcOf(p.args, "a"), [dcOf(p.args, "b")], `${dcOf(p.args, "a")} <-> ${dcOf(p.args, "b")}`),
  isolate: (p) => {
    const dc = dcOf(p.args, "dc");
    const others = p.d.env.dcs.map((x) => x.name).filter((n) => n !== dc);
    return filterPlan(p, dc, others, `${dc} from ${others.join(", ")}`);
  },
  packet_loss: (p) => filterPlan(p, dcOf(p.args, "a"), [dcOf(p.args, "b")], `${dcOf(p.args, "a")} <-> ${dcOf(p.args, "b")}`, numberOf(p.args, "rate")),
  latency: async (p) => {
    const link = await linkHosts(p);
    if (!link.ok) return link;
    return built(latency({ run: p.d.run, id: p.id, ...link.value, delayMs: numberOf(p.args, "delay"), jitterMs: numberOf(p.args, "jitter") || 0 }));
  },
  bandwidth: async (p) => {
    const link = await linkHosts(p);
    if (!link.ok) return link;
    return built(bandwidth({ run: p.d.run, id: p.id, ...link.value, bytesPerSecond: numberOf(p.args, "limit") }));
  },
  kill: (p) => processPlan(p, (targets) => built(killPes({ run: p.d.run, id: p.id, targets, signal: (stringOf(p.args, "signal") || "KILL") as KillSignal }))),
  pause: (p) => processPlan(p, (targets) => built(pausePes({ run: p.d.run, id: p.id, targets }))),
  stress_cpu: (p) => stressPlan(p, { kind: "stress_cpu", workers: numberOf(p.args, "workers"), loadPercent: numberOf(p.args, "load") }),
  stress_memory: (p) => stressPlan(p, { kind: "stress_memory", bytes: numberOf(p.args, "size") }),
  stress_disk: (p) => stressPlan(p, { kind: "stress_disk", bytes: numberOf(p.args, "size"), path: stringOf(p.args, "path") || "/tmp" }),
  cancel_job: async (p) => {
    const app = arg(p.args, "app");
    const dc = dcOf(p.args, "on");
    if (app?.kind !== "app") return err(faultError("cancel_job: expected an application"));
    const job = await p.jobs.job(app, dc, p.signal);
    if (!job.ok) return job;
    const endpoint = apiEndpoint(p, dc);
    if (!endpoint.ok) return endpoint;
    return built(cancelJob({ run: p.d.run, id: p.id, dc, endpoint: endpoint.value, jobId: job.value.id }));
  },
  stop_pe: async (p) => {
    const target = arg(p.args, "pe");
    if (target?.kind !== "pe") return err(faultError("stop_pe: expected a PE"));
    const pe = target.id ? { ok: true as const, value: target } : await p.jobs.pe(target.app, target.operator, target.dc, p.signal);
    if (!pe.ok) return pe;
    const endpoint = apiEndpoint(p, target.dc);
    if (!endpoint.ok) return endpoint;
    return built(stopPe({ run: p.d.run, id: p.id, dc: target.dc, endpoint: endpoint.value, peId: pe.value.id! }));
  },
  stop_instance: async (p) => {
    const dc = dcOf(p.args, "dc");
    const endpoint = apiEndpoint(p, dc);
    if (!endpoint.ok) return endpoint;
    return built(stopInstance({ run: p.d.run, id: p.id, dc, endpoint: endpoint.value }));
  },
};

export type { PlanInput };
