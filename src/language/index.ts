import { check, type CheckOptions } from "./checker.js";
import { byPosition, type Result } from "./diagnostics.js";
import { memoryHost, type ModuleHost } from "./module-host.js";
import { parse } from "./parse.js";
import type { CheckedProgram } from "./program.js";

/**
 * Text → checked program: parse, then check, with every problem of both, sorted by
 * position. What `xdc check`, the conformance runner and the language server call. Without a
 * host, imports reach only the standard library.
 */
export function checkText(text: string, path: string, host: ModuleHost = memoryHost(), options: Omit<CheckOptions, "parseDiagnostics"> = {}): Result<CheckedProgram> {
  const parsed = parse(text, path);
  const checked = check(parsed.value, host, { ...options, parseDiagnostics: parsed.diagnostics });
  return { value: checked.value, diagnostics: [...parsed.diagnostics, ...checked.diagnostics].sort(byPosition) };
}

export { check, type CheckOptions } from "./checker.js";
export { fileSystemHost } from "./fs-host.js";
export { memoryHost, resolveSpec, STD_SCHEME, type FileProbe, type ModuleHost } from "./module-host.js";
export type * from "./program.js";
