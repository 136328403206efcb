import { passed, type ScenarioToCheck } from "../preflight/index.js";
import type { LiveEnvironment } from "../runtime/live/environment.js";
import type { ExecOptions } from "./exec-run.js";
import { checkEnvironment } from "./preflight-run.js";

/** `xdc exec`'s preflight bounds: those of `xdc preflight`'s defaults. */
const EXEC_PREFLIGHT = { timeout: 5_000, maxSkew: 100 } as const;

/**
 * The preflight `xdc exec` runs before it starts anything: true when the run may go ahead; when
 * not, the failing lines (and the warnings beside them) go to stderr with their fixes.
 */
export async function execPreflight(scenarios: readonly ScenarioToCheck[], env: LiveEnvironment, opts: ExecOptions, processEnv: NodeJS.ProcessEnv, err: (line: string) => void): Promise<boolean> {
  const lines = await checkEnvironment(scenarios, env, { ...opts, ...EXEC_PREFLIGHT }, processEnv);
  if (passed(lines)) return true;
  err(`xdc exec: the preflight found a problem in environment ${env.name}; nothing was started (\`xdc preflight\` shows every check; --no-preflight skips them):`);
  for (const l of lines.filter((x) => x.status !== "ok")) err(`  ${l.status === "failed" ? "FAILED" : "warn"}  ${l.check}  ${l.where}: ${l.detail}${l.fix !== undefined ? ` — fix: ${l.fix}` : ""}`);
  return false;
}
