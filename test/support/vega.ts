import type * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

/** vega-lite's compiler with its warnings collected: a spec it only warns about still draws wrong. */
export function compileStrict(spec: unknown): { vega: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const logger: vega.LoggerInterface = {
    level: () => logger as never,
    warn: (...args: readonly unknown[]) => (warnings.push(args.join(" ")), logger),
    error: (...args: readonly unknown[]) => (warnings.push(`error: ${args.join(" ")}`), logger),
    info: () => logger,
    debug: () => logger,
  } as vega.LoggerInterface;
  return { vega: compile(spec as TopLevelSpec, { logger }).spec, warnings };
}
