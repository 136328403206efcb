import type * as A from "./ast.js";
import type { Context, Where } from "./context.js";
import { diagnostic } from "./diagnostics.js";
import { checkExpr } from "./expr.js";
import { parseTemplate } from "./template.js";
import { show, T } from "./types.js";

/**
 * A message (the text of `log`, the `else` of `expect`): a string, whose `{expressions}` are
 * checked here, in the scope of the message, as any other expression. A value of any type
 * can be written in; nothing (a call that returns nothing) cannot.
 */
export function checkMessage(ctx: Context, where: Where, e: A.Expr): void {
  if (e.kind !== "string") {
    checkExpr(ctx, where, e);
    return;
  }
  ctx.typed(e, T.String, { kind: "string", value: e.value });
  const template = parseTemplate(e);
  if (!template) return;
  for (const d of template.diagnostics) ctx.report(d);
  for (const part of template.parts) {
    if (part.kind !== "hole") continue;
    const t = checkExpr(ctx, where, part.expr);
    if (t.kind === "nothing") {
      ctx.report(diagnostic("XDC3002", part.expr.span, `cannot write ${show(t)} into a message`, { label: "this returns nothing" }));
    }
  }
  ctx.templates.set(e, template.parts);
}
