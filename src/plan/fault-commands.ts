import { cancelJob, stopInstance, stopPe } from "../drivers/api-faults/index.js";
import type { Action, ApiEndpoint, FaultHost, FaultPlan } from "../drivers/faults/types.js";
import { faultTag } from "../drivers/faults/types.js";
import { bandwidth, isolate, latency, packetLoss, partition, qdiscHandle, type FilterFaultInput, type KeptChannel } from "../drivers/network/index.js";
import { killPes, pausePes, type KillSignal, type PeProcess } from "../drivers/process/index.js";
import { stress, type StressLoad } from "../drivers/resource/index.js";
import { err, ok, type Result } from "../drivers/result.js";
import { restChannels } from "../runtime/fault-targets.js";
import { STRESS_BOUND_SECONDS } from "../runtime/live/fault-plans.js";
import type { RuntimeValue } from "../runtime/value.js";
import type { WorldError } from "../runtime/world.js";
import { Placeholders } from "./placeholders.js";
import { faultHosts, type PlanTarget } from "./target.js";

/**
 * The commands a fault would run and those that would undo it, made by the same builders of
 * drivers/ that a live run uses, from the environment the scenario would run in, without
 * contacting anything. Arguments are mapped as src/runtime/live/fault-plans.ts maps them; what
 * only the live run can look up (PE pids, job ids, the run's id, xdc's own address) is a
 * placeholder that says what it stands for.
 */
export interface PlannedFault {
  readonly plan: FaultPlan;
  /** `dc1-h1: sudo -n iptables …`, `dc1 REST: cancelJob jobId=<…>`, one per step. */
  readonly commands: readonly string[];
  readonly undo: readonly string[];
}

interface Input {
  readonly target: PlanTarget;
  readonly id: string;
  readonly args: ReadonlyMap<string, RuntimeValue>;
  readonly p: Placeholders;
}

type Built = Result<FaultPlan, WorldError>;

/** Stands in for the run's id, which a live run draws from the wall clock. */
const RUN = "planned";

const faultError = (message: string): WorldError => ({ class: "fault-injection", message });
const envError = (message: string): WorldError => ({ class: "environment", message });
const built = (r: Result<FaultPlan, { message: string }>): Built => (r.ok ? r : err(faultError(r.error.message)));
const hostsOf = (i: Input, dc: string): Result<FaultHost[], WorldError> => {
  const h = faultHosts(i.target, dc);
  return h.ok ? h : err(envError(h.error));
};

const dcOf = (i: Input, name: string): string => {
  const v = i.args.get(name);
  return v?.kind === "ref" ? v.name : "";
};
const numberOf = (i: Input, name: string): number => {
  const v = i.args.get(name);
  return v?.kind === "quantity" ? v.value : NaN;
};
const stringOf = (i: Input, name: string): string => {
  const v = i.args.get(name);
  return v?.kind === "string" ? v.value : "";
};

/** xdc's own channels to the hosts (its SSH sessions, and REST APIs a host serves), which network faults keep open. */
function keptChannels(i: Input, hosts: readonly FaultHost[]): KeptChannel[] {
  const ssh = hosts.map((h) => ({
    host: h.ssh.name,
    peer: i.p.address(`address of xdc as ${h.ssh.name} sees it`),
    port: i.target.sshPortsKnownOnlyLive ? i.p.port(`SSH port of ${h.ssh.name}`) : h.ssh.port,
    what: "ssh",
  }));
  const urls = i.target.environment.dcs.flatMap((d) => [d.streams, d.data].filter((u): u is string => u !== undefined));
  return [...ssh, ...restChannels(hosts, ssh, urls)];
}

/** Rules on the hosts of `side` against the addresses of the peers' hosts (partition, isolate, packet loss). */
function filterPlan(i: Input, side: string, peers: readonly string[], label: string, make: (input: FilterFaultInput) => Result<FaultPlan, { message: string }>): Built {
  const hosts = hostsOf(i, side);
  if (!hosts.ok) return hosts;
  const peerAddresses: string[] = [];
  for (const peer of peers) {
    const h = hostsOf(i, peer);
    if (!h.ok) return h;
    peerAddresses.push(...h.value.map((x) => x.address));
  }
  const input = { run: RUN, id: i.id, hosts: hosts.value, peers: peerAddresses, keep: keptChannels(i, hosts.value), label };
  return built(make(input));
}

/** Both ends of a link, for the qdisc faults (latency, bandwidth). */
function linkHosts(i: Input): Result<{ hosts: FaultHost[]; label: string }, WorldError> {
  const [a, b] = [dcOf(i, "a"), dcOf(i, "b")];
  const ha = hostsOf(i, a);
  if (!ha.ok) return ha;
  const hb = hostsOf(i, b);
  if (!hb.ok) return hb;
  i.p.derived(`${qdiscHandle(RUN, i.id)}:`, `<handle of ${i.id}>:`);
  return ok({ hosts: [...ha.value, ...hb.value], label: `${a} <-> ${b}` });
}

/** The environment's host that a `host(…)` or `hosts(dc)[k]` value names, by name or address. */
function hostNamed(i: Input, v: RuntimeValue | undefined): Result<FaultHost, WorldError> {
  if (v?.kind !== "host") return err(faultError("expected a host"));
  for (const dc of i.target.environment.dcs) {
    const hosts = faultHosts(i.target, dc.name);
    const host = hosts.ok ? hosts.value.find((h) => h.ssh.name === v.name || (v.address !== undefined && h.address === v.address)) : undefined;
    if (host) return ok(host);
  }
  return err(envError(`the environment lists no host ${v.name}`));
}

/**
 * The processes a process fault signals. A PE's host and pid come from the REST API when the
 * fault is applied: here the host is one of its datacenter's (as whom and how xdc logs in is
 * the same on each), named for what it stands for.
 */
function peTargets(i: Input): Result<PeProcess[], WorldError> {
  const target = i.args.get("target");
  if (target?.kind === "pe") {
    const hosts = hostsOf(i, target.dc);
    if (!hosts.ok) return hosts;
    const pe = `the PE running ${target.operator}`;
    const model = hosts.value[0]!;
    const host: FaultHost = { ...model, ssh: { ...model.ssh, name: `<host of ${pe} in ${target.dc}>` }, address: i.p.address(`address of ${pe}`) };
    return ok([{ host, pid: i.p.pid(`pid of ${pe}`), pe }]);
  }
  const host = hostNamed(i, target);
  if (!host.ok) return host;
  return ok([{ host: host.value, pid: i.p.pid(`pids of the PEs on ${host.value.ssh.name}`), pe: "every PE" }]);
}

function processPlan(i: Input, make: (targets: PeProcess[]) => Result<FaultPlan, { message: string }>): Built {
  const t = peTargets(i);
  if (!t.ok) return t;
  return built(make(t.value));
}

function stressPlan(i: Input, load: StressLoad): Built {
  const host = hostNamed(i, i.args.get("host"));
  if (!host.ok) return host;
  return built(stress({ run: RUN, id: i.id, host: host.value, load, timeoutSeconds: STRESS_BOUND_SECONDS }));
}

/** How the API faults reach a datacenter's REST API; the twin's URL is known only once it runs, and no command shows it. */
function apiEndpoint(i: Input, dc: string): Result<ApiEndpoint, WorldError> {
  const found = i.target.environment.dcs.find((x) => x.name === dc);
  if (!found) return err(envError(`the environment has no datacenter ${dc}`));
  const passwordEnv = typeof found.password === "object" ? found.password.secret : "XDC_NO_PASSWORD";
  return ok({ url: found.streams ?? `http://${i.p.address(`REST API of ${dc}`)}/`, ...(found.instance ? { instanceId: found.instance } : {}), user: found.user ?? "streamsadmin", passwordEnv });
}

/** One row per fault builtin: how its arguments become a plan of commands. */
const FAULT_COMMANDS: Readonly<Record<string, (i: Input) => Built>> = {
  partition: (i) => filterPlan(i, dcOf(i, "a"), [dcOf(i, "b")], `${dcOf(i, "a")} <-> ${dcOf(i, "b")}`, partition),
  isolate: (i) => {
    const dc = dcOf(i, "dc");
    const others = i.target.environment.dcs.map((x) => x.name).filter((n) => n !== dc);
    return filterPlan(i, dc, others, `${dc} from ${others.join(", ")}`, isolate);
  },
  packet_loss: (i) => filterPlan(i, dcOf(i, "a"), [dcOf(i, "b")], `${dcOf(i, "a")} <-> ${dcOf(i, "b")}`, (input) => packetLoss({ ...input, lossPercent: numberOf(i, "rate") })),
  latency: (i) => {
    const link = linkHosts(i);
    return link.ok ? built(latency({ run: RUN, id: i.id, ...link.value, delayMs: numberOf(i, "delay"), jitterMs: numberOf(i, "jitter") || 0 })) : link;
  },
  bandwidth: (i) => {
    const link = linkHosts(i);
    return link.ok ? built(bandwidth({ run: RUN, id: i.id, ...link.value, bytesPerSecond: numberOf(i, "limit") })) : link;
  },
  kill: (i) => processPlan(i, (targets) => killPes({ run: RUN, id: i.id, targets, signal: (stringOf(i, "signal") || "KILL") as KillSignal })),
  pause: (i) => processPlan(i, (targets) => pausePes({ run: RUN, id: i.id, targets })),
  stress_cpu: (i) => stressPlan(i, { kind: "stress_cpu", workers: numberOf(i, "workers"), loadPercent: numberOf(i, "load") }),
  stress_memory: (i) => stressPlan(i, { kind: "stress_memory", bytes: numberOf(i, "size") }),
  stress_disk: (i) => stressPlan(i, { kind: "stress_disk", bytes: numberOf(i, "size"), path: stringOf(i, "path") || "/tmp" }),
  cancel_job: (i) => {
    const app = i.args.get("app");
    const dc = dcOf(i, "on");
    if (app?.kind !== "app") return err(faultError("cancel_job: expected an application"));
    const endpoint = apiEndpoint(i, dc);
    if (!endpoint.ok) return endpoint;
    return built(cancelJob({ run: RUN, id: i.id, dc, endpoint: endpoint.value, jobId: i.p.restId(`id of the job of ${app.name} in ${dc}`) }));
  },
  stop_pe: (i) => {
    const pe = i.args.get("pe");
    if (pe?.kind !== "pe") return err(faultError("stop_pe: expected a PE"));
    const endpoint = apiEndpoint(i, pe.dc);
    if (!endpoint.ok) return endpoint;
    return built(stopPe({ run: RUN, id: i.id, dc: pe.dc, endpoint: endpoint.value, peId: i.p.restId(`id of the PE running ${pe.operator}`) }));
  },
  stop_instance: (i) => {
    const dc = dcOf(i, "dc");
    const endpoint = apiEndpoint(i, dc);
    return endpoint.ok ? built(stopInstance({ run: RUN, id: i.id, dc, endpoint: endpoint.value })) : endpoint;
  },
};

/** A step as the plan shows it: the host and its command line, or the datacenter's REST call with its arguments. */
function stepLine(a: Action, p: Placeholders): string {
  if (a.via === "ssh") return `${a.host}: ${p.fill(a.line)}`;
  const { op, ...rest } = a.call;
  return [`${a.dc} REST: ${op}`, ...Object.entries(rest).map(([k, v]) => `${k}=${p.fill(String(v))}`)].join(" ");
}

/** The fault's plan and its commands, or why a live run would fail to build it. */
export function plannedFault(target: PlanTarget, id: string, builtin: string, args: ReadonlyMap<string, RuntimeValue>): Result<PlannedFault, WorldError> {
  const make = FAULT_COMMANDS[builtin];
  if (!make) return err({ class: "internal", message: `no plan of commands for the fault ${builtin}` });
  const p = new Placeholders();
  // Rules and processes carry the fault's tag, `xdc.RUN.ID`; the run's id is drawn when it starts.
  p.derived(faultTag(RUN, id), faultTag("<run>", id));
  const plan = make({ target, id, args, p });
  if (!plan.ok) return plan;
  const filled: FaultPlan = { ...plan.value, summary: p.fill(plan.value.summary) };
  return ok({ plan: filled, commands: plan.value.apply.map((a) => stepLine(a, p)), undo: plan.value.undo.map((a) => stepLine(a, p)) });
}

/** Every fault builtin the plan can show commands for (a test checks this is every fault of the registry). */
export const PLANNED_FAULTS: readonly string[] = Object.keys(FAULT_COMMANDS);
