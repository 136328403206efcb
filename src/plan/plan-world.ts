import { BUILTINS_BY_NAME } from "../builtins/index.js";
import type { EnvironmentInfo } from "../language/program.js";
import type { Clock } from "../runtime/clock.js";
import { ok } from "../drivers/result.js";
import { render } from "../runtime/interpreter/render.js";
import type { HostRef, RuntimeValue } from "../runtime/value.js";
import type { AppliedFault, FaultRequest, Reading, World } from "../runtime/world.js";

const UNKNOWN = { kind: "unknown", why: "known only when the scenario runs" } as const;
const unknownReading = async <T>() => ok<Reading<T>>(UNKNOWN);

/** The datacenters and hosts an argument names: a datacenter, a host, a PE, a list of them. */
function targets(v: RuntimeValue | undefined): { dcs: string[]; hosts: string[] } {
  if (v?.kind === "ref" && v.what === "dc") return { dcs: [v.name], hosts: [] };
  if (v?.kind === "host") return { dcs: "dc" in v && v.dc ? [v.dc] : [], hosts: [v.name] };
  if (v?.kind === "pe") return { dcs: [v.dc], hosts: [] };
  return { dcs: [], hosts: [] };
}

/**
 * A World that contacts nothing, for `xdc plan`: deployment calls answer placeholders, every
 * reading is unknown, and a fault answers where it would act (the environment's hosts, or
 * "the hosts of dc1" on the twin, whose addresses exist only once it runs) and what undoing
 * it does, without commands it cannot know.
 */
export function planWorld(environment: EnvironmentInfo, clock: Clock): World {
  const hostsOf = (dc: string): HostRef[] =>
    (environment.dcs.find((d) => d.name === dc)?.hosts ?? []).map((h) => ({
      kind: "host",
      name: h.name,
      dc,
      ...(h.address !== undefined ? { address: h.address } : {}),
      ...(h.ssh !== undefined ? { ssh: h.ssh } : {}),
    }));
  const where = (dc: string): string[] => {
    const named = hostsOf(dc).map((h) => h.name);
    return named.length > 0 ? named : [`hosts of ${dc}`];
  };
  const apply = (r: FaultRequest): AppliedFault => {
    const b = BUILTINS_BY_NAME.get(r.builtin);
    const found = [...r.args.values()].map(targets);
    const dcs = [...new Set(found.flatMap((t) => t.dcs))];
    const hosts = [...new Set([...found.flatMap((t) => t.hosts), ...(found.some((t) => t.hosts.length > 0) ? [] : dcs.flatMap(where))])];
    const args = Object.fromEntries([...r.args].map(([k, v]) => [k, render(v)]));
    const what = b ? b.describe(args) : r.builtin;
    return { id: r.id, builtin: r.builtin, summary: `${what} on ${hosts.join(", ") || "its datacenter's REST API"}`, hosts, dcs, commands: [], undo: b?.fault ? [b.fault.undo] : [] };
  };
  return {
    hosts: async (dc) => ok(hostsOf(dc)),
    submit: async (r) => ok({ kind: "job", app: r.app, dc: r.dc, id: `(job of ${r.app.name} on ${r.dc})` }),
    cancel: async () => ok(undefined),
    job: async (app, dc) => ok({ kind: "job", app, dc, id: `(job of ${app.name} on ${dc})` }),
    pe: async (app, operator, dc) => ok({ kind: "pe", app, operator, dc }),
    healthy: unknownReading,
    applyFault: async (r) => ok(apply(r)),
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
    throughput: unknownReading,
    metric: unknownReading,
    awaitFailover: unknownReading,
    log: () => {},
  };
}
