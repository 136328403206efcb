import type { SignatureHelp } from "vscode-languageserver";
import { BUILTINS_BY_NAME } from "../builtins/index.js";
import { lex } from "../language/lexer.js";
import type { Binding } from "../language/program.js";
import { scopeAt, type Analysis } from "./analysis.js";
import { callable, signatureOf, type Callable } from "./callable.js";
import { callSiteAt, type CallSite } from "./call-site.js";

/** What the call at the cursor calls, looked up in the scope there (a builtin when no scope is known). */
export function calleeOf(a: Analysis, offset: number, site: CallSite): Callable | undefined {
  const [first, second] = site.callee;
  let b: Binding | undefined = scopeAt(a, offset)?.lookup(first!);
  if (!b) {
    const builtin = BUILTINS_BY_NAME.get(first!);
    b = builtin ? { kind: "builtin", name: builtin.name, builtin } : undefined;
  }
  if (second !== undefined) b = b?.kind === "module" ? b.module.exports.get(second) : undefined;
  if (b?.kind === "builtin") return callable({ kind: "builtin", builtin: b.builtin }, a.program.values);
  if (b?.kind === "definition") return callable({ kind: "definition", definition: b.definition }, a.program.values);
  return undefined;
}

/**
 * The signature of the call around the cursor. The active parameter is the named one being
 * written, else the positional one, which after a named argument the checker would refuse anyway.
 */
export function signatureHelpAt(a: Analysis, offset: number): SignatureHelp | null {
  const site = callSiteAt(lex(a.text).tokens, offset);
  if (!site) return null;
  const c = calleeOf(a, offset, site);
  if (!c) return null;
  const { label, params } = signatureOf(c);
  const active = site.current !== undefined ? c.params.findIndex((p) => p.name === site.current) : site.index;
  return {
    signatures: [{
      label,
      ...(c.doc !== undefined ? { documentation: c.doc } : {}),
      parameters: c.params.map((p, i) => ({ label: params[i]!, ...(p.doc !== undefined ? { documentation: p.doc } : {}) })),
    }],
    activeSignature: 0,
    activeParameter: active >= 0 && active < c.params.length ? active : null,
  };
}
