import { check, type CheckOptions } from "./checker.js";
import { byPosition, capErrors, diagnostic, type Diagnostic, type Result } from "./diagnostics.js";
import { memoryHost, type ModuleHost } from "./module-host.js";
import { parse } from "./parse.js";
import { syntaxErrorSpans } from "./syntax-errors.js";
import type { CheckedProgram } from "./program.js";

/**
 * Text → checked program: parse, then check, with every problem of both, sorted by
 * position. What `xdc check`, the conformance runner and the language server call. Without a
 * host, imports reach only the standard library.
 */
export function checkText(text: string, path: string, host: ModuleHost = memoryHost(), options: Omit<CheckOptions, "parseDiagnostics"> = {}): Result<CheckedProgram> {
  const parsed = parse(text, path);
  try {
    const checked = check(parsed.value, host, { ...options, parseDiagnostics: parsed.diagnostics });
    return { value: checked.value, diagnostics: capErrors([...parsed.diagnostics, ...besideSyntaxErrors(checked.diagnostics, parsed.diagnostics)].sort(byPosition)) };
  } catch (e) {
    // The parser bounds nesting, and every walk loops down operator chains; should a walk
    // still exhaust the stack, this file gets one diagnostic and the other files theirs.
    if (!(e instanceof RangeError)) throw e;
    const at = parsed.value.span;
    const empty = check({ ...parsed.value, items: [] }, host, options);
    const d = diagnostic("XDC1011", { ...at, end: at.start }, "nested too deeply", {
      label: "xdc ran out of stack checking this file",
      notes: ["write the deepest expressions flatter, or name their parts with `let`"],
    });
    return { value: empty.value, diagnostics: [...parsed.diagnostics, d].sort(byPosition) };
  }
}

/**
 * The checker's findings, less those on a line where the parser found a syntax error (or the
 * line before): what
 * it read there is its best guess at what was meant (a bracket inserted, a token skipped),
 * and what the checker says about a guess is noise beside the one error that matters.
 */
function besideSyntaxErrors(checked: readonly Diagnostic[], parsed: readonly Diagnostic[]): Diagnostic[] {
  // The line before counts too: a missing `)` or `}` is found at the next token, often on the next line.
  const broken = new Set(syntaxErrorSpans(parsed).flatMap((s) => [`${s.file}:${s.start.line}`, `${s.file}:${s.start.line - 1}`]));
  if (broken.size === 0) return [...checked];
  return checked.filter((d) => !broken.has(`${d.span.file}:${d.span.start.line}`));
}

export { check, type CheckOptions } from "./checker.js";
export { fileSystemHost } from "./fs-host.js";
export { memoryHost, resolveSpec, STD_SCHEME, type FileProbe, type ModuleHost } from "./module-host.js";
export type * from "./program.js";
