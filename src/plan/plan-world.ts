import { ok, err } from "../drivers/result.js";
import type { Clock } from "../runtime/clock.js";
import type { HostRef, RuntimeValue } from "../runtime/value.js";
import { submissionKey } from "../runtime/submission.js";
import type { AppliedFault, FaultRequest, Reading, SubmitRequest, World, WorldResult } from "../runtime/world.js";
import { plannedFault } from "./fault-commands.js";
import type { PlanTarget } from "./target.js";

const UNKNOWN = { kind: "unknown", why: "known only when the scenario runs" } as const;
const unknownReading = async <T>() => ok<Reading<T>>(UNKNOWN);

/** The datacenters an argument names: a datacenter, a host of one, a PE in one. */
function dcsOf(v: RuntimeValue | undefined): string[] {
  if (v?.kind === "ref" && v.what === "dc") return [v.name];
  if (v?.kind === "host") return "dc" in v && v.dc ? [v.dc] : [];
  if (v?.kind === "pe") return [v.dc];
  return [];
}

/**
 * A World that contacts nothing, for `xdc plan`: deployment calls answer placeholders, every
 * reading is unknown, and a fault answers the commands it would run on which hosts, and those
 * that would undo it, built for the environment the scenario would run in (`target`). A fault
 * that a live run could not build (a datacenter without hosts) fails here as it would there.
 */
export function planWorld(target: PlanTarget, clock: Clock): World {
  const hostsOf = (dc: string): HostRef[] =>
    (target.environment.dcs.find((d) => d.name === dc)?.hosts ?? []).map((h) => ({
      kind: "host",
      name: h.name,
      dc,
      ...(h.address !== undefined ? { address: h.address } : {}),
      ...(h.ssh !== undefined ? { ssh: h.ssh } : {}),
    }));
  // What a cancel's undo submits again: the plan shows it as a live run's ledger would hold it.
  const submissions = new Map<string, SubmitRequest>();
  const apply = (r: FaultRequest): WorldResult<AppliedFault> => {
    const planned = plannedFault(target, r.id, r.builtin, r.args, submissions);
    if (!planned.ok) return planned;
    const { plan, commands, undo } = planned.value;
    const dcs = [...new Set([...Object.keys(plan.apis ?? {}), ...[...r.args.values()].flatMap(dcsOf)])];
    return ok({ id: r.id, builtin: r.builtin, summary: plan.summary, hosts: Object.keys(plan.hosts), dcs, commands, undo });
  };
  return {
    hosts: async (dc) => (target.environment.dcs.some((d) => d.name === dc) ? ok(hostsOf(dc)) : err({ class: "environment", message: `the environment has no datacenter ${dc}` })),
    submit: async (r) => {
      submissions.set(submissionKey(r.app, r.dc), r);
      return ok({ kind: "job", app: r.app, dc: r.dc, id: `(job of ${r.app.name} on ${r.dc})` });
    },
    cancel: async () => ok(undefined),
    job: async (app, dc) => ok({ kind: "job", app, dc, id: `(job of ${app.name} on ${dc})` }),
    pe: async (app, operator, dc) => ok({ kind: "pe", app, operator, dc }),
    healthy: unknownReading,
    applyFault: async (r) => apply(r),
    revertFault: async (f) => ok({ status: f.undo.length > 0 ? "undone" : "nothing-to-undo", problems: [] }),
    // The workload lasts its duration on the plan's clock, so the phase waits for it as a live one would.
    inject: async (spec, call) =>
      ok({ done: clock.sleep(spec.durationMs, call.signal).then(() => ({ sent: Math.floor((spec.ratePerSecond * spec.durationMs) / 1000) }), () => ({ sent: 0 })) }),
    collect: async () => ok(undefined),
    lost: unknownReading,
    duplicates: unknownReading,
    ordered: unknownReading,
    rpo: unknownReading,
    latencyQuantile: unknownReading,
    sent: unknownReading,
    splitBrain: unknownReading,
    failovers: unknownReading,
    role: unknownReading,
    throughput: unknownReading,
    metric: unknownReading,
    promql: unknownReading,
    jmx: unknownReading,
    awaitFailover: unknownReading,
    log: () => {},
  };
}
