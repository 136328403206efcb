import type * as A from "../../language/ast.js";
import type { CheckedProgram } from "../../language/program.js";
import type { Value } from "../../language/values.js";
import type { Tuple } from "../../drivers/exchange/types.js";

/**
 * A condition on tuples (`all(…, where: out.total == in.qty * in.price)`) compiled once into a
 * plain JavaScript function, so that millions of tuples are judged without the interpreter: the checker has
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


export function compileTuplePredicate(program: CheckedProgram, e: A.Expr, text: (span: A.Expr["span"]) => string): TuplePredicate {
  const reads = new Map<string, Fn>();
  const inputAttributes = new Set<string>();
  let readsInput = false;
  let temps = 0;
  const temp = () => `t${temps++}`;

  /** `out.a.b` / `in.a`: the root and the path, when the member chain starts at a tuple. */
  const rooted = (x: A.Expr): { root: "out" | "in"; path: string[] } | undefined => {
    if (x.kind === "name" && (x.name === "out" || x.name === "in")) return { root: x.name, path: [] };
    if (x.kind === "member") {
      const r = rooted(x.object);
      return r && { root: r.root, path: [...r.path, x.name.name] };
    }
    return undefined;
  };

  /** JavaScript for the node's value (undefined for what a tuple lacks); names are quoted with JSON.stringify. */
  const js = (x: A.Expr): string => {
    const known = program.values.get(x);
    if (known !== undefined) {
      const v = plain(known);
      return v === undefined ? "undefined" : JSON.stringify(v);
    }
    const r = rooted(x);
    if (r) {
      if (r.root === "in") {
        readsInput = true;
        if (r.path[0] !== undefined) inputAttributes.add(r.path[0]);
      }
      if (r.path.length > 0) reads.set(text(x.span), access(r.root, r.path));
      const [first, ...rest] = r.path;
      const base = r.root === "out" ? "o" : "i";
      if (first === undefined) return base;
      const top = r.root === "out" ? `o[${JSON.stringify(first)}]` : `(i === undefined ? undefined : i[${JSON.stringify(first)}])`;
      return rest.reduce((acc, name) => `h.field(${acc}, ${JSON.stringify(name)})`, top);
    }
    switch (x.kind) {
      case "index":
        return `h.index(${js(x.object)}, ${js(x.index)})`;
      case "unary": {
        if (x.op === "not") return `(${js(x.operand)} !== true)`;
        const a = temp();
        return `(typeof (${a} = ${js(x.operand)}) === "number" ? -${a} : undefined)`;
      }
      case "binary":
        return binary(x.op, js(x.left), js(x.right), temp(), temp());
      default:
        // The checker refused anything else (calls, awaits, names known only live).
        throw new Error(`a ${x.kind} in a condition on tuples`);
    }
  };

  const body = js(e);
  const declared = temps > 0 ? `let ${Array.from({ length: temps }, (_, k) => `t${k}`).join(", ")};` : "";
  // Generated once per condition so that each attribute read is a named property load the engine
  // can keep monomorphic: closures shared by every condition were four times slower on 10 M tuples.
  const test = new Function("h", `"use strict"; return (o, i) => { ${declared} return (${body}) === true; };`)(HELPERS) as (o: Tuple, i: Tuple | undefined) => boolean;
  const shown = [...reads];
  return {
    test,
    readsInput,
    inputAttributes: [...inputAttributes],
    explain: (o, i) => shown.map(([t, get]) => `${t} = ${show(get(o, i))}`).join(", "),
  };
}

const HELPERS = {
  field,
  index: (x: unknown, k: unknown) => (typeof k === "string" || typeof k === "number" ? field(x, String(k)) : undefined),
};

/** Reads `out.a` / `in.a.b`, for explaining a failure. */
function access(root: "out" | "in", path: readonly string[]): Fn {
  return root === "out" ? (o) => path.reduce<unknown>(field, o) : (_o, i) => path.reduce<unknown>(field, i);
}

/** JavaScript for `l op r`, with `a` and `b` as temporaries: a missing operand makes a comparison false and arithmetic undefined. */
function binary(op: A.BinaryOp, l: string, r: string, a: string, b: string): string {
  const both = `((${a} = ${l}), (${b} = ${r}))`;
  const numbers = `typeof ${a} === "number" && typeof ${b} === "number"`;
  switch (op) {
    case "and":
      return `(${l} === true && ${r} === true)`;
    case "or":
      return `(${l} === true || ${r} === true)`;
    case "==":
      return `((${a} = ${l}) !== undefined && ${a} === ${r})`;
    case "!=":
      return `(${both}, ${a} !== undefined && ${b} !== undefined && ${a} !== ${b})`;
    case "<":
    case "<=":
    case ">":
    case ">=":
      return `(${both}, ((${numbers}) || (typeof ${a} === "string" && typeof ${b} === "string")) && ${a} ${op} ${b})`;
    case "+":
      return `(${both}, (${numbers}) || (typeof ${a} === "string" && typeof ${b} === "string") ? ${a} + ${b} : undefined)`;
    case "-":
    case "*":
    case "/":
      return `(${both}, ${numbers} ? ${a} ${op} ${b} : undefined)`;
    case "of":
      return `(${both}, ${numbers} ? (${a} / 100) * ${b} : undefined)`;
  }
}

function show(v: unknown): string {
  if (v === undefined) return "missing";
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
