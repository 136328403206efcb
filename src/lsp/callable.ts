import { param as builtinParam } from "../builtins/describe.js";
import type { Builtin } from "../builtins/builtin.js";
import type * as A from "../language/ast.js";
import type { CallTarget, UserDefinition } from "../language/program.js";
import { syntax } from "../language/types.js";
import { formatValue, type Value } from "../language/values.js";

/** Something that can be called, builtin or user definition, as signature help, hover and completion show it. */
export interface Callable {
  readonly name: string;
  readonly kind: "builtin" | "fault" | "check";
  readonly doc?: string;
  readonly params: readonly CallableParam[];
  /** `-> Fault`, or empty for a check. */
  readonly returns: string;
  readonly example?: string;
}

export interface CallableParam {
  readonly name: string;
  /** As the signature shows it: `delay: Duration = 0ms`. */
  readonly label: string;
  readonly doc?: string;
  readonly required: boolean;
}

const fromBuiltin = (b: Builtin): Callable => ({
  name: b.name,
  kind: "builtin",
  doc: b.doc,
  params: b.params.map((p) => ({ name: p.name, label: builtinParam(p), doc: p.doc, required: p.default === undefined && p.optional !== true })),
  returns: ` -> ${syntax(b.returns)}`,
  example: b.example,
});

const fromDefinition = (d: UserDefinition, values: ReadonlyMap<A.Expr, Value>): Callable => ({
  name: d.name,
  kind: d.kind,
  ...(d.doc !== undefined ? { doc: d.doc } : {}),
  params: d.params.map((p) => {
    const known = p.default ? values.get(p.default) : undefined;
    const dflt = p.default ? ` = ${known ? formatValue(known) : "…"}` : "";
    return { name: p.name, label: `${p.name}: ${syntax(p.type)}${dflt}`, required: p.default === undefined };
  }),
  returns: d.kind === "fault" ? " -> Fault" : "",
});

export const callable = (t: CallTarget, values: ReadonlyMap<A.Expr, Value>): Callable =>
  t.kind === "builtin" ? fromBuiltin(t.builtin) : fromDefinition(t.definition, values);

/** The signature's text and where each parameter's label lies in it, for signature help. */
export function signatureOf(c: Callable): { label: string; params: [number, number][] } {
  const head = c.kind === "builtin" ? `${c.name}(` : `${c.kind} ${c.name}(`;
  let label = head;
  const params: [number, number][] = [];
  c.params.forEach((p, i) => {
    if (i > 0) label += ", ";
    params.push([label.length, label.length + p.label.length]);
    label += p.label;
  });
  return { label: `${label})${c.returns}`, params };
}
