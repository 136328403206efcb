import type { Builtin } from "../builtins/builtin.js";
import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { endOf } from "./problems.js";
import { isPrimary } from "./toolkit-timing.js";
import type { Value } from "./values.js";

/** Two known values are the same: datacenters by name, other values by their content. */
const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

/**
 * XDC3019: a builtin's two parameters that must differ (`partition(dc1, dc1)`,
 * `failover(app, to: dc1, from: dc1)`) are given the same known value. When the value is a
 * datacenter and the environment has exactly one other, the fix names it (a guess).
 */
export function checkDistinct(ctx: Context, where: Where, b: Builtin, args: ReadonlyMap<string, A.Expr>): void {
  if (!b.distinct) return;
  const [first, second] = b.distinct.params;
  const x = args.get(first);
  const y = args.get(second);
  const vx = x ? ctx.values.get(x) : undefined;
  const vy = y ? ctx.values.get(y) : undefined;
  if (!x || !y || vx === undefined || vy === undefined || !same(vx, vy)) return;
  const name = vx.kind === "ref" ? vx.name : undefined;
  const others = vx.kind === "ref" && vx.what === "dc" ? (where.environment?.dcs ?? []).map((d) => d.name).filter((d) => d !== name) : [];
  const other = others.length === 1 ? others[0]! : undefined;
  ctx.report(diagnostic("XDC3019", y.span, `\`${b.name}\` is given ${name !== undefined ? `\`${name}\`` : "the same value"} as both \`${first}\` and \`${second}\``, {
    label: `the same as \`${first}\``,
    labels: [{ span: x.span, message: `\`${first}\`` }],
    notes: [`${b.distinct.why}`],
    help: other !== undefined
      ? { message: `did you mean \`${other}\`?`, edit: { span: y.span, newText: other, applicability: "maybe-incorrect" } }
      : { message: `give \`${second}\` another datacenter` },
  }));
}

/**
 * XDC3020: an application submitted as primary in a second datacenter. The Cross-DC toolkit expects one
 * primary and one standby: with two primaries both process, and no failover is ever seen.
 * The fix makes the second a standby (a guess: the first may be the one meant as standby).
 */
export function checkPrimaries(ctx: Context, where: Where, call: A.Call): void {
  const args = ctx.callArgs.get(call);
  const app = args?.get("app");
  const binding = app?.kind === "name" ? ctx.symbols.get(app) : undefined;
  const roleExpr = args?.get("role");
  if (!binding || !isPrimary(ctx, roleExpr)) return;
  // Only in two datacenters: the same one again is a resubmission (after a `cancel`, say).
  const to = args?.get("to");
  const dc = to ? ctx.values.get(to) : undefined;
  const here = dc?.kind === "ref" ? dc.name : undefined;
  const earlier = where.submits?.find((s) => s.app === binding && s.primary !== undefined && s.dc !== undefined && here !== undefined && s.dc !== here)?.primary;
  if (!earlier) return;
  const last = call.args[call.args.length - 1]!;
  const edit = roleExpr
    ? { span: roleExpr.span, newText: '"standby"', applicability: "maybe-incorrect" as const }
    : { span: endOf(last.span), newText: ', role: "standby"', applicability: "maybe-incorrect" as const };
  ctx.report(diagnostic("XDC3020", call.span, `\`${binding.name}\` is submitted as primary twice`, {
    label: "a second primary",
    labels: [{ span: earlier, message: "the first primary" }],
    notes: ["the Cross-DC toolkit runs one primary and one standby: with two primaries both process every tuple, and no failover ever happens"],
    help: { message: 'submit this one as the standby: `role: "standby"`', edit },
  }));
}
