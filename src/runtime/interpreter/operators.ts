import type { BinaryOp } from "../../language/ast.js";
import { arithmetic, type ArithmeticOp } from "../../language/types.js";
import type { QuantityUnit } from "../../language/values.js";
import type { RuntimeValue } from "../value.js";

/**
 * Operators over runtime values, with the units of the checker's table (types.ts): the
 * checker has already refused every combination not listed there, so what reaches here is
 * well-typed. An unknown operand makes the result unknown (a plan, or a reading with no
 * data), except where `and`/`or` are decided by the other side.
 */
type Quantity = Extract<RuntimeValue, { kind: "quantity" }>;
type Unknown = Extract<RuntimeValue, { kind: "unknown" }>;

const unknownOf = (a: RuntimeValue, b: RuntimeValue): Unknown | undefined =>
  a.kind === "unknown" ? a : b.kind === "unknown" ? b : undefined;

/** Rate × Duration is a count: the rate is per second, the duration in ms. */
const perSecond = (q: Quantity) => (q.unit === "Duration" ? q.value / 1000 : q.value);

function arith(op: ArithmeticOp, l: RuntimeValue, r: RuntimeValue): RuntimeValue {
  if (l.kind === "string" && r.kind === "string") return { kind: "string", value: l.value + r.value };
  if (l.kind === "time" && r.kind === "time") return { kind: "quantity", unit: "Duration", value: l.ms - r.ms };
  if (l.kind === "time" && r.kind === "quantity") return { kind: "time", ms: op === "+" ? l.ms + r.value : l.ms - r.value };
  if (l.kind === "quantity" && r.kind === "time") return { kind: "time", ms: l.value + r.ms };
  if (l.kind !== "quantity" || r.kind !== "quantity") return { kind: "unknown", why: `cannot apply ${op} to ${l.kind} and ${r.kind}` };
  // `90% of base`: the percentage is as written (90), the result in base's unit.
  if (op === "of") return { kind: "quantity", unit: r.unit, value: (l.value / 100) * r.value };
  const unit = (arithmetic(l.unit, op, r.unit) ?? "Number") as QuantityUnit;
  const mixed = (l.unit === "Rate" && r.unit === "Duration") || (l.unit === "Duration" && r.unit === "Rate");
  const a = mixed ? perSecond(l) : l.value;
  const b = mixed ? perSecond(r) : r.value;
  const value = op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : a / b;
  return { kind: "quantity", unit, value };
}

/** A number for ordering: quantities by value, times by ms. */
const magnitude = (v: RuntimeValue): number | undefined => (v.kind === "quantity" ? v.value : v.kind === "time" ? v.ms : undefined);

/** Equality by meaning: same kind and same identity (a datacenter by name, a quantity by value). */
export function same(a: RuntimeValue, b: RuntimeValue): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "bool" && b.kind === "bool") return a.value === b.value;
  return JSON.stringify(a) === JSON.stringify(b);
}

const ORDER: Record<"<" | "<=" | ">" | ">=", (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/** `l op r` for every operator except `and`/`or` (which evaluate lazily; see logic). */
export function binaryOp(op: Exclude<BinaryOp, "and" | "or">, l: RuntimeValue, r: RuntimeValue): RuntimeValue {
  const u = unknownOf(l, r);
  if (u) return u;
  switch (op) {
    case "+":
    case "-":
    case "*":
    case "/":
    case "of":
      return arith(op, l, r);
    case "==":
      return { kind: "bool", value: same(l, r) };
    case "!=":
      return { kind: "bool", value: !same(l, r) };
    default: {
      const a = magnitude(l);
      const b = magnitude(r);
      if (a === undefined || b === undefined) return { kind: "unknown", why: `cannot order ${l.kind} and ${r.kind}` };
      return { kind: "bool", value: ORDER[op](a, b) };
    }
  }
}

/** `and` / `or` once both sides are known or one side decides: false and ? is false, true or ? is true. */
export function logic(op: "and" | "or", l: RuntimeValue, r: RuntimeValue): RuntimeValue {
  const decides = op === "and" ? false : true;
  if ((l.kind === "bool" && l.value === decides) || (r.kind === "bool" && r.value === decides)) return { kind: "bool", value: decides };
  const u = unknownOf(l, r);
  if (u) return u;
  return { kind: "bool", value: !decides };
}

export function unaryOp(op: "-" | "not", v: RuntimeValue): RuntimeValue {
  if (v.kind === "unknown") return v;
  if (op === "not") return v.kind === "bool" ? { kind: "bool", value: !v.value } : { kind: "unknown", why: "not a condition" };
  return v.kind === "quantity" ? { ...v, value: -v.value } : { kind: "unknown", why: "not a quantity" };
}
