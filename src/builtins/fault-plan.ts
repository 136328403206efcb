import type { Resubmission } from "../drivers/api-faults/index.js";
import type { FaultHost, FaultPlan, ApiEndpoint } from "../drivers/faults/types.js";
import type { FilterFaultInput, KeptChannel } from "../drivers/network/index.js";
import type { PeProcess } from "../drivers/process/index.js";
import { stress, type StressLoad } from "../drivers/resource/index.js";
import { err, ok, type Result } from "../drivers/result.js";
import type { AppRef, PeRef, RuntimeValue } from "../runtime/value.js";
import type { WorldError } from "../runtime/world.js";

/**
 * How a fault builtin's arguments become a plan of commands. Each fault's registry entry
 * (`fault.plan`) is a generator over the helpers here and its driver's builder, so a new
 * fault is its registry entry and its driver, nothing else (fault-build.ts runs them).
 */

/** stress-ng ends by itself after this even if xdc and every undo are gone. */
export const STRESS_BOUND_SECONDS = 3600;

/** An answer: at once (`xdc plan` knows it from the environment) or later (a live run asks SSH or REST). */
export type Found<T> = Result<T, WorldError> | Promise<Result<T, WorldError>>;
/** A builder is a generator that yields each question and is resumed with its answer, so the plan can build at once and a live run after its look-ups. */
export type FaultBuilding = Generator<Found<unknown>, Built, Result<unknown, WorldError>>;

/** Asks one question of the facts from inside a builder. */
export function* ask<T>(question: Found<T>): Generator<Found<unknown>, Result<T, WorldError>, Result<unknown, WorldError>> {
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

export interface FaultPlanInput {
  readonly id: string;
  readonly args: ReadonlyMap<string, RuntimeValue>;
  readonly f: FaultFacts;
}

export type Built = Result<FaultPlan, WorldError>;

export const faultError = (message: string): WorldError => ({ class: "fault-injection", message });
export const built = (r: Result<FaultPlan, { message: string }>): Built => (r.ok ? r : err(faultError(r.error.message)));

export const dcOf = (i: FaultPlanInput, name: string): string => {
  const v = i.args.get(name);
  return v?.kind === "ref" ? v.name : "";
};
export const numberOf = (i: FaultPlanInput, name: string): number => {
  const v = i.args.get(name);
  return v?.kind === "quantity" ? v.value : NaN;
};
export const stringOf = (i: FaultPlanInput, name: string): string => {
  const v = i.args.get(name);
  return v?.kind === "string" ? v.value : "";
};

/** Rules on the hosts of `side` against the addresses of the peers' hosts (partition, isolate, packet loss). */
export function* filterPlan(i: FaultPlanInput, side: string, peers: readonly string[], label: string, make: (input: FilterFaultInput) => Result<FaultPlan, { message: string }>): FaultBuilding {
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
export function* linkHosts(i: FaultPlanInput): Generator<Found<unknown>, Result<{ hosts: FaultHost[]; label: string }, WorldError>, Result<unknown, WorldError>> {
  const [a, b] = [dcOf(i, "a"), dcOf(i, "b")];
  const ha = i.f.hosts(a);
  if (!ha.ok) return ha;
  const hb = i.f.hosts(b);
  if (!hb.ok) return hb;
  const pinned = yield* ask(i.f.pin([...ha.value, ...hb.value]));
  return pinned.ok ? ok({ hosts: pinned.value, label: `${a} <-> ${b}` }) : pinned;
}

export function* processPlan(i: FaultPlanInput, make: (targets: PeProcess[]) => Result<FaultPlan, { message: string }>): FaultBuilding {
  const t = yield* ask(i.f.processes(i.args.get("target")));
  return t.ok ? built(make(t.value)) : t;
}

export function* stressPlan(i: FaultPlanInput, load: StressLoad): FaultBuilding {
  const host = i.f.host(i.args.get("host"));
  if (!host.ok) return host;
  const pinned = yield* ask(i.f.pin([host.value]));
  if (!pinned.ok) return pinned;
  return built(stress({ run: i.f.run, id: i.id, host: pinned.value[0]!, load, timeoutSeconds: STRESS_BOUND_SECONDS }));
}
