import type { CheckedProgram, CheckedScenario } from "../language/program.js";
import { plannedFault } from "../plan/fault-commands.js";
import { planWorld } from "../plan/plan-world.js";
import type { PlanTarget } from "../plan/target.js";
import { VirtualClock } from "../runtime/clock.js";
import { runScenario } from "../runtime/interpreter/scenario.js";
import { memorySink } from "../runtime/journal/sink.js";
import type { AppRef, EndpointRef } from "../runtime/value.js";
import type { FailoverRequest, World } from "../runtime/world.js";
import { submissionParameters } from "../runtime/live/jobs.js";
import { programsOf } from "./shell-words.js";

/** What one host must offer the scenario's faults. */
export interface HostNeed {
  readonly host: string;
  readonly dc: string;
  /** Every program a fault runs there, and whether it runs it through `sudo -n`. */
  readonly programs: Map<string, boolean>;
  /** Kernel modules its rules and qdiscs load. */
  readonly modules: Set<string>;
  /** The faults that act on it (`partition`, `kill`), for messages. */
  readonly faults: Set<string>;
  /** A fault puts DROP rules on it: xdc's own channel to it must be spared. */
  rules: boolean;
  /** A fault shapes its interface (netem, tbf): xdc's own traffic to it is shaped too. */
  shaped: boolean;
}

export interface EndpointNeed {
  readonly app: string;
  readonly operator: string;
  readonly direction: "source" | "sink";
}

/** A `submit(…)` as the scenario makes it: what decides the toolkit settings the job starts with. */
export interface SubmitNeed {
  readonly app: string;
  readonly bundlePath: string;
  readonly dc: string;
  /** The submission parameters, exactly as a run sends them (its `toolkit:` among them). */
  readonly parameters: Readonly<Record<string, string>>;
}

/** An `await failover(app, to: …) within T`, with the submits the scenario made before it. */
export interface FailoverAwait {
  readonly app: string;
  readonly to: string;
  readonly from?: string;
  readonly withinMs: number;
  /** `FILE:LINE` of the await. */
  readonly at: string;
  /** The last submit of the app to `to` before the await: the survivor's job. */
  readonly survivor?: SubmitNeed;
  /** The last submit of the app to each other datacenter (only `from`, when given): the peers whose heartbeats stop. */
  readonly peers: readonly SubmitNeed[];
}

/**
 * Everything a scenario will use, found by running it on a virtual clock against `xdc plan`'s
 * world (which contacts nothing) and recording what it asked for. The hosts, programs and sudo
 * rules of each fault come from the plan's own fault builders (plan/fault-commands.ts), the
 * same that `xdc exec` runs: one source of truth for what a fault needs.
 */
/** A recorded file a workload sends, and what its rows must fit. */
export interface DataFileNeed {
  /** The path (resolved against the scenario's directory). */
  readonly written: string;
  readonly schema: Readonly<Record<string, string>>;
  readonly timestamps?: string;
}

export interface Needs {
  readonly hosts: Map<string, HostNeed>;
  readonly endpoints: Map<string, EndpointNeed>;
  /** Bundles by resolved path, with the path as the scenario wrote it. */
  readonly bundles: Map<string, string>;
  /** Data files of `inject(file: …)`, by resolved path and how they are read. */
  readonly dataFiles: Map<string, DataFileNeed>;
  /** Datacenters whose Prometheus server the scenario queries; `*` for a query that names none (every server). */
  readonly prometheus: Set<string>;
  /** Every `submit(…)`, in order, across the scenarios. */
  readonly submits: SubmitNeed[];
  /** Every `await failover(…) within T`, once per place and app. */
  readonly failoverAwaits: FailoverAwait[];
  /** Faults that cannot be built for this environment at all (a datacenter without hosts): `exec` would fail on them. */
  readonly problems: string[];
}

export const emptyNeeds = (): Needs => ({ hosts: new Map(), endpoints: new Map(), bundles: new Map(), dataFiles: new Map(), prometheus: new Set(), submits: [], failoverAwaits: [], problems: [] });

/** Kernel modules a fault's command line loads, by the program and what the line asks of it. */
const MODULES: readonly { readonly program: string; readonly pattern: RegExp; readonly module: string }[] = [
  { program: "tc", pattern: /\bnetem\b/, module: "sch_netem" },
  { program: "tc", pattern: /\btbf\b/, module: "sch_tbf" },
  { program: "iptables", pattern: /-m statistic\b/, module: "xt_statistic" },
  { program: "iptables", pattern: /-m comment\b/, module: "xt_comment" },
];

/** The shell's own words: nothing to install. */
const SHELL_BUILTINS = new Set(["echo", "true", "false", "exit", ":", "command"]);

/** The needs of one scenario in the environment `target` describes. */
export async function scenarioNeeds(program: CheckedProgram, scenario: CheckedScenario, source: (file: string) => string | undefined, target: PlanTarget, into: Needs = emptyNeeds()): Promise<Needs> {
  const clock = new VirtualClock();
  const world = recordingWorld(planWorld(target, clock), target, into);
  await clock.drive(runScenario(program, scenario, { clock, world, journal: memorySink(), source, planning: true }));
  return into;
}

const endpointKey = (e: EndpointNeed) => `${e.app}.${e.operator}`;

function addEndpoint(needs: Needs, app: AppRef, operator: string, direction: "source" | "sink"): void {
  const e = { app: app.name, operator, direction };
  needs.endpoints.set(endpointKey(e), e);
}

/** The plan's world, with every request that reaches something outside written down in `needs`. */
function recordingWorld(inner: World, target: PlanTarget, needs: Needs): World {
  const sinksOf = (app: AppRef) => app.sinks.forEach((s) => addEndpoint(needs, app, s, "sink"));
  // This scenario's submits only: another scenario's jobs are gone by the time this one awaits.
  const submits: SubmitNeed[] = [];
  return {
    ...inner,
    submit: async (r, call) => {
      needs.bundles.set(r.app.bundlePath, r.app.bundle);
      const s: SubmitNeed = { app: r.app.name, bundlePath: r.app.bundlePath, dc: r.dc, parameters: submissionParameters(r) };
      submits.push(s);
      needs.submits.push(s);
      return inner.submit(r, call);
    },
    inject: async (spec, call) => {
      addEndpoint(needs, spec.endpoint.app, spec.endpoint.name, "source");
      if (spec.file !== undefined) {
        const need: DataFileNeed = { written: spec.file, schema: spec.schema, ...(spec.timestamps !== undefined ? { timestamps: spec.timestamps } : {}) };
        needs.dataFiles.set(JSON.stringify([spec.file, spec.schema, spec.timestamps]), need);
      }
      return inner.inject(spec, call);
    },
    collect: async (endpoint: EndpointRef, call) => {
      addEndpoint(needs, endpoint.app, endpoint.name, endpoint.direction);
      return inner.collect(endpoint, call);
    },
    // The failover observer reads the application's status sinks.
    awaitFailover: async (r, call) => {
      sinksOf(r.app);
      if (r.within) noteAwait(needs, r, r.within, submits);
      return inner.awaitFailover(r, call);
    },
    promql: async (q, call) => {
      needs.prometheus.add(q.dc ?? "*");
      return inner.promql(q, call);
    },
    applyFault: async (r, call) => {
      const applied = await inner.applyFault(r, call);
      const planned = plannedFault(target, r.id, r.builtin, r.args);
      if (!applied.ok || !planned.ok) {
        needs.problems.push(`${r.builtin}: ${(applied.ok ? (planned as { error: { message: string } }).error : applied.error).message}`);
        return applied;
      }
      const plan = planned.value.plan;
      const actions = [...plan.apply, ...plan.verify.map((c) => c.probe), ...plan.undo, ...plan.verifyUndone.map((c) => c.probe)];
      for (const a of actions) {
        if (a.via !== "ssh") continue;
        for (const host of hostsNamed(a.host, applied.value.dcs, target)) noteLine(needs, host, r.builtin, a.line);
      }
      return applied;
    },
  };
}

function noteAwait(needs: Needs, r: FailoverRequest, within: NonNullable<FailoverRequest["within"]>, submits: readonly SubmitNeed[]): void {
  const at = `${within.span.file}:${within.span.start.line}`;
  const ofApp = submits.filter((s) => s.app === r.app.name);
  const lastIn = (dc: string) => ofApp.filter((s) => s.dc === dc).at(-1);
  const survivor = lastIn(r.to);
  const peerDcs = [...new Set(ofApp.map((s) => s.dc))].filter((dc) => dc !== r.to && (r.from === undefined || dc === r.from));
  const found: FailoverAwait = {
    app: r.app.name,
    to: r.to,
    ...(r.from !== undefined ? { from: r.from } : {}),
    withinMs: within.ms,
    at,
    ...(survivor ? { survivor } : {}),
    peers: peerDcs.map((dc) => lastIn(dc)!),
  };
  // The same await reached again (a loop, another scenario of the file) with the same jobs says nothing new.
  const key = JSON.stringify(found);
  if (!needs.failoverAwaits.some((a) => JSON.stringify(a) === key)) needs.failoverAwaits.push(found);
}

/**
 * The environment's hosts a plan's host name stands for: itself, or, for a host only the live
 * run can look up (`<host of the PE running Ingest in dc1>`), every host of the fault's
 * datacenters, since the PE may run on any of them.
 */
function hostsNamed(name: string, dcs: readonly string[], target: PlanTarget): { host: string; dc: string }[] {
  const all = target.environment.dcs.flatMap((d) => d.hosts.map((h) => ({ host: h.name, dc: d.name })));
  const exact = all.filter((h) => h.host === name);
  return exact.length > 0 ? exact : all.filter((h) => dcs.includes(h.dc));
}

function noteLine(needs: Needs, at: { host: string; dc: string }, fault: string, line: string): void {
  let need = needs.hosts.get(at.host);
  if (!need) {
    need = { host: at.host, dc: at.dc, programs: new Map(), modules: new Set(), faults: new Set(), rules: false, shaped: false };
    needs.hosts.set(at.host, need);
  }
  need.faults.add(fault);
  for (const use of programsOf(line)) {
    if (SHELL_BUILTINS.has(use.program)) continue;
    need.programs.set(use.program, (need.programs.get(use.program) ?? false) || use.sudo);
  }
  for (const m of MODULES) if (line.includes(m.program) && m.pattern.test(line)) need.modules.add(m.module);
  if (/-j DROP\b/.test(line)) need.rules = true;
  if (/\b(netem|tbf)\b/.test(line)) need.shaped = true;
}
