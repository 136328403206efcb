import type { Diagnostic } from "../diagnostics.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export interface Summary {
  /** The worst severity that counts as a problem, or "ok". */
  readonly level: "error" | "warning" | "ok";
  readonly text: string;
}

/**
 * The last line of a check: `error: 2 errors, 1 warning in 3 files` (the files that have
 * them) or `checked 3 files: no problems`. Infos are not problems and are not counted.
 */
export function summarize(diagnostics: readonly Diagnostic[], fileCount: number): Summary {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  if (errors + warnings === 0) return { level: "ok", text: `checked ${plural(fileCount, "file")}: no problems` };
  const files = new Set(diagnostics.filter((d) => d.severity !== "info").map((d) => d.span.file)).size;
  const counts = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""].filter((s) => s !== "");
  const level = errors > 0 ? "error" : "warning";
  return { level, text: `${level}: ${counts.join(", ")} in ${plural(files, "file")}` };
}
