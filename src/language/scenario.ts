import * as A from "./ast.js";
import { compact } from "./compact.js";
import type { Context, FaultLedger, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { expectType } from "./expr.js";
import { again, didYouMean } from "./problems.js";
import type { CheckedScenario, EnvironmentInfo } from "./program.js";
import type { Scope } from "./scope.js";
import { collectSettings, type SettingSpec } from "./settings.js";
import { span } from "./span.js";
import { SIM } from "./environment.js";
import { checkBody, checkLet, reportLeftApplied } from "./stmt.js";
import { checkTimeline } from "./timeline.js";
import { declareScenarioParams } from "./scenario-params.js";
import { T } from "./types.js";
import { stringList } from "./values.js";

export const SCENARIO_SETTINGS: Readonly<Record<string, SettingSpec>> = {
  tags: { type: T.list(T.String), doc: "Labels for selecting scenarios (`xdc exec --tag network`)." },
  environment: { type: T.Environment, doc: "Where the scenario runs: `sim` (the built-in twin, the default) or an `environment` declared in this file or an imported one." },
  timeout: { type: T.Duration, required: true, doc: "How long the whole scenario may take; it is stopped (and its faults undone) after that." },
  description: { type: T.String, doc: "A sentence for reports." },
  seed: { type: T.Number, doc: "Seed of generated data; the same seed gives the same tuples." },
  repeat: { type: T.Number, doc: "How many times `xdc exec` runs the scenario, each time on a fresh twin (`--repeat` overrides); its summary gives the pass rate and the spread of every figure." },
  min_pass: { type: T.Percent, doc: "The share of its repeats that must pass for the scenario to pass (`--min-pass` overrides); default 100%." },
};

/** Names bound in one block are visible in the blocks after it, in the order they run. */
const SEES: Record<A.Phase, A.Phase | "scenario"> = {
  setup: "scenario",
  steady: "setup",
  run: "steady",
  verify: "run",
  teardown: "verify",
};

export function checkScenario(ctx: Context, moduleScope: Scope, sc: A.Scenario): CheckedScenario {
  const moduleWhere: Where = { scope: moduleScope, place: "scenario" };
  ctx.typed(sc.name, T.String, { kind: "string", value: sc.name.value });
  const settings = collectSettings(ctx, sc.members.filter((m): m is A.Setting => m.kind === "setting"), SCENARIO_SETTINGS, "XDC1008", "in a scenario");
  const envSetting = settings.get("environment");
  const environment = envSetting ? resolveEnvironment(ctx, moduleScope, envSetting.value) : SIM;
  for (const [key, s] of settings) if (key !== "environment") expectType(ctx, moduleWhere, s.value, SCENARIO_SETTINGS[key]!.type);
  const timeout = settings.get("timeout");
  const timeoutValue = timeout ? ctx.values.get(timeout.value) : undefined;
  const timeoutMs = timeoutValue?.kind === "quantity" && timeoutValue.unit === "Duration" ? timeoutValue.value : undefined;
  if (!timeout) {
    if (!ctx.brokenWithin(sc.span)) missingTimeout(ctx, sc);
  } else if (timeoutMs !== undefined && timeoutMs <= 0) {
    ctx.report(diagnostic("XDC3013", timeout.value.span, "`timeout` must be more than 0s", { label: "out of range" }));
  }

  const scope = moduleScope.child();
  ctx.scopes.push({ span: sc.span, scope });
  // With `--env`, the datacenters and hosts are those of the deployment the run will use.
  const runsIn = ctx.environment ?? environment;
  for (const dc of runsIn.dcs) scope.declare(dc.span ? { kind: "dc", name: dc.name, span: dc.span, environment: runsIn } : { kind: "dc", name: dc.name, environment: runsIn });
  const where: Where = { scope, place: "scenario", environment: runsIn, submits: [] };
  const params = declareScenarioParams(ctx, where, sc, ctx.set);
  for (const m of sc.members) if (m.kind === "let") checkLet(ctx, where, m);
  const blocks = sc.members.filter((m): m is A.PhaseBlock => m.kind === "block");
  checkPhases(ctx, where, blocks);
  if (timeoutMs !== undefined && timeoutMs > 0) checkTimeline(ctx, blocks, timeoutMs);

  const value = (key: string) => {
    const s = settings.get(key);
    return s ? ctx.values.get(s.value) : undefined;
  };
  const description = value("description");
  const seed = value("seed");
  const repeat = checkedQuantity(ctx, settings.get("repeat"), value("repeat"), (n) => Number.isInteger(n) && n >= 1 && n <= 10_000, "`repeat` must be a whole number from 1 to 10000");
  const minPass = checkedQuantity(ctx, settings.get("min_pass"), value("min_pass"), (n) => n >= 0 && n <= 100, "`min_pass` must be from 0% to 100%");
  const given = params.filter((p) => p.set);
  return {
    node: sc,
    // Each run of a sweep is told apart by the values it was given.
    name: given.length > 0 ? `${sc.name.value} [${given.map((p) => `${p.name}=${p.value}`).join(", ")}]` : sc.name.value,
    ...(params.length > 0 ? { params } : {}),
    environment,
    settings: compact({
      timeoutMs,
      tags: stringList(value("tags")) ?? [],
      description: description?.kind === "string" ? description.value : undefined,
      seed: seed?.kind === "quantity" ? seed.value : undefined,
      repeat,
      minPass: minPass === undefined ? undefined : minPass / 100,
    }),
  };
}

/** A numeric setting's value when it is in range; out of range is XDC3013 at the value. */
function checkedQuantity(ctx: Context, setting: A.Setting | undefined, v: ReturnType<Context["values"]["get"]>, ok: (n: number) => boolean, message: string): number | undefined {
  if (setting === undefined || v?.kind !== "quantity") return undefined;
  if (ok(v.value)) return v.value;
  ctx.report(diagnostic("XDC3013", setting.value.span, message, { label: "out of range" }));
  return undefined;
}

function checkPhases(ctx: Context, where: Where, blocks: readonly A.PhaseBlock[]): void {
  const first = new Map<A.Phase, A.PhaseBlock>();
  for (const b of blocks) {
    const earlier = first.get(b.phase);
    if (!earlier) {
      first.set(b.phase, b);
      continue;
    }
    ctx.report(again("XDC1007", b.phaseSpan, `duplicate \`${b.phase}\` block`, earlier.phaseSpan, `move its statements into the first \`${b.phase}\` block`));
  }
  const scopes = new Map<A.Phase | "scenario", Scope>([["scenario", where.scope]]);
  for (const phase of A.PHASES) {
    const parent = scopes.get(SEES[phase]) ?? where.scope;
    for (const b of blocks.filter((x) => x.phase === phase)) {
      const ledger: FaultLedger | undefined = phase === "run" ? { applied: [], reverted: new Set() } : undefined;
      const scope = checkBody(ctx, { ...where, scope: parent, place: phase, ...(ledger ? { ledger } : {}) }, b.body);
      if (ledger) reportLeftApplied(ctx, ledger);
      if (b === first.get(phase)) scopes.set(phase, scope);
    }
    if (!scopes.has(phase)) scopes.set(phase, parent);
  }
}

function missingTimeout(ctx: Context, sc: A.Scenario): void {
  const head = span(sc.span.file, sc.keywordSpan.start, sc.name.span.end.offset >= sc.keywordSpan.end.offset ? sc.name.span.end : sc.keywordSpan.end);
  const firstMember = sc.members[0];
  ctx.report(diagnostic("XDC4003", head, "scenario has no `timeout`", {
    label: "nothing bounds how long this scenario runs",
    help: {
      message: "add a timeout, for example `timeout: 10m`",
      ...(firstMember
        ? { edit: { span: span(sc.span.file, firstMember.span.start, firstMember.span.start), newText: `timeout: 10m\n${" ".repeat(firstMember.span.start.column - 1)}`, applicability: "has-placeholders" as const } }
        : {}),
    },
  }));
}

/** The value of `environment:`: `sim`, a declared environment, or `module.name` (XDC2007 otherwise). */
function resolveEnvironment(ctx: Context, moduleScope: Scope, e: A.Expr): EnvironmentInfo {
  if (e.kind === "name") {
    const b = moduleScope.lookup(e.name);
    if (b?.kind === "environment") {
      ctx.symbols.set(e, b);
      ctx.used.add(b);
      ctx.typed(e, T.Environment, { kind: "ref", what: "environment", name: b.name });
      return b.environment;
    }
    if (!b) {
      const known = [...moduleScope.all()].filter((x) => x.kind === "environment").map((x) => x.name);
      const hint = didYouMean(e.span, e.name, known);
      ctx.report(diagnostic("XDC2007", e.span, `unknown environment \`${e.name}\``, {
        label: "no environment has this name",
        notes: hint.help ? hint.notes : [`environments here: ${known.map((k) => `\`${k}\``).join(", ")}`],
        help: hint.help ?? { message: `declare it with \`environment ${e.name} { … }\`, or import the file that does` },
      }));
      ctx.typed(e, T.error);
      return unresolved(e.name);
    }
  }
  if (e.kind === "string") {
    const known = moduleScope.lookup(e.value);
    ctx.types.set(e, T.String);
    ctx.report(diagnostic("XDC3002", e.span, "expected an environment, found a string", {
      label: "environments are named without quotes",
      ...(known?.kind === "environment"
        ? { help: { message: `write \`${e.value}\``, edit: { span: e.span, newText: e.value, applicability: "machine-applicable" as const } } }
        : {}),
    }));
    return known?.kind === "environment" ? known.environment : unresolved(e.value);
  }
  expectType(ctx, { scope: moduleScope, place: "scenario" }, e, T.Environment);
  const b = e.kind === "member" ? ctx.symbols.get(e) : undefined;
  return b?.kind === "environment" ? b.environment : unresolved("?");
}

/** Stands for an environment that could not be found, so its datacenters' names are not reported again. */
const unresolved = (name: string): EnvironmentInfo => ({ name, dcs: [], unresolved: true });
