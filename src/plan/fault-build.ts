import { cancelJob, stopInstance, stopPe, type Resubmission } from "../drivers/api-faults/index.js";
import type { ApiEndpoint, FaultHost, FaultPlan } from "../drivers/faults/types.js";
import { bandwidth, isolate, latency, packetLoss, partition, type FilterFaultInput, type KeptChannel } from "../drivers/network/index.js";
import { killPes, pausePes, type KillSignal, type PeProcess } from "../drivers/process/index.js";
import { stress, type StressLoad } from "../drivers/resource/index.js";
import { err, ok, type Result } from "../drivers/result.js";
import type { AppRef, PeRef, RuntimeValue } from "../runtime/value.js";
import type { WorldError } from "../runtime/world.js";

/** stress-ng ends by itself after this even if xdc and every undo are gone. */
export const STRESS_BOUND_SECONDS = 3600;

/** An answer: at once (`xdc plan` knows it from the environment) or later (a live run asks SSH or REST). */
type Found<T> = Result<T, WorldError> | Promise<Result<T, WorldError>>;
/** A builder is a generator that yields each question and is resumed with its answer, so the plan can build at once and a live run after its look-ups. */
type Building = Generator<Found<unknown>, Built, Result<unknown, WorldError>>;

/** Asks one question of the facts from inside a builder. */
function* ask<T>(question: Found<T>): Generator<Found<unknown>, Result<T, WorldError>, Result<unknown, WorldError>> {
  return (yield question) as Result<T, WorldError>;
}

/**
 * What building a fault's plan needs to know beyond its arguments. `xdc plan` answers from the
 * environment alone (with placeholders for what only a live run knows); a live run looks the
 * same things up (pins host keys, asks the REST API for ids and pids).
 */
export interface FaultFacts {
  /** The run's id, in every tag the plan writes on a host. */
  readonly run: string;
  /** Every datacenter of the environment. */
  readonly dcs: readonly string[];
  /** A datacenter's hosts, as the environment lists them. */
  hosts(dc: string): Result<FaultHost[], WorldError>;
  /** The environment's host that a `host(…)` value names. */
  host(v: RuntimeValue | undefined): Result<FaultHost, WorldError>;
  /** Hosts ready for commands: their host keys pinned. */
  pin(hosts: readonly FaultHost[]): Found<FaultHost[]>;
  /** xdc's own channels to these (pinned) hosts, which a network fault must keep open. */
  keep(hosts: readonly FaultHost[]): Found<KeptChannel[]>;
  /** The processes a process fault signals: one PE's, or every PE's on a host. */
  processes(target: RuntimeValue | undefined): Found<PeProcess[]>;
  jobId(app: AppRef, dc: string): Found<string>;
  /** How the run submitted the application's job to a datacenter: what undoing its cancel submits again. */
  submission(app: AppRef, dc: string): Found<Resubmission | undefined>;
  peId(pe: PeRef): Found<string>;
  /** How the API faults reach a datacenter's REST API. */
  api(dc: string): Result<ApiEndpoint, WorldError>;
}

interface Input {
  readonly id: string;
  readonly args: ReadonlyMap<string, RuntimeValue>;
  readonly f: FaultFacts;
}

type Built = Result<FaultPlan, WorldError>;

const faultError = (message: string): WorldError => ({ class: "fault-injection", message });
const built = (r: Result<FaultPlan, { message: string }>): Built => (r.ok ? r : err(faultError(r.error.message)));

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

/** Rules on the hosts of `side` against the addresses of the peers' hosts (partition, isolate, packet loss). */
function* filterPlan(i: Input, side: string, peers: readonly string[], label: string, make: (input: FilterFaultInput) => Result<FaultPlan, { message: string }>): Building {
  const hosts = i.f.hosts(side);
  if (!hosts.ok) return hosts;
  const peerAddresses: string[] = [];
  for (const peer of peers) {
    const h = i.f.hosts(peer);
    if (!h.ok) return h;
    peerAddresses.push(...h.value.map((x) => x.address));
  }
  const pinned = yield* ask(i.f.pin(hosts.value));
  if (!pinned.ok) return pinned;
  const keep = yield* ask(i.f.keep(pinned.value));
  if (!keep.ok) return keep;
  return built(make({ run: i.f.run, id: i.id, hosts: pinned.value, peers: peerAddresses, keep: keep.value, label }));
}

/** Both ends of a link, for the qdisc faults (latency, bandwidth). */
function* linkHosts(i: Input): Generator<Found<unknown>, Result<{ hosts: FaultHost[]; label: string }, WorldError>, Result<unknown, WorldError>> {
  const [a, b] = [dcOf(i, "a"), dcOf(i, "b")];
  const ha = i.f.hosts(a);
  if (!ha.ok) return ha;
  const hb = i.f.hosts(b);
  if (!hb.ok) return hb;
  const pinned = yield* ask(i.f.pin([...ha.value, ...hb.value]));
  return pinned.ok ? ok({ hosts: pinned.value, label: `${a} <-> ${b}` }) : pinned;
}

function* processPlan(i: Input, make: (targets: PeProcess[]) => Result<FaultPlan, { message: string }>): Building {
  const t = yield* ask(i.f.processes(i.args.get("target")));
  return t.ok ? built(make(t.value)) : t;
}

function* stressPlan(i: Input, load: StressLoad): Building {
  const host = i.f.host(i.args.get("host"));
  if (!host.ok) return host;
  const pinned = yield* ask(i.f.pin([host.value]));
  if (!pinned.ok) return pinned;
  return built(stress({ run: i.f.run, id: i.id, host: pinned.value[0]!, load, timeoutSeconds: STRESS_BOUND_SECONDS }));
}

/** One row per fault builtin: how its arguments become a plan of commands (the drivers' builders). */
const FAULT_BUILDERS: Readonly<Record<string, (i: Input) => Building>> = {
  partition: (i) => filterPlan(i, dcOf(i, "a"), [dcOf(i, "b")], `${dcOf(i, "a")} <-> ${dcOf(i, "b")}`, partition),
  isolate: (i) => {
    const dc = dcOf(i, "dc");
    const others = i.f.dcs.filter((n) => n !== dc);
    return filterPlan(i, dc, others, `${dc} from ${others.join(", ")}`, isolate);
  },
  packet_loss: (i) => filterPlan(i, dcOf(i, "a"), [dcOf(i, "b")], `${dcOf(i, "a")} <-> ${dcOf(i, "b")}`, (input) => packetLoss({ ...input, lossPercent: numberOf(i, "rate") })),
  latency: function* (i) {
    const link = yield* linkHosts(i);
    return link.ok ? built(latency({ run: i.f.run, id: i.id, ...link.value, delayMs: numberOf(i, "delay"), jitterMs: numberOf(i, "jitter") || 0 })) : link;
  },
  bandwidth: function* (i) {
    const link = yield* linkHosts(i);
    return link.ok ? built(bandwidth({ run: i.f.run, id: i.id, ...link.value, bytesPerSecond: numberOf(i, "limit") })) : link;
  },
  kill: (i) => processPlan(i, (targets) => killPes({ run: i.f.run, id: i.id, targets, signal: (stringOf(i, "signal") || "KILL") as KillSignal })),
  pause: (i) => processPlan(i, (targets) => pausePes({ run: i.f.run, id: i.id, targets })),
  stress_cpu: (i) => stressPlan(i, { kind: "stress_cpu", workers: numberOf(i, "workers"), loadPercent: numberOf(i, "load") }),
  stress_memory: (i) => stressPlan(i, { kind: "stress_memory", bytes: numberOf(i, "size") }),
  stress_disk: (i) => stressPlan(i, { kind: "stress_disk", bytes: numberOf(i, "size"), path: stringOf(i, "path") || "/tmp" }),
  cancel_job: function* (i) {
    const app = i.args.get("app");
    const dc = dcOf(i, "on");
    if (app?.kind !== "app") return err(faultError("cancel_job: expected an application"));
    const endpoint = i.f.api(dc);
    if (!endpoint.ok) return endpoint;
    const jobId = yield* ask(i.f.jobId(app, dc));
    if (!jobId.ok) return jobId;
    const again = yield* ask(i.f.submission(app, dc));
    if (!again.ok) return again;
    return built(cancelJob({ run: i.f.run, id: i.id, dc, endpoint: endpoint.value, jobId: jobId.value, ...(again.value ? { resubmit: again.value } : {}) }));
  },
  stop_pe: function* (i) {
    const pe = i.args.get("pe");
    if (pe?.kind !== "pe") return err(faultError("stop_pe: expected a PE"));
    const endpoint = i.f.api(pe.dc);
    if (!endpoint.ok) return endpoint;
    const peId = yield* ask(i.f.peId(pe));
    return peId.ok ? built(stopPe({ run: i.f.run, id: i.id, dc: pe.dc, endpoint: endpoint.value, peId: peId.value })) : peId;
  },
  stop_instance: function* (i) {
    const dc = dcOf(i, "dc");
    const endpoint = i.f.api(dc);
    return endpoint.ok ? built(stopInstance({ run: i.f.run, id: i.id, dc, endpoint: endpoint.value })) : endpoint;
  },
};

function builder(builtin: string, id: string, args: ReadonlyMap<string, RuntimeValue>, f: FaultFacts): Building | Built {
  const make = FAULT_BUILDERS[builtin];
  return make ? make({ id, args, f }) : err({ class: "internal", message: `no plan of commands for the fault ${builtin}` });
}

/** The plan of a builtin fault from its evaluated arguments, the same for `xdc plan` and `xdc exec`: a live run's look-ups are awaited. */
export async function buildFault(builtin: string, id: string, args: ReadonlyMap<string, RuntimeValue>, f: FaultFacts): Promise<Built> {
  const g = builder(builtin, id, args, f);
  if (!("next" in g)) return g;
  for (let step = g.next(ok(undefined)); ; ) {
    if (step.done) return step.value;
    step = g.next(await step.value);
  }
}

/** The same, at once, for facts that answer at once (`xdc plan`'s); a fact that would have to wait is a bug. */
export function buildFaultNow(builtin: string, id: string, args: ReadonlyMap<string, RuntimeValue>, f: FaultFacts): Built {
  const g = builder(builtin, id, args, f);
  if (!("next" in g)) return g;
  for (let step = g.next(ok(undefined)); ; ) {
    if (step.done) return step.value;
    if (step.value instanceof Promise) throw new Error("xdc bug: the plan's fault facts must answer at once");
    step = g.next(step.value);
  }
}

/** Every fault builtin that has a plan (a test checks this is every fault of the registry). */
export const FAULT_BUILTINS: readonly string[] = Object.keys(FAULT_BUILDERS);
