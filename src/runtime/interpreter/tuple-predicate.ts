import type * as A from "../../language/ast.js";
import type { CheckedProgram } from "../../language/program.js";
import type { Value } from "../../language/values.js";
import type { Tuple } from "../../drivers/exchange/types.js";

/**
 * A condition on tuples (`all(…, where: out.total == in.qty * in.price)`) compiled once into a
 * plain function, so that millions of tuples are judged without the interpreter: the checker has
 * made sure it reads only `out`, `in` and values known before the run (rules.ts, "tuple").
 * Tuple fields are JSON values; a known quantity counts by its value in the language's units
 * (ms, per second, bytes). A comparison with a missing field is false: the tuple fails, and the
 * explanation shows the field as missing.
 */
export interface TuplePredicate {
  /** Whether the output tuple meets the condition, given the input tuple with the same key. */
  test(out: Tuple, input: Tuple | undefined): boolean;
  /** Whether it reads the input tuple at all. */
  readonly readsInput: boolean;
  /** The input attributes it reads (the top-level ones: a nested record is kept whole). */
  readonly inputAttributes: readonly string[];
  /** The fields it read, with their values, for a failure: `out.total = 3.5, in.qty = 2`. */
  explain(out: Tuple, input: Tuple | undefined): string;
}

type Fn = (o: Tuple, i: Tuple | undefined) => unknown;

const plain = (v: Value): unknown => (v.kind === "quantity" ? v.value : v.kind === "string" || v.kind === "bool" ? v.value : undefined);

const field = (x: unknown, name: string): unknown => (typeof x === "object" && x !== null ? (x as Record<string, unknown>)[name] : undefined);

const num = (x: unknown): x is number => typeof x === "number";

const ORDER: Readonly<Record<string, (a: number | string, b: number | string) => boolean>> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

export function compileTuplePredicate(program: CheckedProgram, e: A.Expr, text: (span: A.Expr["span"]) => string): TuplePredicate {
  const reads: { text: string; get: Fn }[] = [];
  const inputAttributes = new Set<string>();
  let readsInput = false;

  /** `out.a.b` / `in.a`: the root and the path, when the member chain starts at a tuple. */
  const rooted = (x: A.Expr): { root: "out" | "in"; path: string[] } | undefined => {
    if (x.kind === "name" && (x.name === "out" || x.name === "in")) return { root: x.name, path: [] };
    if (x.kind === "member") {
      const r = rooted(x.object);
      return r && { root: r.root, path: [...r.path, x.name.name] };
    }
    return undefined;
  };

  const compile = (x: A.Expr): Fn => {
    const known = program.values.get(x);
    if (known !== undefined) {
      const v = plain(known);
      return () => v;
    }
    const r = rooted(x);
    if (r) {
      if (r.root === "in") {
        readsInput = true;
        if (r.path[0] !== undefined) inputAttributes.add(r.path[0]);
      }
      const path = r.path;
      const get: Fn = r.root === "out"
        ? (o) => path.reduce<unknown>(field, o)
        : (_o, i) => path.reduce<unknown>(field, i);
      if (path.length > 0) reads.push({ text: text(x.span), get });
      return get;
    }
    switch (x.kind) {
      case "index": {
        const obj = compile(x.object);
        const key = compile(x.index);
        return (o, i) => {
          const k = key(o, i);
          return typeof k === "string" || typeof k === "number" ? field(obj(o, i), String(k)) : undefined;
        };
      }
      case "unary": {
        const v = compile(x.operand);
        return x.op === "not" ? (o, i) => v(o, i) !== true : (o, i) => {
          const n = v(o, i);
          return num(n) ? -n : undefined;
        };
      }
      case "binary":
        return binary(x.op, compile(x.left), compile(x.right));
      default:
        // The checker refused anything else (calls, awaits, names known only live).
        throw new Error(`a ${x.kind} in a condition on tuples`);
    }
  };

  const test = compile(e);
  const shown = [...new Map(reads.map((r) => [r.text, r])).values()];
  return {
    test: (o, i) => test(o, i) === true,
    readsInput,
    inputAttributes: [...inputAttributes],
    explain: (o, i) => shown.map((r) => `${r.text} = ${show(r.get(o, i))}`).join(", "),
  };
}

function binary(op: A.BinaryOp, l: Fn, r: Fn): Fn {
  switch (op) {
    case "and":
      return (o, i) => l(o, i) === true && r(o, i) === true;
    case "or":
      return (o, i) => l(o, i) === true || r(o, i) === true;
    case "==":
      return (o, i) => {
        const a = l(o, i);
        return a !== undefined && a === r(o, i);
      };
    case "!=":
      return (o, i) => {
        const a = l(o, i);
        const b = r(o, i);
        return a !== undefined && b !== undefined && a !== b;
      };
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const cmp = ORDER[op]!;
      return (o, i) => {
        const a = l(o, i);
        const b = r(o, i);
        return (num(a) && num(b)) || (typeof a === "string" && typeof b === "string") ? cmp(a as number, b as number) : false;
      };
    }
    case "+":
      return (o, i) => {
        const a = l(o, i);
        const b = r(o, i);
        return num(a) && num(b) ? a + b : typeof a === "string" && typeof b === "string" ? a + b : undefined;
      };
    case "-":
      return arith(l, r, (a, b) => a - b);
    case "*":
      return arith(l, r, (a, b) => a * b);
    case "/":
      return arith(l, r, (a, b) => a / b);
    case "of":
      return arith(l, r, (a, b) => (a / 100) * b);
  }
}

const arith = (l: Fn, r: Fn, f: (a: number, b: number) => number): Fn => (o, i) => {
  const a = l(o, i);
  const b = r(o, i);
  return num(a) && num(b) ? f(a, b) : undefined;
};

function show(v: unknown): string {
  if (v === undefined) return "missing";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
