import type { Diagnostic, Result } from "../language/diagnostics.js";
import { errorCount } from "../language/diagnostics.js";
import { checkText, fileSystemHost } from "../language/index.js";
import { render, type FormatName } from "../language/render/index.js";
import { EXIT } from "./exit.js";
import { expandInputs } from "./inputs.js";
import { readInput, type Io } from "./io.js";
import { scenarioParamNames, setCombinations, unknownSetProblem, unknownSets } from "./set-option.js";

/** Whatever finds the problems in one file: its diagnostics may point into other files (imports). `set`: `--set` values. */
export type Analyzer = (text: string, path: string, set?: ReadonlyMap<string, string>) => Result<unknown>;

/** How `xdc check` analyzes a file, and reads the other files a diagnostic points into. */
export interface Analysis {
  readonly analyze: Analyzer;
  /** The text of a file that was not an input (an imported module, the standard library), if there is one. */
  readonly read: (path: string) => string | undefined;
}

/** The checker, reading imports from disk and the standard library from xdc itself. */
export function fileSystemAnalysis(): Analysis {
  const host = fileSystemHost();
  return { analyze: (text, path, set) => checkText(text, path, host, set ? { set } : {}), read: (path) => host.read(path) };
}

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly maxWarnings?: number;
  readonly stdinFilename?: string;
  /** Whether stdout gets colours (the human format only). */
  readonly colour: boolean;
  /** `--set NAME=VALUE[,VALUE…]`: each combination of values is checked. */
  readonly set?: readonly string[];
}

/** Diagnostics about an imported file come once, however many files import it. */
const identity = (d: Diagnostic) => `${d.span.file}\0${d.span.start.offset}\0${d.span.end.offset}\0${d.code}\0${d.message}`;

/** `xdc check`: reads every input, analyzes each, prints all diagnostics in one format; returns the exit code. */
export async function runCheck(options: CheckOptions, io: Io, analysis: Analysis = fileSystemAnalysis()): Promise<number> {
  const { inputs, problems } = expandInputs(options.paths.length > 0 ? options.paths : ["."]);
  if (problems.length > 0) return usageError(problems, io);
  const sets = setCombinations(options.set ?? []);
  if ("problem" in sets) return usageError([sets.problem], io);
  const paramNames = new Set<string>();
  const sources = new Map<string, string>();
  const diagnostics = new Map<string, Diagnostic>();
  const unreadable: string[] = [];
  for (const input of inputs) {
    const read = await readInput(input, io, options.stdinFilename ?? "<stdin>");
    if ("problem" in read) {
      unreadable.push(read.problem);
      continue;
    }
    sources.set(read.name, read.text);
    for (const set of sets.combinations) {
      const r = analysis.analyze(read.text, read.name, set);
      for (const d of r.diagnostics) diagnostics.set(identity(d), d);
      for (const name of scenarioParamNames(r.value)) paramNames.add(name);
    }
  }
  if (unreadable.length > 0) return usageError(unreadable, io);
  const unknown = unknownSets(sets.combinations[0] ?? new Map(), paramNames);
  if (unknown.length > 0) return usageError(unknown.map((n) => unknownSetProblem(n, paramNames)), io);
  const all = [...diagnostics.values()];
  const source = (file: string) => sources.get(file) ?? analysis.read(file);
  io.out(render(options.format, { diagnostics: all, source, fileCount: sources.size }, { colour: options.colour && options.format === "human" }));
  if (errorCount(all) > 0) return EXIT.fail;
  const warnings = all.filter((d) => d.severity === "warning").length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.err(`xdc check: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT.fail;
  }
  return EXIT.pass;
}

function usageError(problems: readonly string[], io: Io): number {
  for (const p of problems) io.err(`xdc check: ${p}\n`);
  return EXIT.usage;
}
