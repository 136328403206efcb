import type { Location } from "vscode-languageserver";
import type * as A from "../language/ast.js";
import { bindingSpan } from "../language/program.js";
import type { Span } from "../language/span.js";
import type { Analysis } from "./analysis.js";
import { toRange } from "./positions.js";
import { bindingKey, targetAt } from "./target.js";
import type { Uris } from "./uris.js";

const location = (uris: Uris, s: Span): Location => ({ uri: uris.uriOf(s.file), range: toRange(s) });

/** Where the name under the cursor is declared (in this file, an imported one, or the standard library), or where an import leads. */
export function definitionAt(a: Analysis, offset: number, uris: Uris): Location[] {
  const t = targetAt(a, offset);
  if (t?.kind === "module") {
    const module = a.program.modules.get(t.path);
    return module ? [location(uris, { ...module.file.span, end: module.file.span.start })] : [];
  }
  if (t?.kind === "argument" && t.call.kind === "definition") {
    const param = t.call.definition.params.find((p) => p.name === t.name);
    return param ? [location(uris, param.span)] : [];
  }
  const s = t?.kind === "binding" ? bindingSpan(t.binding) : undefined;
  return s ? [location(uris, s)] : [];
}

/**
 * Every use of the name under the cursor in the open documents and the modules they import,
 * and its declaration when asked. Each document's check is searched, since one that imports
 * this file knows uses this file's own check cannot see.
 */
export function referencesAt(a: Analysis, offset: number, others: readonly Analysis[], includeDeclaration: boolean, uris: Uris): Location[] {
  const t = targetAt(a, offset);
  if (t?.kind !== "binding") return [];
  const key = bindingKey(t.binding);
  const found = new Map<string, Span>();
  for (const analysis of [a, ...others.filter((o) => o.uri !== a.uri)]) {
    for (const [node, b] of analysis.program.symbols) {
      if (bindingKey(b) !== key) continue;
      const use = useSpan(node);
      found.set(`${use.file}@${use.start.offset}`, use);
    }
  }
  const declared = bindingSpan(t.binding);
  if (includeDeclaration && declared) found.set(`${declared.file}@${declared.start.offset}`, declared);
  else if (declared) found.delete(`${declared.file}@${declared.start.offset}`);
  return [...found.values()].sort((x, y) => x.file.localeCompare(y.file) || x.start.offset - y.start.offset).map((s) => location(uris, s));
}

/** A use of `alias.flap` is the `flap` part; a plain name is itself. */
const useSpan = (node: A.Name | A.Member): Span => (node.kind === "member" ? node.name.span : node.span);
