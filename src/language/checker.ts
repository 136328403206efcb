import { BUILTINS } from "../builtins/index.js";
import type * as A from "./ast.js";
import { Context } from "./context.js";
import { checkDefinition, declareDefinition, reportRecursion } from "./definitions.js";
import { byPosition, diagnostic, type Diagnostic, type Result } from "./diagnostics.js";
import { syntaxErrorSpans } from "./syntax-errors.js";
import { checkEnvironment, SIM } from "./environment.js";
import { importModule } from "./modules.js";
import type { ModuleHost } from "./module-host.js";
import type { Binding, CheckedModule, CheckedProgram, CheckedScenario, EnvironmentInfo, UserDefinition } from "./program.js";
import { checkScenario } from "./scenario.js";
import { again } from "./problems.js";
import { bindingSpan } from "./program.js";
import { Scope } from "./scope.js";
import { checkLet } from "./stmt.js";

/**
 * The checker: resolves every name, types every expression against the registry and the
 * unit table, and checks boundedness, placement and environments. Pure (files come
 * through the host) and total: it keeps going past every problem and reports them all.
 */
export function check(file: A.SourceFile, host: ModuleHost, options: CheckOptions = {}): Result<CheckedProgram> {
  const ctx = new Context(host);
  ctx.set = options.set ?? new Map();
  ctx.environment = options.environment;
  ctx.syntaxErrors.push(...syntaxErrorSpans(options.parseDiagnostics ?? []));
  const root = rootScope();
  const { module, scenarios } = checkModule(ctx, root, file, [file.path]);
  reportUnused(ctx);
  const modules = new Map<string, CheckedModule>();
  for (const [path, m] of ctx.modules) if (m !== "in progress") modules.set(path, m);
  return {
    value: { ...module, scenarios, modules, types: ctx.types, values: ctx.values, symbols: ctx.symbols, declarations: ctx.declarations, calls: ctx.calls, scopes: ctx.scopes, templates: ctx.templates },
    diagnostics: [...ctx.diagnostics].sort(byPosition),
  };
}

export interface CheckOptions {
  /**
   * The parser's diagnostics for the file. Where it recovered from a syntax error it may have
   * dropped an argument, a setting or a parameter; the checker then says nothing about those
   * being missing, since the syntax error is the one problem.
   */
  readonly parseDiagnostics?: readonly Diagnostic[];
  /**
   * Values for scenario parameters, by name, as written on the command line
   * (`--set rate=800/s`): each scenario with a parameter of that name takes it instead of its
   * default, and shows it in its name (`sweep [rate=800/s]`).
   */
  readonly set?: ReadonlyMap<string, string>;
  /**
   * The environment the scenarios will run in, when the command line names one (`--env`):
   * its datacenters, not those of the scenario's own `environment:`, are the names the
   * scenarios may use, and its hosts bound `hosts(dc)[i]`.
   */
  readonly environment?: EnvironmentInfo;
}

/** Builtins and the built-in environment: what every file sees. */
function rootScope(): Scope {
  const root = new Scope();
  for (const b of BUILTINS) root.declare({ kind: "builtin", name: b.name, builtin: b });
  root.declare({ kind: "environment", name: SIM.name, environment: SIM });
  return root;
}

/**
 * One file: imports first, then definitions (hoisted, so they may call each other in any
 * order), top-level lets in order, environments, definition bodies, and scenarios.
 */
export function checkModule(ctx: Context, root: Scope, file: A.SourceFile, stack: readonly string[]): { module: CheckedModule; scenarios: CheckedScenario[] } {
  const scope = root.child();
  ctx.scopes.push({ span: file.span, scope });
  const exports = new Map<string, Binding>();
  const where = { scope, place: "module" as const };
  const imports = file.items.filter((i): i is A.Import => i.kind === "import")
    .map((i) => importModule(ctx, root, scope, i, file.path, stack, checkModule));

  const definitions = new Map<string, UserDefinition>();
  for (const item of file.items) {
    if ((item.kind !== "fault" && item.kind !== "check") || item.name.name === "") continue;
    const def = declareDefinition(ctx, item, file.path);
    if (declareTop(ctx, scope, item.name, { kind: "definition", name: def.name, span: item.name.span, definition: def })) {
      definitions.set(def.name, def);
      exports.set(def.name, scope.local(def.name)!);
    }
  }
  for (const item of file.items) {
    if (item.kind !== "let") continue;
    checkLet(ctx, where, item);
    const b = scope.local(item.name.name);
    if (b) exports.set(b.name, b);
  }
  const environments = new Map<string, EnvironmentInfo>();
  for (const item of file.items) {
    if (item.kind !== "environment") continue;
    const env = checkEnvironment(ctx, where, item);
    if (item.name.name !== "" && declareTop(ctx, scope, item.name, { kind: "environment", name: env.name, span: item.name.span, environment: env })) {
      environments.set(env.name, env);
      exports.set(env.name, scope.local(env.name)!);
    }
  }
  for (const def of definitions.values()) checkDefinition(ctx, scope, def);
  reportRecursion(ctx, [...definitions.values()]);

  const scenarios: CheckedScenario[] = [];
  const names = new Map<string, A.Scenario>();
  for (const item of file.items) {
    if (item.kind !== "scenario") continue;
    const first = names.get(item.name.value);
    if (first) {
      ctx.report(again("XDC2003", item.name.span, `scenario ${item.name.raw} is defined twice`, first.name.span, "reports tell scenarios apart by name: give each its own"));
    } else names.set(item.name.value, item);
    scenarios.push(checkScenario(ctx, scope, item));
  }
  return { module: { path: file.path, file, definitions, environments, exports, imports }, scenarios };
}

/**
 * Declares a definition, environment or import at the top of a file; XDC2003 when the name is
 * taken there or by a builtin. Returns whether it was declared.
 */
export function declareTop(ctx: Context, scope: Scope, ident: A.Ident, b: Binding & { span: A.Ident["span"] }): boolean {
  const taken = scope.local(b.name) ?? scope.parent?.lookup(b.name);
  if (!taken) {
    scope.declare(b);
    ctx.declarations.set(ident, b);
    return true;
  }
  const what = taken.kind === "builtin" ? "a builtin" : taken.kind === "environment" && !taken.span ? "the built-in environment" : "already defined";
  ctx.report(again("XDC2003", b.span, `\`${b.name}\` is ${what}`, bindingSpan(taken), "give it another name"));
  return false;
}

/** XDC2010: a `let` (or `await … as`) nothing reads; `_name` says that is on purpose. */
function reportUnused(ctx: Context): void {
  // In a file the parser had to repair, the use may be what it dropped.
  const broken = new Set(ctx.syntaxErrors.map((s) => s.file));
  for (const b of ctx.unusedCandidates) {
    if (ctx.used.has(b) || b.name.startsWith("_") || b.kind !== "value" || broken.has(b.span.file)) continue;
    ctx.report(diagnostic("XDC2010", b.span, `\`${b.name}\` is never used`, {
      severity: "warning",
      label: "bound here, read nowhere",
      help: { message: `remove it, or name it \`_${b.name}\` to say it is unused on purpose`, edit: { span: b.span, newText: `_${b.name}`, applicability: "maybe-incorrect" } },
    }));
  }
}
