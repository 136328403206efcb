import type { EnvironmentInfo } from "../language/program.js";
import { plan, type ScenarioPlan } from "../plan/plan.js";
import { planJson, planText } from "../plan/render.js";
import { targetFor } from "../plan/target.js";
import { EXIT } from "./exit.js";
import type { Io } from "./io.js";
import { twinLayout } from "./plan-twin.js";
import { checkScenarioFile, checkScenarioFiles, fileList, type Checked, type ScenarioIo } from "./scenario-files.js";

export interface PlanOptions {
  /** Files, directories (every `.xdc` file in them, in name order) or `-`, as `xdc check` takes them. */
  readonly paths: readonly string[];
  readonly format: "text" | "json";
  /** An environment file to plan against instead of the scenario's environment, as `xdc exec --env` runs against it. */
  readonly env?: string;
  /** `--set NAME=VALUE[,VALUE…]`: scenario parameters; several values plan each scenario once per value. */
  readonly set?: readonly string[];
}

/** The one environment an `--env` file declares. */
async function environmentFile(file: string, io: ScenarioIo): Promise<Checked<EnvironmentInfo>> {
  const checked = await checkScenarioFile("plan", "--env", file, io);
  if (!checked.ok) return checked;
  const envs = [...checked.value.program.environments.values()];
  if (envs.length !== 1) {
    io.err(`xdc plan: ${file} must declare exactly one environment, not ${envs.length}`);
    return { ok: false, code: EXIT.usage };
  }
  return { ok: true, value: envs[0]! };
}

/** `xdc plan PATH…`: returns the exit code. Refuses a file with errors, as `exec` would. */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  const lines: ScenarioIo = { err: (line) => io.err(`${line}\n`), readStdin: io.readStdin };
  const envFile = options.env === undefined ? undefined : await environmentFile(options.env, lines);
  if (envFile && !envFile.ok) return envFile.code;
  // With --env, the scenarios are checked against that deployment: its datacenters, its hosts.
  const files = await checkScenarioFiles("plan", options.paths, lines, options.set ?? [], envFile?.ok ? envFile.value : undefined);
  if (!files.ok) return files.code;
  // A plan of nothing would look like a clean plan; exec would run nothing and exit 4 too.
  if (files.value.every((f) => f.program.scenarios.length === 0)) {
    lines.err(`xdc plan: no scenario to plan: ${fileList(files.value.map((f) => f.path))} ${files.value.length === 1 ? "has" : "have"} none`);
    return EXIT["no-data"];
  }
  const choice = { twin: twinLayout, ...(envFile ? { envFile: envFile.value } : {}) };
  const plans: ScenarioPlan[] = [];
  for (const f of files.value) plans.push(...(await plan(f.program, f.source, (s) => targetFor(s, choice))));
  io.out(options.format === "json" ? planJson(plans) : planText(plans));
  return EXIT.pass;
}
