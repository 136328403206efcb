import { ok } from "../../../src/drivers/result.js";
import type { Clock } from "../../../src/runtime/clock.js";
import type { DcRole } from "../../../src/runtime/journal/events.js";
import type { FailoverValue } from "../../../src/runtime/value.js";
import type { Unobserved } from "../../../src/runtime/sightings.js";
import type { FailoverRequest, Reading, World } from "../../../src/runtime/world.js";

export interface FakeOptions {
  /** When the failover happens (clock ms), if it does. */
  readonly failoverAtMs?: number;
  readonly rtoMs?: number;
  /** Readings by method name; default a value that passes. */
  readonly readings?: Partial<Record<"lost" | "duplicates" | "rpo" | "latencyQuantile" | "sent" | "splitBrain" | "throughput" | "metric" | "promql" | "jmx", Reading<number>>>;
  readonly ordered?: Reading<boolean>;
  /** From when `healthy` answers true (clock ms). */
  readonly healthyFromMs?: number;
  /** Fault builtins whose apply fails. */
  readonly failApply?: readonly string[];
  /** How long each fault builtin's apply takes (clock ms); like the fault runner, it does not stop when the scenario does. */
  readonly applyMs?: Readonly<Record<string, number>>;
  /** Readings that change with time (clock ms), for sampled series; they win over `readings`. */
  readonly over?: Partial<Record<"throughput" | "metric", (ms: number) => Reading<number>>>;
  /** Answer `account` with one data event per workload injected so far. */
  readonly accounts?: boolean;
  /** Stretches (clock ms) in which the failover's survivor could not be seen. */
  readonly unobserved?: readonly Unobserved[];
  /** What `failovers` answers; default the one failover at `failoverAtMs` (to dc2, from dc1) when it falls in the window. */
  readonly failovers?: Reading<number>;
  /** What `role` answers; default dc1 active and dc2 standby, then dc1 down and dc2 active from `failoverAtMs`. */
  readonly role?: Reading<DcRole>;
  /** Stretches (clock ms) in which `healthy` has no data (its API failed). */
  readonly healthyNoData?: readonly (readonly [number, number])[];
}

/** A World that records every call with the clock's time, and answers as told. */
export function fakeWorld(clock: Clock, o: FakeOptions = {}): World & { readonly calls: string[] } {
  const calls: string[] = [];
  const injected: string[] = [];
  const note = (s: string) => calls.push(`${clock.now()} ${s}`);
  const read = <T>(r: Reading<T> | undefined, fallback: T) => ok<Reading<T>>(r ?? { kind: "value", value: fallback });
  return {
    calls,
    hosts: async (dc) => ok([1, 2].map((i) => ({ kind: "host" as const, name: `${dc}-${i}`, dc }))),
    submit: async (r) => (note(`submit ${r.app.name} ${r.dc} ${r.role}`), ok({ kind: "job", app: r.app, dc: r.dc, id: "1" })),
    cancel: async (app, dcs) => (note(`cancel ${app.name} ${dcs.join(",")}`), ok(undefined)),
    job: async (app, dc) => ok({ kind: "job", app, dc, id: "1" }),
    pe: async (app, operator, dc) => ok({ kind: "pe", app, operator, dc, id: "7" }),
    healthy: async () => {
      const now = clock.now();
      if (o.healthyNoData?.some(([from, to]) => now >= from && now < to)) return ok({ kind: "no-data", reason: "dc1: GET /jobs answered 503 (server)" });
      return ok({ kind: "value", value: now >= (o.healthyFromMs ?? 0) });
    },
    applyFault: async (r) => {
      note(`apply ${r.id} ${r.builtin}`);
      const takes = o.applyMs?.[r.builtin];
      if (takes !== undefined) {
        await clock.sleep(takes);
        note(`applied ${r.id} ${r.builtin}`);
      }
      if (o.failApply?.includes(r.builtin)) return { ok: false, error: { class: "fault-injection", message: `${r.builtin} refused` } };
      return ok({ id: r.id, builtin: r.builtin, summary: r.builtin, hosts: ["h1"], dcs: ["dc1"], commands: [`cmd ${r.builtin}`], undo: [`undo ${r.builtin}`] });
    },
    revertFault: async (f) => (note(`revert ${f.id} ${f.builtin}`), ok({ status: "undone", problems: [] })),
    inject: async (spec, call) => {
      note(`inject ${spec.id} ${spec.ratePerSecond}/s ${spec.durationMs}ms`);
      injected.push(spec.id);
      const done = clock.sleep(spec.durationMs, call.signal).then(
        () => (note(`inject ${spec.id} done`), { sent: 1 }),
        () => (note(`inject ${spec.id} stopped`), { sent: 0 }),
      );
      return ok({ done });
    },
    collect: async () => ok(undefined),
    lost: async () => read(o.readings?.lost, 0),
    duplicates: async () => read(o.readings?.duplicates, 0),
    ordered: async () => read(o.ordered, true),
    rpo: async () => read(o.readings?.rpo, 0),
    latencyQuantile: async () => read(o.readings?.latencyQuantile, 10),
    sent: async () => read(o.readings?.sent, 100),
    splitBrain: async (app) => (note(`split_brain ${app.name}`), read(o.readings?.splitBrain, 0)),
    failovers: async (q) => {
      note(`failovers ${q.app.name} ${q.fromMs}..${q.toMs}${q.from ? ` from ${q.from}` : ""}${q.to ? ` to ${q.to}` : ""}`);
      const at = o.failoverAtMs;
      const counted = at !== undefined && at >= q.fromMs && at <= q.toMs && (q.to ?? "dc2") === "dc2" && (q.from ?? "dc1") === "dc1";
      return read(o.failovers, counted ? 1 : 0);
    },
    role: async (app, dc) => {
      note(`role ${app.name} ${dc}`);
      const over = o.failoverAtMs !== undefined && clock.now() >= o.failoverAtMs;
      const roles: Record<string, DcRole> = over ? { dc1: "down", dc2: "active" } : { dc1: "active", dc2: "standby" };
      return read(o.role, roles[dc] ?? "unknown");
    },
    throughput: async (e, overMs) => (note(`throughput ${e.name} ${overMs}ms`), read(o.over?.throughput?.(clock.now()) ?? o.readings?.throughput, 500)),
    metric: async () => read(o.over?.metric?.(clock.now()) ?? o.readings?.metric, 1),
    promql: async (q) => (note(`promql ${q.query}${q.dc ? ` on ${q.dc}` : ""}${q.range ? ` over ${q.range.overMs}ms every ${q.range.stepMs}ms ${q.range.take}` : ""}`), read(o.readings?.promql, 0.25)),
    jmx: async (r, dc) => (note(`jmx ${r.mbean} ${r.attribute}${r.path ? `/${r.path}` : ""} on ${dc}`), read(o.readings?.jmx, 1)),
    awaitFailover: async (r, call) => {
      if (o.failoverAtMs === undefined) {
        await new Promise((resolve) => call.signal.addEventListener("abort", resolve, { once: true }));
        return ok({ kind: "no-data", reason: "aborted" });
      }
      try {
        await clock.sleep(Math.max(0, o.failoverAtMs - clock.now()), call.signal);
      } catch {
        return ok({ kind: "no-data", reason: "aborted" });
      }
      const fo: FailoverValue = { kind: "failover", from: "dc1", to: r.to, detectedAtMs: o.failoverAtMs - 1000, atMs: o.failoverAtMs, rtoMs: o.rtoMs ?? 8000, detectedBy: "heartbeat" };
      return ok({ kind: "value", value: fo });
    },
    ...(o.unobserved
      ? {
          unobserved: (_r: FailoverRequest, fromMs: number, toMs: number, graceMs: number) =>
            o.unobserved!.map((u) => ({ ...u, fromMs: Math.max(u.fromMs, fromMs), toMs: Math.min(u.toMs, toMs) })).filter((u) => u.toMs - u.fromMs > graceMs),
        }
      : {}),
    log: (_level, message) => note(`log ${message}`),
    ...(o.accounts
      ? {
          account: async () => (
            note(`account ${injected.join(",")}`),
            {
              data: injected.map((workload) => ({ kind: "data" as const, workload, sink: "Out", sent: 1, acked: 1, received: 1, lost: 0, lostRanges: [], duplicates: 0, outOfOrder: 0 })),
              figures: { sentTuples: injected.length },
            }
          ),
        }
      : {}),
  };
}
