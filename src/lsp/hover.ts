import type { Hover } from "vscode-languageserver";
import type { Binding, CheckedProgram } from "../language/program.js";
import { syntax } from "../language/types.js";
import { formatValue } from "../language/values.js";
import type { Analysis } from "./analysis.js";
import { callable, signatureOf, type Callable } from "./callable.js";
import { toRange } from "./positions.js";
import { stdlibDefinitions } from "../language/stdlib-index.js";
import { targetAt, type Target } from "./target.js";

/** Markdown for the thing under the cursor: the registry's doc for a builtin, the declaration and type for the rest. */
export function hoverAt(a: Analysis, offset: number): Hover | null {
  const t = targetAt(a, offset);
  if (!t) return null;
  const value = describe(t, a.program);
  return value ? { contents: { kind: "markdown", value }, range: toRange(t.span) } : null;
}

const code = (text: string) => "```xdc\n" + text + "\n```";

function describe(t: Target, p: CheckedProgram): string | undefined {
  switch (t.kind) {
    case "binding":
      return binding(t.binding, p);
    case "argument": {
      const c = callable(t.call, p.values);
      const param = c.params.find((x) => x.name === t.name);
      return param ? [code(`(parameter of ${c.name}) ${param.label}`), param.doc].filter(Boolean).join("\n\n") : undefined;
    }
    case "module":
      return code(`module "${t.path}"`);
    case "expression": {
      // A fault or check of the standard library, called before it is imported.
      const std = t.expr.kind === "name" ? stdlibDefinitions().get(t.expr.name) : undefined;
      if (std && p.types.get(t.expr)?.kind === "error") {
        return [code(std.signature), std.definition.doc, `*not imported: it is in* \`${std.module}\` *(\`import "${std.module}"\`)*`].filter(Boolean).join("\n\n");
      }
      const type = p.types.get(t.expr);
      if (!type || type.kind === "error") return undefined;
      const known = p.values.get(t.expr);
      return code(`${syntax(type)}${known ? ` = ${formatValue(known)}` : ""}`);
    }
  }
}

function binding(b: Binding, p: CheckedProgram): string {
  switch (b.kind) {
    case "builtin":
      return callableDoc(callable({ kind: "builtin", builtin: b.builtin }, p.values));
    case "definition":
      return callableDoc(callable({ kind: "definition", definition: b.definition }, p.values)) + `\n\n*defined in* \`${b.definition.file}\``;
    case "value": {
      const keyword = b.origin === "param" ? "(parameter)" : b.origin === "await" ? "(await … as)" : "let";
      return code(`${keyword} ${b.name}: ${syntax(b.type)}${b.value ? ` = ${formatValue(b.value)}` : ""}`);
    }
    case "dc":
      return code(`dc ${b.name}`) + `\n\nA datacenter of environment \`${b.environment.name}\`${b.environment.span ? "" : " (the built-in twin)"}.`;
    case "environment":
      return code(`environment ${b.name}`) + `\n\nDatacenters: ${b.environment.dcs.map((d) => `\`${d.name}\``).join(", ") || "none"}.`;
    case "module":
      return code(`module ${b.name}`) + `\n\n\`${b.module.path}\`: ${[...b.module.exports.keys()].map((k) => `\`${k}\``).join(", ") || "nothing exported"}.`;
  }
}

function callableDoc(c: Callable): string {
  const parts = [code(signatureOf(c).label)];
  if (c.doc) parts.push(c.doc);
  const documented = c.params.filter((x) => x.doc);
  if (documented.length > 0) parts.push(documented.map((x) => `- \`${x.name}\`: ${x.doc}`).join("\n"));
  if (c.example) parts.push("Example:\n\n" + code(c.example));
  return parts.join("\n\n");
}
