import type { Action, FaultHost, FaultPlan } from "../drivers/faults/types.js";
import { faultTag } from "../drivers/faults/types.js";
import { qdiscHandle } from "../drivers/network/index.js";
import { err, ok, type Result } from "../drivers/result.js";
import { restChannels } from "../runtime/fault-targets.js";
import type { RuntimeValue } from "../runtime/value.js";
import { jobName, resubmission, submissionKey } from "../runtime/submission.js";
import type { SubmitRequest, WorldError } from "../runtime/world.js";
import { buildFaultNow } from "../builtins/fault-build.js";
import type { FaultFacts } from "../builtins/fault-plan.js";
import { Placeholders } from "./placeholders.js";
import { faultHosts, type PlanTarget } from "./target.js";

/**
 * The commands a fault would run and those that would undo it, made by the same builders of
 * drivers/ that a live run uses, from the environment the scenario would run in, without
 * contacting anything. Arguments are mapped by each fault's registry entry, as in a live
 * run (builtins/fault-build.ts); what only the live run can look up (PE pids, job ids, the run's id, xdc's
 * own address) is a placeholder that says what it stands for.
 */
export interface PlannedFault {
  readonly plan: FaultPlan;
  /** `dc1-h1: sudo -n iptables …`, `dc1 REST: cancelJob jobId=<…>`, one per step. */
  readonly commands: readonly string[];
  readonly undo: readonly string[];
}

/** Stands in for the run's id, which a live run draws from the wall clock. */
const RUN = "planned";

const envError = (message: string): WorldError => ({ class: "environment", message });
const faultError = (message: string): WorldError => ({ class: "fault-injection", message });
const found = <T>(value: T): Result<T, WorldError> => ok(value);

/** What the plan knows: the environment; what only a live run can look up is a placeholder that says what it stands for. */
function planFacts(target: PlanTarget, p: Placeholders, submissions: ReadonlyMap<string, SubmitRequest>): FaultFacts {
  const hosts = (dc: string): Result<FaultHost[], WorldError> => {
    const h = faultHosts(target, dc);
    return h.ok ? h : err(envError(h.error));
  };
  const host = (v: RuntimeValue | undefined): Result<FaultHost, WorldError> => {
    if (v?.kind !== "host") return err(faultError("expected a host"));
    for (const dc of target.environment.dcs) {
      const inDc = faultHosts(target, dc.name);
      const hit = inDc.ok ? inDc.value.find((h) => h.ssh.name === v.name || (v.address !== undefined && h.address === v.address)) : undefined;
      if (hit) return ok(hit);
    }
    return err(envError(`the environment lists no host ${v.name}`));
  };
  return {
    run: RUN,
    dcs: target.environment.dcs.map((d) => d.name),
    hosts,
    host,
    pin: (h) => found([...h]),
    // xdc's own channels to the hosts (its SSH sessions, and REST APIs a host serves)
    keep: (h) => {
      const ssh = h.map((x) => ({
        host: x.ssh.name,
        peer: p.address(`address of xdc as ${x.ssh.name} sees it`),
        port: target.sshPortsKnownOnlyLive ? p.port(`SSH port of ${x.ssh.name}`) : x.ssh.port,
        what: "ssh",
      }));
      const urls = target.environment.dcs.flatMap((d) => [d.streams, d.data].filter((u): u is string => u !== undefined));
      return found([...ssh, ...restChannels(h, ssh, urls)]);
    },
    // A PE's host and pid come from the REST API when the fault is applied: here the host is one
    // of its datacenter's (as whom and how xdc logs in is the same on each), named for what it is.
    processes: (t) => {
      if (t?.kind === "pe") {
        const inDc = hosts(t.dc);
        if (!inDc.ok) return inDc;
        const pe = `the PE running ${t.operator}`;
        const model = inDc.value[0]!;
        const at: FaultHost = { ...model, ssh: { ...model.ssh, name: `<host of ${pe} in ${t.dc}>` }, address: p.address(`address of ${pe}`) };
        return ok([{ host: at, pid: p.pid(`pid of ${pe}`), pe }]);
      }
      const named = host(t);
      if (!named.ok) return named;
      return ok([{ host: named.value, pid: p.pid(`pids of the PEs on ${named.value.ssh.name}`), pe: "every PE" }]);
    },
    jobId: (app, dc) => found(p.restId(`id of the job of ${app.name} in ${dc}`)),
    peId: (pe) => found(p.restId(`id of the PE running ${pe.operator}`)),
    // The bundle as the scenario names it; the job's name carries the run's id.
    submission: (app, dc) => {
      const r = submissions.get(submissionKey(app, dc));
      if (!r) return found(undefined);
      p.derived(jobName(app, dc, RUN), `${jobName(app, dc, "")}<run>`);
      return found(resubmission(r, RUN, app.bundle));
    },
    // the twin's URL is known only once it runs, and no command shows it
    api: (dc) => {
      const d = target.environment.dcs.find((x) => x.name === dc);
      if (!d) return err(envError(`the environment has no datacenter ${dc}`));
      const passwordEnv = typeof d.password === "object" ? d.password.secret : "XDC_NO_PASSWORD";
      return ok({ url: d.streams ?? `http://${p.address(`REST API of ${dc}`)}/`, ...(d.instance ? { instanceId: d.instance } : {}), user: d.user ?? "streamsadmin", passwordEnv });
    },
  };
}

/** A step as the plan shows it: the host and its command line, or the datacenter's REST call with its arguments. */
function stepLine(a: Action, p: Placeholders): string {
  if (a.via === "ssh") return `${a.host}: ${p.fill(a.line)}`;
  const { op, ...rest } = a.call;
  return [`${a.dc} REST: ${op}`, ...Object.entries(rest).map(([k, v]) => `${k}=${p.fill(typeof v === "string" ? v : JSON.stringify(v))}`)].join(" ");
}

/** The fault's plan and its commands, or why a live run would fail to build it. */
export function plannedFault(
  target: PlanTarget,
  id: string,
  builtin: string,
  args: ReadonlyMap<string, RuntimeValue>,
  submissions: ReadonlyMap<string, SubmitRequest> = new Map(),
): Result<PlannedFault, WorldError> {
  const p = new Placeholders();
  // Rules and processes carry the fault's tag, `xdc.RUN.ID`, and qdiscs a handle made from it; the run's id is drawn when it starts.
  p.derived(faultTag(RUN, id), faultTag("<run>", id));
  p.derived(`${qdiscHandle(RUN, id)}:`, `<handle of ${id}>:`);
  const plan = buildFaultNow(builtin, id, args, planFacts(target, p, submissions));
  if (!plan.ok) return plan;
  const filled: FaultPlan = { ...plan.value, summary: p.fill(plan.value.summary) };
  return ok({ plan: filled, commands: plan.value.apply.map((a) => stepLine(a, p)), undo: plan.value.undo.map((a) => stepLine(a, p)) });
}
