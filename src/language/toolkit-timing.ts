import { detectionBound, type BoundSettings } from "../drivers/toolkit/bound.js";
import type * as A from "./ast.js";
import type { Context, SubmitRecord, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { formatQuantity, type Value } from "./values.js";

/**
 * XDC4007: an `await failover(…) within T` that can never pass, because the toolkit settings
 * the scenario submits with make the survivor declare its peer down later than T after any
 * fault (reference §3.4; the bound is src/drivers/toolkit/bound.ts, the one a preflight uses
 * on a deployment's settings). Only what the scenario itself sets counts: a setting it leaves
 * to the deployment is not known before the run.
 */

/** Remembers a `submit(…)` of the scenario, once its arguments are checked. */
export function recordSubmit(ctx: Context, where: Where, call: A.Call): void {
  if (!where.submits) return;
  const args = ctx.callArgs.get(call);
  const app = args?.get("app");
  const binding = app?.kind === "name" ? ctx.symbols.get(app) : undefined;
  const dc = dcName(ctx, args?.get("to"));
  const toolkitExpr = args?.get("toolkit");
  const toolkit = toolkitExpr ? ctx.values.get(toolkitExpr) : undefined;
  where.submits.push({
    ...(binding ? { app: binding } : {}),
    ...(dc !== undefined ? { dc } : {}),
    toolkit: new Map(toolkit?.kind === "record" ? toolkit.fields.map((f) => [f.name, f.value]) : []),
    ...(toolkitExpr ? { toolkitSpan: toolkitExpr.span } : {}),
    ...(isPrimary(ctx, args?.get("role")) ? { primary: call.span } : {}),
  });
}

/** `role:` left out is "primary". */
export const isPrimary = (ctx: Context, role: A.Expr | undefined): boolean => {
  const v = role ? ctx.values.get(role) : { kind: "string" as const, value: "primary" };
  return v?.kind === "string" && v.value === "primary";
};

const dcName = (ctx: Context, e: A.Expr | undefined): string | undefined => {
  const v = e ? ctx.values.get(e) : undefined;
  return v?.kind === "ref" && v.what === "dc" ? v.name : undefined;
};

const amount = (v: Value | undefined) => (v?.kind === "quantity" ? v.value : undefined);

const settingsOf = (s: SubmitRecord): BoundSettings => {
  const heartbeatMs = amount(s.toolkit.get("heartbeat"));
  const missesAllowed = amount(s.toolkit.get("misses_allowed"));
  const initDelayMs = amount(s.toolkit.get("init_delay"));
  return {
    ...(heartbeatMs !== undefined ? { heartbeatMs } : {}),
    ...(missesAllowed !== undefined ? { missesAllowed } : {}),
    ...(initDelayMs !== undefined ? { initDelayMs } : {}),
  };
};

const ms = (n: number) => formatQuantity("Duration", n);

/** Checks one `await` whose target is `failover(app, to: …)` against the survivor's submitted settings. */
export function checkFailoverWithin(ctx: Context, where: Where, e: A.Await): void {
  if (!where.submits || !e.within || e.target.kind !== "call") return;
  const target = ctx.calls.get(e.target);
  if (target?.kind !== "builtin" || target.builtin.name !== "failover") return;
  const withinMs = amount(ctx.values.get(e.within));
  const args = ctx.callArgs.get(e.target);
  const app = args?.get("app");
  const binding = app?.kind === "name" ? ctx.symbols.get(app) : undefined;
  const to = dcName(ctx, args?.get("to"));
  if (withinMs === undefined || !binding || to === undefined) return;
  const from = dcName(ctx, args?.get("from"));
  const ofApp = where.submits.filter((s) => s.app === binding);
  const survivor = ofApp.filter((s) => s.dc === to).at(-1);
  if (!survivor) return;
  const own = settingsOf(survivor);
  // The remote whose heartbeats stop; its interval sets how early the fault may fall after the
  // last one. Unset there, the survivor's is assumed: the same application, usually one setting.
  const remotes = ofApp.filter((s) => s.dc !== undefined && s.dc !== to && (from === undefined || s.dc === from)).map(settingsOf);
  const remoteHeartbeat = Math.max(...(remotes.length > 0 ? remotes : [own]).map((r) => r.heartbeatMs ?? own.heartbeatMs ?? 0));
  const bound = detectionBound(own, { heartbeatMs: remoteHeartbeat });
  if (!bound || withinMs >= bound.minMs) return;
  ctx.report(diagnostic("XDC4007", e.within.span, `the failover cannot come within ${ms(withinMs)}: the toolkit takes at least ${ms(bound.minMs)} to declare the peer down`, {
    severity: "warning",
    label: "this await always runs out",
    labels: survivor.toolkitSpan
      ? [{ span: survivor.toolkitSpan, message: `${to} declares its peer down ${ms(bound.minMs)} to ${ms(bound.maxMs)} after a fault with these settings` }]
      : [],
    notes: [
      `heartbeat ${ms(own.heartbeatMs!)} × (misses_allowed ${own.missesAllowed!} + 1) = ${ms(bound.maxMs)} after the fault at most; at least ${ms(bound.minMs)}, since the fault may fall up to one heartbeat of the peer (${ms(remoteHeartbeat)}) after the last heartbeat ${to} received`,
    ],
    help: {
      message: `allow for the slowest detection plus the time to take over: \`within ${ms(bound.maxMs)}\` or more`,
      edit: { span: e.within.span, newText: ms(bound.maxMs), applicability: "maybe-incorrect" },
    },
  }));
}
