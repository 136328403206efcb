import { detail, listing, toJson } from "../builtins/describe.js";
import { BUILTINS, BUILTINS_BY_NAME } from "../builtins/index.js";
import { suggest } from "../language/did-you-mean.js";
import { stdlibDefinitions } from "../language/stdlib-index.js";
import { stdlibDetail, stdlibListing, withStdlib } from "../builtins/describe-stdlib.js";
import { EXIT } from "./exit.js";

export interface CommandResult {
  readonly stdout?: string;
  readonly stderr?: string;
  readonly exitCode: number;
}

/**
 * `xdc builtins [NAME] [--format json]`: the registry and the standard library's faults and
 * checks, or one of them in full.
 */
export function runBuiltins(name: string | undefined, format: "text" | "json"): CommandResult {
  const std = stdlibDefinitions();
  if (name === undefined) {
    return { stdout: format === "json" ? JSON.stringify(withStdlib(toJson(BUILTINS), [...std.values()]), null, 2) : `${listing()}\n\n${stdlibListing([...std.values()])}`, exitCode: EXIT.pass };
  }
  const b = BUILTINS_BY_NAME.get(name);
  const d = b ? undefined : std.get(name);
  if (b) return { stdout: format === "json" ? JSON.stringify(toJson([b]), null, 2) : detail(b), exitCode: EXIT.pass };
  if (d) return { stdout: format === "json" ? JSON.stringify(withStdlib(toJson([]), [d]), null, 2) : stdlibDetail(d), exitCode: EXIT.pass };
  const s = suggest(name, [...BUILTINS_BY_NAME.keys(), ...std.keys()]);
  return {
    stderr: `xdc: no builtin or standard-library definition is named \`${name}\`${s ? `; did you mean \`${s.best}\`?` : ""}\n(\`xdc builtins\` lists them all)`,
    exitCode: EXIT.usage,
  };
}
