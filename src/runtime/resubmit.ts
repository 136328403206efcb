import type { RuntimeValue } from "./value.js";

/**
 * Streams cannot take a cancel back, so a `cancel_job`'s plan has no undo command of its own:
 * its revert submits the job again as the scenario submitted it. `xdc plan` and `xdc exec`
 * describe that revert with the same line.
 */
export function resubmission(builtin: string, args: ReadonlyMap<string, RuntimeValue>): { readonly app: string; readonly dc: string; readonly line: string } | undefined {
  if (builtin !== "cancel_job") return undefined;
  const app = args.get("app");
  const dc = args.get("on");
  if (app?.kind !== "app" || dc?.kind !== "ref") return undefined;
  return { app: app.name, dc: dc.name, line: `${dc.name} REST: submit ${app.name} again, as the scenario submitted it` };
}
