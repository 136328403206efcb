import { existsSync, readFileSync } from "node:fs";
import { checkText, fileSystemHost } from "../language/index.js";
import { render } from "../language/render/index.js";
import { plan } from "../plan/plan.js";
import { planJson, planText } from "../plan/render.js";
import { EXIT } from "./exit.js";
import type { Io } from "./io.js";

export interface PlanOptions {
  readonly file: string;
  readonly format: "text" | "json";
}

/** `xdc plan FILE`: returns the exit code. Refuses a file with errors, as `exec` would. */
export async function runPlan(options: PlanOptions, io: Io): Promise<number> {
  if (!existsSync(options.file)) {
    io.err(`xdc plan: ${options.file}: no such file\n`);
    return EXIT.usage;
  }
  const text = readFileSync(options.file, "utf8");
  const host = fileSystemHost();
  const source = (f: string) => (f === options.file ? text : host.read(f));
  const checked = checkText(text, options.file, host);
  const errors = checked.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    io.err(render("human", { diagnostics: errors, source, fileCount: 1 }, { colour: false }));
    return EXIT.usage;
  }
  const plans = await plan(checked.value, source);
  io.out(options.format === "json" ? planJson(plans) : planText(plans));
  return EXIT.pass;
}
