import { check } from "./checker.js";
import { memoryHost, stdlibModules } from "./module-host.js";
import { parse } from "./parse.js";
import type { UserDefinition } from "./program.js";
import { syntax } from "./types.js";
import { formatValue, type Value } from "./values.js";
import type * as A from "./ast.js";

/**
 * The standard library's faults and checks, as `xdc builtins`, hover, completion and the
 * did-you-mean of an unknown function show them: each with the module that has it
 * (`std/faults`), its parameters with their defaults, and its doc comment. Checked once, on
 * first use: the modules are compiled into xdc and never change while it runs.
 */
export interface StdlibEntry {
  /** What to import: `std/faults`. */
  readonly module: string;
  readonly definition: UserDefinition;
  /** Each parameter as signatures show it: `cycles: Number = 3`. */
  readonly params: readonly string[];
  /** `fault flap(a: DC, b: DC, cycles: Number = 3, period: Duration = 20s) -> Fault` */
  readonly signature: string;
}

let index: ReadonlyMap<string, StdlibEntry> | undefined;

/** While the index is built the checker may ask for it (an unknown function): it is empty then. */
let building = false;

export function stdlibDefinitions(): ReadonlyMap<string, StdlibEntry> {
  if (index) return index;
  if (building) return new Map();
  building = true;
  try {
    index = build();
  } finally {
    building = false;
  }
  return index;
}

function build(): ReadonlyMap<string, StdlibEntry> {
  const modules = stdlibModules();
  const text = modules.map((m) => `import "${m}"\n`).join("");
  const checked = check(parse(text, "<stdlib>").value, memoryHost()).value;
  const out = new Map<string, StdlibEntry>();
  for (const module of modules) {
    const m = [...checked.modules.values()].find((x) => x.path.endsWith(`${module.slice("std/".length)}.xdc`));
    for (const d of m?.definitions.values() ?? []) out.set(d.name, entry(module, d, checked.values));
  }
  return out;
}

function entry(module: string, d: UserDefinition, values: ReadonlyMap<A.Expr, Value>): StdlibEntry {
  // A default as it is written (`60s`, not `1m`), from the module's own text.
  const text = memoryHost().read(d.file);
  const written = (e: A.Expr) => text?.slice(e.span.start.offset, e.span.end.offset) ?? (values.get(e) ? formatValue(values.get(e)!) : "…");
  const params = d.params.map((p) => `${p.name}: ${syntax(p.type)}${p.default ? ` = ${written(p.default)}` : ""}`);
  return { module, definition: d, params, signature: `${d.kind} ${d.name}(${params.join(", ")})${d.kind === "fault" ? " -> Fault" : ""}` };
}
