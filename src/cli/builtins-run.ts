import { detail, listing, toJson } from "../builtins/describe.js";
import { BUILTINS, BUILTINS_BY_NAME } from "../builtins/index.js";
import { suggest } from "../language/did-you-mean.js";
import { EXIT } from "./exit.js";

export interface CommandResult {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

/** `xdc builtins [NAME] [--format json]`: the registry, or one row of it. */
export function runBuiltins(name: string | undefined, format: "text" | "json"): CommandResult {
  if (name === undefined) {
    return { stdout: format === "json" ? JSON.stringify(toJson(BUILTINS), null, 2) : listing(), exitCode: EXIT.pass };
  }
  const b = BUILTINS_BY_NAME.get(name);
  if (!b) {
    const s = suggest(name, BUILTINS_BY_NAME.keys());
    return {
      stderr: `xdc: no builtin is named \`${name}\`${s ? `; did you mean \`${s.best}\`?` : ""}\n(\`xdc builtins\` lists them all)`,
      exitCode: EXIT.usage,
    };
  }
  return { stdout: format === "json" ? JSON.stringify(toJson([b]), null, 2) : detail(b), exitCode: EXIT.pass };
}
