import { existsSync, readFileSync } from "node:fs";
import type { Diagnostic } from "../language/diagnostics.js";
import { checkText, fileSystemHost } from "../language/index.js";
import type { EnvironmentInfo } from "../language/program.js";
import { render } from "../language/render/index.js";
import { plan } from "../plan/plan.js";
import { planJson, planText } from "../plan/render.js";
import { targetFor } from "../plan/target.js";
import { EXIT } from "./exit.js";
import type { Io } from "./io.js";
import { twinLayout } from "./plan-twin.js";

export interface PlanOptions {
  readonly file: string;
  readonly format: "text" | "json";
  /** An environment file to plan against instead of the scenario's environment, as `xdc exec --env` runs against it. */
  readonly env?: string;
}

type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number };

/** Reads and checks a file; its errors are printed as `xdc check` prints them. */
function checkedFile(file: string, io: Io): Checked<{ program: ReturnType<typeof checkText>["value"]; source: (f: string) => string | undefined }> {
  if (!existsSync(file)) {
    io.err(`xdc plan: ${file}: no such file\n`);
    return { ok: false, code: EXIT.usage };
  }
  const text = readFileSync(file, "utf8");
  const host = fileSystemHost();
  const source = (f: string) => (f === file ? text : host.read(f));
  const checked = checkText(text, file, host);
  const errors: Diagnostic[] = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    io.err(render("human", { diagnostics: errors, source, fileCount: 1 }, { colour: false }));
    return { ok: false, code: EXIT.usage };
  }
  return { ok: true, value: { program: checked.value, source } };
}

/** The one environment an `--env` file declares. */
function environmentFile(file: string, io: Io): Checked<EnvironmentInfo> {
  const checked = checkedFile(file, io);
  if (!checked.ok) return checked;
  const envs = [...checked.value.program.environments.values()];
  if (envs.length !== 1) {
    io.err(`xdc plan: ${file} must declare exactly one environment, not ${envs.length}\n`);
    return { ok: false, code: EXIT.usage };
  }
  return { ok: true, value: envs[0]! };
}

/** `xdc plan FILE`: returns the exit code. Refuses a file with errors, as `exec` would. */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  const envFile = options.env === undefined ? undefined : environmentFile(options.env, io);
  if (envFile && !envFile.ok) return envFile.code;
  const checked = checkedFile(options.file, io);
  if (!checked.ok) return checked.code;
  const choice = { twin: twinLayout, ...(envFile ? { envFile: envFile.value } : {}) };
  const plans = await plan(checked.value.program, checked.value.source, (s) => targetFor(s, choice));
  io.out(options.format === "json" ? planJson(plans) : planText(plans));
  return EXIT.pass;
}
