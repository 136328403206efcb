import type { FaultHost, FaultPlan } from "../../drivers/faults/types.js";
import { locatePes, type PeView } from "../../drivers/process/index.js";
import { err, ok, type Result } from "../../drivers/result.js";
import { buildFault } from "../../builtins/fault-build.js";
import type { FaultFacts } from "../../builtins/fault-plan.js";
import { pinHostKeys, restChannels, sshChannels } from "../fault-targets.js";
import type { RuntimeValue } from "../value.js";
import type { WorldError } from "../world.js";
import type { LiveDrivers } from "./drivers.js";
import { restError, type Jobs } from "./jobs.js";

/** What a fault's plan is built from: the drivers, the run's jobs, the fault's id and arguments. */
export interface PlanInput {
  readonly d: LiveDrivers;
  readonly jobs: Jobs;
  readonly id: string;
  readonly builtin: string;
  readonly args: ReadonlyMap<string, RuntimeValue>;
  readonly signal: AbortSignal;
}

const faultError = (message: string): WorldError => ({ class: "fault-injection", message });
const envError = (message: string): WorldError => ({ class: "environment", message });

/** A fault's plan in a live run: each fault's registry entry (its `fault.plan`, run by src/builtins/fault-build.ts) over what the live system says. */
export function liveFaultPlan(p: PlanInput): Promise<Result<FaultPlan, WorldError>> {
  return buildFault(p.builtin, p.id, p.args, liveFacts(p));
}

/** The environment's hosts and the live look-ups: host keys pinned over SSH, ids and pids from the REST API. */
function liveFacts(p: PlanInput): FaultFacts {
  const { d, jobs, signal } = p;
  const hostNamed = (v: RuntimeValue | undefined): Result<{ host: FaultHost; dc: string }, WorldError> => {
    if (v?.kind !== "host") return err(faultError("expected a host"));
    for (const dc of d.env.dcs) {
      const host = dc.hosts.find((h) => h.ssh.name === v.name || (v.address !== undefined && h.address === v.address));
      if (host) return ok({ host, dc: dc.name });
    }
    return err(envError(`the environment lists no host ${v.name}`));
  };
  const hosts = (dc: string): Result<FaultHost[], WorldError> => {
    const found = d.env.dcs.find((x) => x.name === dc);
    if (!found) return err(envError(`the environment has no datacenter ${dc}`));
    if (found.hosts.length === 0) return err(envError(`the environment lists no hosts for ${dc}: faults on the network and on processes need them`));
    return ok([...found.hosts]);
  };
  const pin = async (h: readonly FaultHost[]) => {
    const pinned = await pinHostKeys(d.ssh, h);
    return pinned.ok ? pinned : err(envError(pinned.error.message));
  };
  /** The PEs a process fault acts on: one PE, or every running PE of the instance on a host. */
  const views = async (target: RuntimeValue | undefined): Promise<Result<{ views: PeView[]; hosts: FaultHost[] }, WorldError>> => {
    if (target?.kind === "pe") {
      const pe = target.id ? ok(target) : await jobs.pe(target.app, target.operator, target.dc, signal);
      if (!pe.ok) return pe;
      const view = await d.streams[target.dc]!.pe(pe.value.id!, { signal });
      if (!view.ok) return err(restError(target.dc, view.error));
      const inDc = hosts(target.dc);
      return inDc.ok ? ok({ views: [view.value], hosts: inDc.value }) : inDc;
    }
    const named = hostNamed(target);
    if (!named.ok) return named;
    const pes = await d.streams[named.value.dc]!.pes(undefined, { signal });
    if (!pes.ok) return err(restError(named.value.dc, pes.error));
    const here = pes.value.filter((x) => x.status === "running" && (x.ipAddress === named.value.host.address || x.ipAddress === named.value.host.ssh.address));
    if (here.length === 0) return err(faultError(`no running PE on ${named.value.host.ssh.name}`));
    return ok({ views: here, hosts: [named.value.host] });
  };
  return {
    run: d.run,
    dcs: d.env.dcs.map((x) => x.name),
    hosts,
    host: (v) => {
      const named = hostNamed(v);
      return named.ok ? ok(named.value.host) : named;
    },
    pin,
    keep: async (h) => {
      const ssh = await sshChannels(d.ssh, h);
      if (!ssh.ok) return err(envError(ssh.error.message));
      const urls = d.env.dcs.flatMap((x) => [x.streams, ...(x.data ? [x.data] : [])]);
      return ok([...ssh.value, ...restChannels(h, ssh.value, urls)]);
    },
    processes: async (target) => {
      const t = await views(target);
      if (!t.ok) return t;
      const pinned = await pin(t.value.hosts);
      if (!pinned.ok) return pinned;
      const located = locatePes(t.value.views, pinned.value);
      return located.ok ? located : err(faultError(located.error.message));
    },
    jobId: async (app, dc) => {
      const job = await jobs.job(app, dc, signal);
      return job.ok ? ok(job.value.id) : job;
    },
    submission: async (app, dc) => ok(jobs.resubmission(app, dc)),
    peId: async (target) => {
      const pe = target.id ? ok(target) : await jobs.pe(target.app, target.operator, target.dc, signal);
      return pe.ok ? ok(pe.value.id!) : pe;
    },
    api: (dc) => {
      const found = d.env.dcs.find((x) => x.name === dc);
      if (!found) return err(envError(`the environment has no datacenter ${dc}`));
      return ok({ url: found.streams, instanceId: found.instance, user: found.user, passwordEnv: found.passwordEnv || "XDC_NO_PASSWORD", ...(found.tls ? { tls: found.tls } : {}) });
    },
  };
}
