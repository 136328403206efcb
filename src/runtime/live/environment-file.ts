import { readFile } from "node:fs/promises";
import { errorCount, type Diagnostic } from "../../language/diagnostics.js";
import { checkText, fileSystemHost } from "../../language/index.js";
import { err, type Result } from "../../drivers/result.js";
import { liveEnvironment, type LiveEnvironment } from "./environment.js";

export type EnvironmentFileError = { readonly kind: "diagnostics"; readonly diagnostics: readonly Diagnostic[]; readonly text: string } | { readonly kind: "problem"; readonly message: string };

/**
 * Reads an environment file (`environment NAME { … }`, as `xdc sim` writes one or a person
 * describes a real deployment) and resolves it for a live run; its secrets come from `secret`.
 */
export async function readEnvironmentFile(path: string, secret: (variable: string) => string | undefined): Promise<Result<LiveEnvironment, EnvironmentFileError>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    return err({ kind: "problem", message: `cannot read the environment file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}` });
  }
  // Read from disk, so the check sees the TLS files (and imports) the environment names.
  const checked = checkText(text, path, fileSystemHost());
  if (errorCount(checked.diagnostics) > 0) return err({ kind: "diagnostics", diagnostics: checked.diagnostics, text });
  const envs = [...checked.value.environments.values()];
  if (envs.length !== 1) return err({ kind: "problem", message: `${path} must declare exactly one environment, not ${envs.length}` });
  const live = liveEnvironment(envs[0]!, secret, "streams");
  return live.ok ? live : err({ kind: "problem", message: `${path}: ${live.error}` });
}
