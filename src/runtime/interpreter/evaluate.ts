import type * as A from "../../language/ast.js";
import type { Binding } from "../../language/program.js";
import { assertNever } from "../../language/diagnostics.js";
import type { RuntimeValue } from "../value.js";
import { awaitCondition } from "./await.js";
import { callExpr } from "./calls.js";
import type { Frame } from "./context.js";
import { haltError } from "./halt.js";
import { literal } from "./literal.js";
import { render } from "./render.js";
import { sourceText } from "./source.js";
import type { TemplatePart } from "../../language/template.js";
import { member } from "./member.js";
import { binaryOp, logic, unaryOp } from "./operators.js";

/** The value of an expression. `forMs` is the `for D` of the statement, for a fault call. */
export async function evaluate(f: Frame, e: A.Expr, forMs?: number): Promise<RuntimeValue> {
  if (e.kind === "string") {
    const parts = f.run.program.templates?.get(e);
    if (parts) return { kind: "string", value: await fillTemplate(f, parts) };
  }
  const lit = literal(e);
  if (lit) return lit;
  switch (e.kind) {
    case "number":
    case "duration":
    case "rate":
    case "percent":
    case "bytes":
    case "string":
    case "bool":
      return lit!;
    case "name":
      return lookup(f, f.run.program.symbols.get(e), e);
    case "list":
      return { kind: "list", items: (await evaluateAll(f, e.items)) as never };
    case "record": {
      const fields = [];
      for (const x of e.fields) fields.push({ name: x.name.name, value: await evaluate(f, x.value) });
      return { kind: "record", fields: fields as never };
    }
    case "member": {
      const b = f.run.program.symbols.get(e);
      if (b) return lookup(f, b, e);
      return member(f, e, await evaluate(f, e.object));
    }
    case "index": {
      const list = await evaluate(f, e.object);
      const i = await evaluate(f, e.index);
      if (list.kind === "unknown") return list;
      if (list.kind !== "list" || i.kind !== "quantity") throw haltError("internal", "indexing a value that is not a list", e.span);
      const item = list.items[i.value];
      if (item === undefined) throw haltError("environment", `index ${i.value} is out of range: the list has ${list.items.length} items`, e.span);
      return item as RuntimeValue;
    }
    case "call":
      return callExpr(f, e, forMs);
    case "unary":
      return unaryOp(e.op, await evaluate(f, e.operand));
    case "binary":
      return binary(f, e);
    case "await":
      return awaitCondition(f, e);
    case "sample":
      throw haltError("internal", "`sample` outside a `let`; run `xdc check`", e.span);
    case "baseline":
      return evaluate(f, e.measure);
    case "error":
      throw haltError("internal", "the scenario has a syntax error here; run `xdc check`", e.span);
    default:
      return assertNever(e);
  }
}

/**
 * A binary expression and the chain down its left side, by a loop: `1ms + 1ms + …` with
 * thousands of terms is a tree that deep, and recursion would exhaust the stack.
 */
async function binary(f: Frame, e: A.Binary): Promise<RuntimeValue> {
  const spine: A.Binary[] = [];
  let leftmost: A.Expr = e;
  while (leftmost.kind === "binary") {
    spine.push(leftmost);
    leftmost = leftmost.left;
  }
  let l = await evaluate(f, leftmost);
  for (let i = spine.length - 1; i >= 0; i--) {
    const node = spine[i]!;
    if (node.op === "and" || node.op === "or") {
      // Short-circuit as people read it: the right side is not evaluated once the left decides.
      if (!(l.kind === "bool" && l.value === (node.op === "or"))) l = logic(node.op, l, await evaluate(f, node.right));
      continue;
    }
    l = binaryOp(node.op, l, await evaluate(f, node.right));
  }
  return l;
}

export async function evaluateAll(f: Frame, es: readonly A.Expr[]): Promise<RuntimeValue[]> {
  const out: RuntimeValue[] = [];
  for (const x of es) out.push(await evaluate(f, x));
  return out;
}

function lookup(f: Frame, b: Binding | undefined, e: A.Expr): RuntimeValue {
  if (!b) throw haltError("internal", "a name the checker did not resolve; run `xdc check`", e.span);
  switch (b.kind) {
    case "value": {
      const v = f.env.get(b) ?? (b.value as RuntimeValue | undefined);
      if (v === undefined) throw haltError("internal", `\`${b.name}\` has no value yet`, e.span);
      // In `expect … throughout` the checker typed this name as one sample of the series.
      if (v.kind === "series" && f.run.program.types.get(e)?.kind !== "series") {
        const sample = f.pointwise?.get(v.id);
        if (sample === undefined) throw haltError("internal", `the series \`${b.name}\` read as one value outside \`throughout\``, e.span);
        return sample;
      }
      return v;
    }
    case "dc":
      return { kind: "ref", what: "dc", name: b.name };
    case "environment":
      return { kind: "ref", what: "environment", name: b.name };
    default:
      return { kind: "unknown", why: `\`${b.name}\` is not a value` };
  }
}

/**
 * A message with its `{expressions}` written in, each as the journal shows values: with its
 * unit (`52.3s`, `500/s`), a reading not known yet (in a plan) as what it stands for.
 */
export async function fillTemplate(f: Frame, parts: readonly TemplatePart[]): Promise<string> {
  let out = "";
  for (const p of parts) out += p.kind === "text" ? p.text : showValue(f, p.expr, await evaluate(f, p.expr));
  return out;
}

const showValue = (f: Frame, e: A.Expr, v: RuntimeValue): string =>
  v.kind === "string" ? v.value : v.kind === "unknown" && v.noData !== true ? `<${sourceText(f.run, e.span)}>` : render(v);

/** The `else` message of an `expect`, its `{expressions}` written in, for the journal. */
export async function messageOf(f: Frame, lit: A.StringLit | undefined): Promise<{ message?: string }> {
  if (!lit) return {};
  const parts = f.run.program.templates?.get(lit);
  return { message: parts ? await fillTemplate(f, parts) : lit.value };
}
