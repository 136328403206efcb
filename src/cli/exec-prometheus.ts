import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { CheckedProgram } from "../language/index.js";

/** The builtins that ask a Prometheus server. */
const PROMQL_BUILTINS: ReadonlySet<string> = new Set(["promql", "promql_range"]);

/**
 * The first call of a Prometheus builtin in the file or a module it imports, as
 * `promql at FILE:LINE:COL`; undefined when there is none. A call in a definition no scenario
 * uses counts too: deciding that would mean running the program.
 */
export function promqlCall(program: CheckedProgram): string | undefined {
  const spans = [...program.calls.entries()]
    .filter(([, target]) => target.kind === "builtin" && PROMQL_BUILTINS.has(target.builtin.name))
    .map(([call]) => call.span)
    .sort((a, b) => (a.file === b.file ? a.start.offset - b.start.offset : a.file === program.path ? -1 : b.file === program.path ? 1 : a.file.localeCompare(b.file)));
  const first = spans[0];
  return first && `the call at ${first.file}:${first.start.line}:${first.start.column}`;
}

/**
 * Why `xdc sim --prometheus` cannot run here, said before the twin starts (`sim/` keeps its own
 * check; the framework does not import the twin): no `prometheus` binary, or no `setpriv`.
 */
export function prometheusMissing(path = process.env["PATH"] ?? ""): string | undefined {
  const onPath = (name: string) =>
    path.split(delimiter).some((d) => {
      try {
        accessSync(join(d, name), constants.X_OK);
        return d !== "";
      } catch {
        return false;
      }
    });
  if (!onPath("prometheus")) return "no `prometheus` binary on PATH (apt-get install prometheus)";
  if (!onPath("setpriv")) return "no `setpriv` on PATH (util-linux), which ties Prometheus' life to the twin's";
  return undefined;
}
