import type * as A from "../language/ast.js";
import type { Node } from "../language/locate.js";
import type { Binding, CallTarget } from "../language/program.js";
import type { Span } from "../language/span.js";
import { nodesAt, type Analysis } from "./analysis.js";

/** What the cursor is on, as hover, go-to-definition and find-references see it. */
export type Target =
  /** A name, or the declaring name of a `let`, parameter, definition, environment, datacenter or alias. */
  | { readonly kind: "binding"; readonly binding: Binding; readonly span: Span }
  /** The name of a named argument: `to` in `submit(app, to: dc2)`. */
  | { readonly kind: "argument"; readonly call: CallTarget; readonly name: string; readonly span: Span }
  /** The path of an import. */
  | { readonly kind: "module"; readonly path: string; readonly span: Span }
  /** Any other expression the checker typed. */
  | { readonly kind: "expression"; readonly expr: A.Expr; readonly span: Span };

const kindOf = (n: Node): string | undefined => ("kind" in n && typeof n.kind === "string" ? n.kind : undefined);

/** The innermost thing at the offset that means something, or undefined (whitespace, a keyword, a comment). */
export function targetAt(a: Analysis, offset: number): Target | undefined {
  const path = nodesAt(a, offset);
  const p = a.program;
  for (let i = path.length - 1; i > 0; i--) {
    const n = path[i]!;
    const parent = path[i - 1]!;
    const kind = kindOf(n);
    if (kind === "name") {
      const b = p.symbols.get(n as A.Name);
      if (b) return { kind: "binding", binding: b, span: n.span };
      // An unknown name is itself the target (hover says what it may be), not the call around it.
      if (p.types.get(n as A.Expr)?.kind === "error") return { kind: "expression", expr: n as A.Expr, span: n.span };
      continue;
    }
    if (kind === undefined && "name" in n && typeof n.name === "string") {
      const ident = n as A.Ident;
      if (kindOf(parent) === "member" && (parent as A.Member).name === ident) {
        const b = p.symbols.get(parent as A.Member);
        if (b) return { kind: "binding", binding: b, span: ident.span };
        const e = p.types.has(parent as A.Expr) ? (parent as A.Expr) : undefined;
        return e ? { kind: "expression", expr: e, span: ident.span } : undefined;
      }
      const declared = p.declarations.get(ident);
      if (declared) return { kind: "binding", binding: declared, span: ident.span };
      const call = path[i - 2];
      if ("value" in parent && (parent as A.Arg).name === ident && call && kindOf(call) === "call") {
        const target = p.calls.get(call as A.Call);
        if (target) return { kind: "argument", call: target, name: ident.name, span: ident.span };
      }
      continue;
    }
    if (kind === "string" && kindOf(parent) === "import") {
      const imported = [p, ...p.modules.values()].flatMap((m) => m.imports).find((x) => x.node === parent);
      return imported?.path !== undefined ? { kind: "module", path: imported.path, span: n.span } : undefined;
    }
    if (kind !== undefined && p.types.has(n as A.Expr)) return { kind: "expression", expr: n as A.Expr, span: n.span };
  }
  return undefined;
}

/**
 * The same binding, whichever check produced it: analyses of two documents build their own
 * binding objects for one definition, so references compare by where it is declared.
 */
export function bindingKey(b: Binding): string {
  if (b.kind === "builtin") return `builtin:${b.name}`;
  if (b.span) return `${b.span.file}@${b.span.start.offset}`;
  return `${b.kind}:${b.name}`;
}
