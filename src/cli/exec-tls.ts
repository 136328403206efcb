import type { CheckedProgram } from "../language/index.js";
import { insecureDcs, type LiveEnvironment } from "../runtime/live/environment.js";
import { checkTls } from "../runtime/live/tls-check.js";

const RISK = "anyone on the network path can read and change the traffic, the REST password included";

/**
 * One warning per environment of the run whose certificate checks are off somewhere: `--env`'s,
 * or those the scenarios name. Said once on the console and once in the journal (so the HTML
 * report shows it), never per client.
 */
export function insecureWarnings(given: LiveEnvironment | undefined, envFile: string | undefined, programs: readonly CheckedProgram[]): string[] {
  const line = (dcs: readonly string[], file: string | undefined) =>
    `TLS certificate checks are OFF for ${dcs.join(", ")} (\`insecure: true\`${file === undefined ? "" : ` in ${file}`}): ${RISK}`;
  if (given !== undefined) {
    const dcs = insecureDcs(given);
    return dcs.length === 0 ? [] : [line(dcs, envFile)];
  }
  const seen = new Map<string, string>();
  for (const scenario of programs.flatMap((p) => p.scenarios)) {
    const env = scenario.environment;
    const dcs = env.dcs.filter((d) => d.tls?.insecure === true).map((d) => d.name);
    if (dcs.length > 0) seen.set(`${env.span?.file}:${env.name}`, line(dcs, env.span?.file));
  }
  return [...seen.values()];
}

/** How long the TLS check before a run waits for each server. */
const TLS_CHECK_TIMEOUT_MS = 10_000;

/**
 * The TLS check of `--env`'s servers before anything is submitted: the one line that says what
 * is wrong and which setting of which file fixes it, or undefined when all is well.
 */
export async function tlsProblem(env: LiveEnvironment, envFile: string): Promise<string | undefined> {
  const found = await checkTls(env, TLS_CHECK_TIMEOUT_MS);
  return found === undefined ? undefined : `datacenter ${found.dc}: TLS: ${found.problem}: ${found.fix} in ${envFile}`;
}
