import { readFileSync } from "node:fs";
import { errorCount, type Diagnostic } from "../language/diagnostics.js";
import { checkText, fileSystemHost, type CheckedScenario } from "../language/index.js";
import { render } from "../language/render/index.js";
import { passed, preflight, preflightJson, preflightTable, type CheckLine, type EnvironmentReport, type ScenarioToCheck } from "../preflight/index.js";
import { realClock } from "../runtime/clock.js";
import { liveEnvironment, type LiveEnvironment } from "../runtime/live/environment.js";
import { readEnvironmentFile } from "../runtime/live/environment-file.js";
import { startTwinProcess, type RunningTwin } from "./exec-twin.js";
import { prometheusMissing, promqlCall } from "./exec-prometheus.js";
import { EXIT } from "./exit.js";
import { sshFor } from "./ssh-for.js";
import type { SshCliOptions } from "./ssh-options.js";

export interface PreflightCliOptions extends SshCliOptions {
  readonly env?: string;
  readonly format: "text" | "json";
  readonly timeout: number;
  readonly maxSkew: number;
}

export interface PreflightHost {
  readonly env: NodeJS.ProcessEnv;
  /** The `xdc` entry, to start the twin as `xdc sim`. */
  readonly xdc: string;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
}

/** Every file read and checked; one with errors is printed as `xdc check` prints it. */
function checkedScenarios(files: readonly string[], err: (line: string) => void): ScenarioToCheck[] | undefined {
  const host = fileSystemHost();
  const found: ScenarioToCheck[] = [];
  let bad = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      err(`xdc preflight: ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(e)}`);
      return undefined;
    }
    const source = (f: string) => (f === file ? text : host.read(f));
    const result = checkText(text, file, host);
    if (errorCount(result.diagnostics) > 0) {
      const errors: Diagnostic[] = result.diagnostics.filter((d) => d.severity === "error");
      err(render("human", { diagnostics: errors, source, fileCount: 1 }, { colour: false }).trimEnd());
      bad = true;
      continue;
    }
    for (const scenario of result.value.scenarios) found.push({ program: result.value, scenario, source });
  }
  return bad ? undefined : found;
}

/** Scenarios grouped by where `xdc exec` would run them: `--env`, the twin, or their own environment. */
function groupsOf(scenarios: readonly ScenarioToCheck[]): Map<string, ScenarioToCheck[]> {
  const groups = new Map<string, ScenarioToCheck[]>();
  const keyOf = (s: CheckedScenario) => (s.environment.name === "sim" ? "sim" : `${s.environment.span?.file ?? ""}:${s.environment.name}`);
  for (const s of scenarios) groups.set(keyOf(s.scenario), [...(groups.get(keyOf(s.scenario)) ?? []), s]);
  return groups;
}

type Resolved = { readonly env: LiveEnvironment; readonly source: string; readonly twin?: RunningTwin } | { readonly name: string; readonly source: string; readonly problem: string };

/** The twin for `sim` (started here, with the settings `xdc exec` gives it), else the scenario's own environment. */
async function resolve(group: readonly ScenarioToCheck[], host: PreflightHost): Promise<Resolved> {
  const info = group[0]!.scenario.environment;
  if (info.name === "sim") {
    // As `xdc exec` does: a Prometheus server over the twin when a scenario queries one.
    const promql = group.map((s) => promqlCall(s.program)).find((c) => c !== undefined);
    const missing = promql !== undefined ? prometheusMissing(host.env["PATH"]) : undefined;
    if (missing) return { name: "sim", source: "the embedded twin", problem: `${promql} queries Prometheus, and for \`environment: sim\` xdc runs a Prometheus server over the twin, but there is ${missing}` };
    let twin: RunningTwin;
    try {
      twin = await startTwinProcess({ xdc: host.xdc, seed: 1, heartbeatIntervalMs: 200, missesAllowed: 3, restartDelayMs: 500, ...(promql !== undefined ? { prometheus: true } : {}) });
    } catch (e) {
      return { name: "sim", source: "the embedded twin", problem: `cannot start the twin: ${(e as Error).message}` };
    }
    const env = await readEnvironmentFile(twin.envFile, (v) => (v === twin.passwordVariable ? twin.password : undefined));
    if (env.ok) return { env: env.value, source: "the embedded twin, started for the preflight", twin };
    await twin.stop();
    return { name: "sim", source: "the embedded twin", problem: "the twin's environment file cannot be used" };
  }
  const source = info.span?.file ?? "the scenario";
  const env = liveEnvironment(info, (v) => host.env[v], "root");
  return env.ok ? { env: env.value, source } : { name: info.name, source, problem: env.error };
}

/** The checks of one environment; SSH set up as `xdc exec` would. */
export async function checkEnvironment(scenarios: readonly ScenarioToCheck[], env: LiveEnvironment, opts: SshCliOptions & { readonly timeout: number; readonly maxSkew: number }, processEnv: NodeJS.ProcessEnv): Promise<CheckLine[]> {
  const ssh = await sshFor(env, opts, processEnv);
  if ("problem" in ssh) return [{ check: "login", where: env.name, status: "failed", detail: ssh.problem ?? "SSH cannot be set up", fix: "give a key xdc can read with --identity" }];
  return preflight(scenarios, env, { ssh, clock: realClock(), timeoutMs: opts.timeout, maxSkewMs: opts.maxSkew });
}

/** `xdc preflight`: the exit code (docs/preflight.md). */
export async function runPreflightCommand(files: readonly string[], opts: PreflightCliOptions, host: PreflightHost): Promise<number> {
  const out = host.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = host.err ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const scenarios = checkedScenarios(files, err);
  if (!scenarios) return EXIT.usage;
  const reports: EnvironmentReport[] = [];
  const names = (list: readonly ScenarioToCheck[]) => list.map((s) => s.scenario.name);
  if (opts.env !== undefined) {
    const env = await readEnvironmentFile(opts.env, (v) => host.env[v]);
    if (!env.ok) {
      const e = env.error;
      if (e.kind === "diagnostics") err(render("human", { diagnostics: e.diagnostics.filter((d) => d.severity === "error"), source: (f) => (f === opts.env ? e.text : undefined), fileCount: 1 }, { colour: false }).trimEnd());
      else err(`xdc preflight: --env: ${e.message}`);
      return EXIT.usage;
    }
    reports.push({ name: env.value.name, source: opts.env, scenarios: names(scenarios), checks: await checkEnvironment(scenarios, env.value, opts, host.env) });
  } else {
    for (const group of groupsOf(scenarios).values()) {
      const where = await resolve(group, host);
      if ("problem" in where) {
        reports.push({ name: where.name, source: where.source, scenarios: names(group), checks: [{ check: "environment", where: where.name, status: "failed", detail: where.problem, fix: "complete the environment (and set the variables its secret(…) names), or give one with --env" }] });
        continue;
      }
      try {
        reports.push({ name: where.env.name, source: where.source, scenarios: names(group), checks: await checkEnvironment(group, where.env, opts, host.env) });
      } finally {
        await where.twin?.stop();
      }
    }
  }
  if (opts.format === "json") out(preflightJson(reports));
  else for (const line of preflightTable(reports)) out(line);
  return reports.every((r) => passed(r.checks)) ? EXIT.pass : EXIT.error;
}
