import { errorCount, type Diagnostic } from "../language/diagnostics.js";
import { checkText, fileSystemHost, type CheckedProgram, type EnvironmentInfo } from "../language/index.js";
import { render } from "../language/render/index.js";
import { EXIT } from "./exit.js";
import { expandInputs, type Input } from "./inputs.js";
import { readInput, type Io } from "./io.js";
import { scenarioParamNames, setCombinations, unknownSetProblem, unknownSets } from "./set-option.js";

/** A checked file that `plan` or `exec` works from, and the texts its diagnostics and statements point into. */
export interface ScenarioFile {
  readonly path: string;
  readonly program: CheckedProgram;
  readonly source: (file: string) => string | undefined;
}

/** Where a command's messages go (one line each, without its newline) and how it reads stdin for `-`. */
export interface ScenarioIo {
  readonly err: (line: string) => void;
  readonly readStdin: Io["readStdin"];
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: number };

/** A file's errors (its warnings wait for `xdc check`), as `xdc check` prints them. */
export function printErrors(diagnostics: readonly Diagnostic[], source: (file: string) => string | undefined, err: (line: string) => void): void {
  err(render("human", { diagnostics: diagnostics.filter((d) => d.severity === "error"), source, fileCount: 1 }, { colour: false }).trimEnd());
}

/**
 * The files behind the paths given to `command`, read and checked as `xdc check` reads them:
 * a directory stands for every `.xdc` file in it, in name order. A path that does not exist
 * or cannot be read, or a file with errors, is the caller's to fix: every such problem is
 * printed (one line each, errors as `xdc check` prints them), and the answer is exit 2.
 */
export async function checkScenarioFiles(command: string, paths: readonly string[], io: ScenarioIo, setOptions: readonly string[] = [], environment?: EnvironmentInfo): Promise<Checked<ScenarioFile[]>> {
  const { inputs, problems } = expandInputs(paths);
  for (const p of problems) io.err(`xdc ${command}: ${p}`);
  if (problems.length > 0) return { ok: false, code: EXIT.usage };
  const sets = setCombinations(setOptions);
  if ("problem" in sets) {
    io.err(`xdc ${command}: ${sets.problem}`);
    return { ok: false, code: EXIT.usage };
  }
  const host = fileSystemHost();
  const files: ScenarioFile[] = [];
  let bad = false;
  // A sweep (`--set rate=100/s,500/s`): every file once per combination, each scenario named by its values.
  for (const set of sets.combinations) {
    for (const input of inputs) {
      const file = await checkInput(command, input, io, host, undefined, set, environment);
      if (file === undefined) bad = true;
      else files.push(file);
    }
    if (bad) break;
  }
  if (bad) return { ok: false, code: EXIT.usage };
  const known = new Set(files.flatMap((f) => scenarioParamNames(f.program)));
  const unknown = unknownSets(sets.combinations[0] ?? new Map(), known);
  for (const n of unknown) io.err(`xdc ${command}: ${unknownSetProblem(n, known)}`);
  return unknown.length > 0 ? { ok: false, code: EXIT.usage } : { ok: true, value: files };
}

/** One file given by name (such as `--env FILE`): a directory is not one. */
export async function checkScenarioFile(command: string, what: string, path: string, io: ScenarioIo): Promise<Checked<ScenarioFile>> {
  const file = await checkInput(command, { kind: "file", path }, io, fileSystemHost(), what);
  return file === undefined ? { ok: false, code: EXIT.usage } : { ok: true, value: file };
}

async function checkInput(command: string, input: Input, io: ScenarioIo, host: ReturnType<typeof fileSystemHost>, what?: string, set?: ReadonlyMap<string, string>, environment?: EnvironmentInfo): Promise<ScenarioFile | undefined> {
  const read = await readInput(input, { out: () => undefined, err: () => undefined, readStdin: io.readStdin }, "<stdin>");
  if ("problem" in read) {
    io.err(`xdc ${command}: ${what !== undefined ? `${what}: ` : ""}${read.problem}`);
    return undefined;
  }
  const { name, text } = read;
  const source = (f: string) => (f === name ? text : host.read(f));
  const checked = checkText(text, name, host, { ...(set && set.size > 0 ? { set } : {}), ...(environment ? { environment } : {}) });
  if (errorCount(checked.diagnostics) > 0) {
    printErrors(checked.diagnostics, source, io.err);
    return undefined;
  }
  return { path: name, program: checked.value, source };
}

/** The files as one phrase for a message: `a.xdc`, `a.xdc and b.xdc`, `a.xdc, b.xdc and c.xdc`. */
export const fileList = (paths: readonly string[]): string => (paths.length <= 1 ? (paths[0] ?? "") : `${paths.slice(0, -1).join(", ")} and ${paths.at(-1)!}`);
