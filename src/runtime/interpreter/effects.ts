import { resolve } from "node:path";
import type { Builtin } from "../../builtins/builtin.js";
import { TOOLKIT_KEYS, toolkitParameters, type ToolkitSettings } from "../../drivers/toolkit/settings.js";
import { PROMQL_UNITS } from "../../builtins/monitoring.js";
import type { Span } from "../../language/span.js";
import type { AppRef, EndpointRef, HostRef, RuntimeValue, WorkloadRef } from "../value.js";
import { REPEAT_STATS } from "../journal/events.js";
import type { MetricTarget, PromQuery, Reading, WorkloadSpec } from "../world.js";
import type { Frame } from "./context.js";
import { haltError } from "./halt.js";
import { describeCall } from "./calls.js";
import { render } from "./render.js";
import { duration } from "./source.js";
import { window } from "./series.js";
import { fromReading, worldValue } from "./world-call.js";
import { countInPhase } from "./failovers.js";
import type { Phase as ScenarioPhase } from "../../language/ast.js";
import { describeRate, plannedRate, rateArgument, SHAPE_EFFECTS } from "./rate-shapes.js";
import { checkId, verdictOf } from "./tuple-checks.js";

export interface EffectCall {
  readonly frame: Frame;
  readonly args: ReadonlyMap<string, RuntimeValue>;
  readonly span: Span;
  readonly builtin: Builtin;
}
type Effect = (c: EffectCall) => Promise<RuntimeValue>;

const NOTHING: RuntimeValue = { kind: "nothing" };

// Argument accessors: the checker has typed every argument, so a mismatch here is a bug in xdc.
function arg<K extends RuntimeValue["kind"]>(c: EffectCall, name: string, kind: K): Extract<RuntimeValue, { kind: K }> {
  const v = c.args.get(name);
  if (v?.kind !== kind) throw haltError("internal", `\`${c.builtin.name}\`: argument \`${name}\` is ${v?.kind ?? "missing"}, not ${kind}`, c.span);
  return v as Extract<RuntimeValue, { kind: K }>;
}
const text = (c: EffectCall, name: string) => arg(c, name, "string").value;
const amount = (c: EffectCall, name: string) => arg(c, name, "quantity").value;
const dcName = (c: EffectCall, name: string) => arg(c, name, "ref").name;
const strings = (v: RuntimeValue | undefined): string[] =>
  v?.kind === "list" ? v.items.flatMap((i) => (i.kind === "string" ? [i.value] : [])) : [];

/** `toolkit: {heartbeat: 200ms, …}` by the table's fields: the checker has typed each setting. */
function toolkitSettings(v: RuntimeValue | undefined): ToolkitSettings {
  const out: Record<string, number | string> = {};
  for (const f of v?.kind === "record" ? v.fields : []) {
    const key = TOOLKIT_KEYS.find((k) => k.setting === f.name);
    if (!key) continue;
    if (f.value.kind === "quantity") out[key.field] = f.value.value;
    else if (f.value.kind === "string") out[key.field] = f.value.value;
  }
  return out as ToolkitSettings;
}

/** Journals a call that changes something, once it has: the plan lists these. */
const done = (c: EffectCall, detail?: string) =>
  c.frame.run.journal.emit({ kind: "action", builtin: c.builtin.name, what: describeCall(c.builtin, c.args), ok: true, ...(detail ? { detail } : {}) }, c.span);

const workloadOf = (c: EffectCall) => arg(c, "workload", "workload");
const sinkOf = (c: EffectCall) => arg(c, "endpoint", "endpoint");

/**
 * A measurement window of `overMs` never reaches back before the start of the phase that takes
 * it: the reading waits until that much of its own phase has passed, so `steady` run again after
 * `verify` judges its own traffic, not the tail of `run`'s. The wait is journaled (the plan shows it).
 */
async function windowInPhase(c: EffectCall, overMs: number): Promise<void> {
  const run = c.frame.run;
  const waitMs = run.phaseStartMs + overMs - run.clock.now();
  if (waitMs <= 0) return;
  const what = describeCall(c.builtin, c.args);
  run.journal.emit({ kind: "action", builtin: c.builtin.name, what: `${what}: waits for ${duration(overMs)} of \`${run.phase}\``, ok: true, detail: `reads at +${duration(run.phaseStartMs + overMs)}` }, c.span);
  await run.clock.sleep(waitMs, c.frame.signal);
}

/** A PromQL reading in the unit the scenario gave it (`unit: "seconds"` is a Duration, kept in ms). */
async function promql(c: EffectCall, range?: PromQuery["range"]): Promise<RuntimeValue> {
  const unit = PROMQL_UNITS[text(c, "unit")];
  if (!unit) throw haltError("internal", `\`${c.builtin.name}\`: unknown unit ${text(c, "unit")}`, c.span);
  const on = c.args.get("on");
  const q: PromQuery = { query: text(c, "query"), ...(on?.kind === "ref" ? { dc: on.name } : {}), ...(range ? { range } : {}) };
  const r: Reading<number> = await worldValue(c.frame, c.span, (w, call) => w.promql(q, call));
  return fromReading(r.kind === "value" ? { kind: "value", value: r.value * unit.factor } : r, unit.unit);
}

/** How each series figure reduces the samples of its window (never empty here). */
const FIGURES: Readonly<Record<string, (xs: readonly number[], c: EffectCall) => number>> = {
  max: (xs) => xs.reduce((a, b) => Math.max(a, b)),
  min: (xs) => xs.reduce((a, b) => Math.min(a, b)),
  mean: (xs) => xs.reduce((a, b) => a + b, 0) / xs.length,
  // Nearest rank: the smallest sample with at least p% of the samples at or below it.
  percentile: (xs, c) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((amount(c, "p") / 100) * sorted.length) - 1))]!;
  },
};

/** `max(cpu, over: 1m)` and the like: a figure of the samples so far; none is no data (in a plan, not known yet). */
async function seriesFigure(c: EffectCall, reduce: (xs: readonly number[], c: EffectCall) => number): Promise<RuntimeValue> {
  const run = c.frame.run;
  const ref = arg(c, "series", "series");
  const over = c.args.get("over");
  const overMs = over?.kind === "quantity" ? over.value : undefined;
  if (run.planning) return { kind: "unknown", why: "samples are taken live" };
  const xs = window(run, ref, overMs).map((p) => p.value);
  if (xs.length === 0) return { kind: "unknown", why: `no sample of \`${ref.name}\`${overMs !== undefined ? ` in the last ${duration(overMs)}` : ""}`, noData: true };
  return { kind: "quantity", unit: ref.unit, value: reduce(xs, c) };
}

/** A check on each tuple (`all`, `conforms`, `continues`): the World judged them as they arrived, under the call's place. */
async function tupleCheck(c: EffectCall, what: string): Promise<RuntimeValue> {
  const run = c.frame.run;
  const world = run.world;
  if (run.planning) return { kind: "unknown", why: "tuples are judged live" };
  if (!world.tupleCheck) return { kind: "unknown", why: "this World does not judge tuples", noData: true };
  const r = await worldValue(c.frame, c.span, (w, call) => w.tupleCheck!(checkId(c.span), workloadOf(c), sinkOf(c), call));
  if (r.kind !== "value") return fromReading(r, "Number");
  return verdictOf(r.value, what);
}

/** What each builtin without a fault does when it runs; faults all go through World.applyFault. */
export const EFFECTS: Readonly<Record<string, Effect>> = {
  application: async (c) => {
    const bundle = text(c, "bundle");
    const app: AppRef = {
      kind: "app",
      name: text(c, "name"),
      bundle,
      bundlePath: resolve(c.frame.run.baseDir, bundle),
      sources: strings(c.args.get("sources")),
      sinks: strings(c.args.get("sinks")),
    };
    return app;
  },
  submit: async (c) => {
    const params = c.args.get("params");
    const toolkit = toolkitSettings(c.args.get("toolkit"));
    const sent = Object.entries(toolkitParameters(toolkit)).map(([k, v]) => `${k}=${v}`);
    const job = await worldValue(c.frame, c.span, (w, call) =>
      w.submit(
        {
          app: arg(c, "app", "app"),
          dc: dcName(c, "to"),
          role: text(c, "role") === "standby" ? "standby" : "primary",
          params: Object.fromEntries(params?.kind === "record" ? params.fields.map((x) => [x.name, x.value.kind === "string" ? x.value.value : String(render(x.value))]) : []),
          toolkit,
        },
        call,
      ));
    done(c, sent.length > 0 ? `toolkit submission parameters ${sent.join(" ")}` : undefined);
    return job;
  },
  cancel: async (c) => {
    const on = c.args.get("on");
    const dcs = on?.kind === "list" ? on.items.flatMap((i) => (i.kind === "ref" ? [i.name] : [])) : [dcName(c, "on")];
    await worldValue(c.frame, c.span, (w, call) => w.cancel(arg(c, "app", "app"), dcs, call));
    done(c);
    return NOTHING;
  },
  job: (c) => worldValue(c.frame, c.span, (w, call) => w.job(arg(c, "app", "app"), dcName(c, "on"), call)),
  pe: (c) => worldValue(c.frame, c.span, (w, call) => w.pe(arg(c, "app", "app"), text(c, "operator"), dcName(c, "on"), call)),
  host: async (c) => {
    const opt = (k: string) => (c.args.get(k)?.kind === "string" && text(c, k) !== "" ? text(c, k) : undefined);
    const address = opt("address");
    const ssh = opt("ssh");
    const hostKey = opt("host_key");
    return { kind: "host", name: text(c, "name"), ...(address ? { address } : {}), ...(ssh ? { ssh } : {}), ...(hostKey ? { hostKey } : {}) };
  },
  hosts: async (c) => {
    const hosts: readonly HostRef[] = await worldValue(c.frame, c.span, (w, call) => w.hosts(dcName(c, "dc"), call));
    return { kind: "list", items: hosts as never };
  },
  secret: async (c) => ({ kind: "secret", variable: text(c, "name") }),
  inject: async (c) => {
    const f = c.frame;
    const run = f.run;
    const endpoint = arg(c, "endpoint", "endpoint");
    const schema = c.args.get("schema");
    const file = c.args.get("file")?.kind === "string" ? text(c, "file") : "";
    const timestamps = c.args.get("timestamps")?.kind === "string" ? text(c, "timestamps") : "";
    const recorded = file === "" ? {} : {
      file: resolve(run.baseDir, file),
      ...(timestamps !== "" ? { timestamps } : {}),
      ...(c.args.get("speed")?.kind === "quantity" ? { speed: amount(c, "speed") } : {}),
      loop: c.args.get("loop")?.kind === "bool" && arg(c, "loop", "bool").value,
    };
    const rate = rateArgument(c.args.get("rate"));
    const durationMs = amount(c, "for");
    const planned = plannedRate(rate, durationMs);
    const keys = amount(c, "keys");
    const payloadBytes = amount(c, "payload");
    const spec: WorkloadSpec = {
      id: run.nextId("w"),
      ...(f.binding !== undefined ? { name: f.binding } : {}),
      endpoint,
      ratePerSecond: typeof rate === "number" ? rate : planned.meanPerSecond,
      ...(typeof rate === "number" ? {} : { shape: rate }),
      durationMs,
      key: text(c, "key"),
      ...(keys > 0 ? { keys: { attribute: text(c, "keyed_by"), count: keys, spread: text(c, "spread") === "zipf" ? "zipf" : "uniform" } } : {}),
      ...(payloadBytes > 0 ? { payloadBytes } : {}),
      schema: Object.fromEntries(schema?.kind === "record" ? schema.fields.flatMap((x) => (x.value.kind === "string" ? [[x.name, x.value.value]] : [])) : []),
      ...recorded,
      seed: run.seed,
    };
    const started = await worldValue(f, c.span, (w, call) => w.inject(spec, call));
    const workload: WorkloadRef = {
      kind: "workload", id: spec.id, ...(spec.name !== undefined ? { name: spec.name } : {}), endpoint, ratePerSecond: spec.ratePerSecond, ...(spec.shape ? { shape: spec.shape } : {}), durationMs, key: spec.key, startedAtMs: run.clock.now(),
    };
    const ended = started.done.then((d) => {
      if (d.error) throw haltError(d.error.class, d.error.message, c.span);
    });
    run.workloads.set(spec.id, ended);
    f.activities.start(() => ended, f.signal);
    const rateNote = typeof rate === "number" ? "" : `; ${describeRate(rate, planned)}`;
    run.journal.emit(
      { kind: "action", builtin: c.builtin.name, what: describeCall(c.builtin, c.args), ok: true, detail: `workload ${spec.name ?? spec.id} ends at +${duration(run.clock.now() + durationMs)}${rateNote}`, ...(typeof rate === "number" ? {} : { rate: { tuples: planned.tuples ?? 0, points: planned.points } }) },
      c.span,
    );
    return workload;
  },
  collect: async (c) => {
    await worldValue(c.frame, c.span, (w, call) => w.collect(arg(c, "endpoint", "endpoint"), call));
    done(c);
    return NOTHING;
  },
  healthy: async (c) => fromReading(await worldValue(c.frame, c.span, (w, call) => w.healthy(arg(c, "app", "app"), dcName(c, "on"), call)), "Number"),
  failover: async (c) => {
    const from = c.args.get("from");
    return { kind: "event", event: { kind: "failover", app: arg(c, "app", "app"), to: dcName(c, "to"), ...(from?.kind === "ref" ? { from: from.name } : {}) } };
  },
  metric: async (c) => {
    const target = c.args.get("target") as MetricTarget;
    const on = c.args.get("on");
    return fromReading(await worldValue(c.frame, c.span, (w, call) => w.metric(target, text(c, "name"), on?.kind === "ref" ? on.name : undefined, call)), "Number");
  },
  jmx: async (c) =>
    fromReading(await worldValue(c.frame, c.span, (w, call) => w.jmx({ mbean: text(c, "mbean"), attribute: text(c, "attribute"), path: text(c, "path") }, dcName(c, "on"), call)), "Number"),
  throughput: async (c) => {
    const overMs = amount(c, "over");
    await windowInPhase(c, overMs);
    return fromReading(await worldValue(c.frame, c.span, (w, call) => w.throughput(arg(c, "endpoint", "endpoint") as EndpointRef, overMs, call)), "Rate");
  },
  promql: (c) => promql(c),
  promql_range: async (c) => {
    const overMs = amount(c, "over");
    await windowInPhase(c, overMs);
    const take = text(c, "take");
    return promql(c, { overMs, stepMs: amount(c, "step"), take: take === "min" ? "min" : take === "avg" ? "avg" : "max" });
  },
  lost: async (c) => fromReading(await worldValue(c.frame, c.span, (w, call) => w.lost(workloadOf(c), sinkOf(c), call)), "Percent"),
  duplicates: async (c) => fromReading(await worldValue(c.frame, c.span, (w, call) => w.duplicates(workloadOf(c), sinkOf(c), call)), "Number"),
  split_brain: async (c) => fromReading(await worldValue(c.frame, c.span, (w, call) => w.splitBrain(arg(c, "app", "app"), call)), "Duration"),
  failovers: (c) => {
    const to = c.args.get("to")?.kind === "ref" ? { to: dcName(c, "to") } : {};
    const from = c.args.get("from")?.kind === "ref" ? { from: dcName(c, "from") } : {};
    // The checker holds `during` to the phases' names.
    const during = c.args.get("during")?.kind === "string" ? (text(c, "during") as ScenarioPhase) : undefined;
    const q = { app: arg(c, "app", "app"), ...to, ...from };
    return countInPhase(c.frame.run, q, during, (window) => worldValue(c.frame, c.span, (w, call) => w.failovers(window, call)));
  },
  role: async (c) => {
    const r = await worldValue(c.frame, c.span, (w, call) => w.role(arg(c, "app", "app"), dcName(c, "on"), call));
    if (r.kind === "value") return { kind: "string", value: r.value };
    return r.kind === "no-data" ? { kind: "unknown", why: r.reason, noData: true } : { kind: "unknown", why: r.why };
  },
  ordered: async (c) => fromReading(await worldValue(c.frame, c.span, (w, call) => w.ordered(sinkOf(c), text(c, "by"), text(c, "per"), call)), "Number"),
  rpo: async (c) => fromReading(await worldValue(c.frame, c.span, (w, call) => w.rpo(workloadOf(c), sinkOf(c), call)), "Duration"),
  latency_p: async (c) =>
    fromReading(await worldValue(c.frame, c.span, (w, call) => w.latencyQuantile(workloadOf(c), sinkOf(c), amount(c, "q"), call)), "Duration"),
  all: (c) => tupleCheck(c, "the condition"),
  conforms: (c) => tupleCheck(c, "the schema"),
  continues: (c) => tupleCheck(c, `\`${text(c, "value")}\``),
  revert: async (c) => {
    const ref = arg(c, "fault", "fault");
    const entry = c.frame.run.faults.get(ref.id);
    if (!entry) throw haltError("internal", `no fault ${ref.id} to revert`, c.span);
    await c.frame.run.faults.revert(entry, c.span);
    return NOTHING;
  },
  log: async (c) => {
    const message = text(c, "message");
    c.frame.run.journal.emit({ kind: "log", level: "info", message }, c.span);
    c.frame.run.world.log("info", message);
    return NOTHING;
  },
  ...SHAPE_EFFECTS,
  ...Object.fromEntries(Object.entries(FIGURES).map(([name, reduce]) => [name, (c: EffectCall) => seriesFigure(c, reduce)])),
  // A statistic over repeats is this run's value; `expect` records it for the judgement after the last repeat (expect.ts).
  ...Object.fromEntries(REPEAT_STATS.map((name) => [name, async (c: EffectCall) => c.args.get("value") ?? { kind: "unknown", why: "no value", noData: true }])),
  // Not a fault (nothing to undo), but it acts on processes like one: the World's fault path does it.
  resume: async (c) => {
    const f = c.frame;
    const applied = await worldValue(f, c.span, (w, call) => w.applyFault({ id: f.run.nextId("a"), builtin: "resume", args: c.args }, call));
    done(c, applied.commands.join("\n"));
    return NOTHING;
  },
};

