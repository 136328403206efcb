import { syntax } from "../language/types.js";
import type { Builtin, ParamSpec } from "./builtin.js";
import { CATEGORIES } from "./categories.js";
import { BUILTINS } from "./index.js";

/**
 * The registry as people read it: signatures, the grouped listing of `xdc builtins`, one
 * builtin in full, and the JSON form. Hover in the language server uses the same text.
 */

/** One parameter as signatures show it: `delay: Duration = 0ms`, `from?: DC`. */
export const param = (p: ParamSpec) =>
  `${p.name}${p.optional === true ? "?" : ""}: ${syntax(p.type)}${p.default !== undefined ? ` = ${p.default}` : ""}`;

/** `partition(a: DC, b: DC) -> Fault` */
export const signature = (b: Builtin) => `${b.name}(${b.params.map(param).join(", ")}) -> ${syntax(b.returns)}`;

/** Every builtin, grouped by category, with its signature and doc line. */
export function listing(builtins: readonly Builtin[] = BUILTINS): string {
  const out: string[] = [];
  for (const c of CATEGORIES) {
    const members = builtins.filter((b) => b.category === c.name);
    if (members.length === 0) continue;
    out.push(`${c.title}: ${c.doc}`, "");
    for (const b of members) out.push(`  ${signature(b)}`, `      ${b.doc}`);
    out.push("");
  }
  out.push("`xdc builtins NAME` shows one in full, with its parameters and an example.");
  return out.join("\n");
}

/** One builtin in full: signature, doc, parameters, fault behaviour, example. */
export function detail(b: Builtin): string {
  const title = CATEGORIES.find((c) => c.name === b.category)?.title ?? b.category;
  const width = Math.max(...b.params.map((p) => param(p).length), 0);
  const out = [signature(b), "", b.doc, "", `Category: ${title}`];
  if (b.params.length > 0) {
    out.push("", "Parameters:");
    for (const p of b.params) out.push(`  ${param(p).padEnd(width)}  ${p.doc}`);
  }
  if (b.fault) {
    out.push("", `Fault: undoing it will ${b.fault.undo}.`, b.fault.lasting
      ? "It stays applied until undone: give it `for` and a duration, or `revert` it."
      : "Its effect ends by itself; `for` and `revert` are not needed.");
  }
  out.push("", "Example:", ...b.example.split("\n").map((l) => `  ${l}`));
  return out.join("\n");
}

/** The JSON of `xdc builtins --format json`; a minor version only adds fields. */
export function toJson(builtins: readonly Builtin[]): unknown {
  return {
    format_version: "1.0",
    builtins: builtins.map((b) => ({
      name: b.name,
      category: b.category,
      doc: b.doc,
      signature: signature(b),
      params: b.params.map((p) => ({
        name: p.name,
        type: syntax(p.type),
        required: p.default === undefined && p.optional !== true,
        ...(p.default !== undefined ? { default: p.default } : {}),
        doc: p.doc,
      })),
      returns: syntax(b.returns),
      ...(b.fault ? { fault: { undo: b.fault.undo, lasting: b.fault.lasting } } : {}),
      example: b.example,
    })),
  };
}
