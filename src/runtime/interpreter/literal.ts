import type * as A from "../../language/ast.js";
import { parse } from "../../language/parse.js";
import type { RuntimeValue } from "../value.js";

/** The value of a literal node, or undefined when the node is not one. */
export function literal(e: A.Expr): RuntimeValue | undefined {
  switch (e.kind) {
    case "number":
      return { kind: "quantity", unit: "Number", value: e.value };
    case "duration":
      return { kind: "quantity", unit: "Duration", value: e.ms };
    case "rate":
      return { kind: "quantity", unit: "Rate", value: e.perSecond };
    case "percent":
      return { kind: "quantity", unit: "Percent", value: e.value };
    case "bytes":
      return { kind: "quantity", unit: "Bytes", value: e.bytes };
    case "string":
      return { kind: "string", value: e.value };
    case "bool":
      return { kind: "bool", value: e.value };
    case "list": {
      const items = e.items.map(literal);
      return items.every((i) => i !== undefined) ? { kind: "list", items: items as never } : undefined;
    }
    case "record": {
      const fields = e.fields.map((f) => ({ name: f.name.name, value: literal(f.value) }));
      return fields.every((f) => f.value !== undefined) ? { kind: "record", fields: fields as never } : undefined;
    }
    case "unary": {
      const v = literal(e.operand);
      return e.op === "-" && v?.kind === "quantity" ? { ...v, value: -v.value } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A builtin parameter's default, which the registry writes as source text (`"0ms"`, `"[]"`),
 * parsed as the language parses it so that both mean the same.
 */
export function defaultValue(text: string): RuntimeValue | undefined {
  const item = parse(`let d = ${text}`, "<default>").value.items[0];
  return item?.kind === "let" ? literal(item.value) : undefined;
}
