import { check } from "./checker.js";
import { byPosition, capErrors, diagnostic, type Result } from "./diagnostics.js";
import { memoryHost, type ModuleHost } from "./module-host.js";
import { parse } from "./parse.js";
import type { CheckedProgram } from "./program.js";

/**
 * Text → checked program: parse, then check, with every problem of both, sorted by
 * position. What `xdc check`, the conformance runner and the language server call. Without a
 * host, imports reach only the standard library.
 */
export function checkText(text: string, path: string, host: ModuleHost = memoryHost()): Result<CheckedProgram> {
  const parsed = parse(text, path);
  try {
    const checked = check(parsed.value, host, { parseDiagnostics: parsed.diagnostics });
    return { value: checked.value, diagnostics: capErrors([...parsed.diagnostics, ...checked.diagnostics].sort(byPosition)) };
  } catch (e) {
    // The parser bounds nesting, and every walk loops down operator chains; should a walk
    // still exhaust the stack, this file gets one diagnostic and the other files theirs.
    if (!(e instanceof RangeError)) throw e;
    const at = parsed.value.span;
    const empty = check({ ...parsed.value, items: [] }, host);
    const d = diagnostic("XDC1011", { ...at, end: at.start }, "nested too deeply", {
      label: "xdc ran out of stack checking this file",
      notes: ["write the deepest expressions flatter, or name their parts with `let`"],
    });
    return { value: empty.value, diagnostics: [...parsed.diagnostics, d].sort(byPosition) };
  }
}

export { check, type CheckOptions } from "./checker.js";
export { fileSystemHost } from "./fs-host.js";
export { memoryHost, resolveSpec, STD_SCHEME, type ModuleHost } from "./module-host.js";
export type * from "./program.js";
