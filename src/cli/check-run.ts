import type { Diagnostic, Result } from "../language/diagnostics.js";
import { errorCount } from "../language/diagnostics.js";
import { checkText, fileSystemHost } from "../language/index.js";
import { render, type FormatName } from "../language/render/index.js";
import { EXIT } from "./exit.js";
import { expandInputs } from "./inputs.js";
import { readInput, type Io } from "./io.js";

/** Whatever finds the problems in one file: its diagnostics may point into other files (imports). */
export type Analyzer = (text: string, path: string) => Result<unknown>;

/** How `xdc check` analyzes a file, and reads the other files a diagnostic points into. */
export interface Analysis {
  readonly analyze: Analyzer;
  /** The text of a file that was not an input (an imported module, the standard library), if there is one. */
  readonly read: (path: string) => string | undefined;
}

/** The checker, reading imports from disk and the standard library from xdc itself. */
export function fileSystemAnalysis(): Analysis {
  const host = fileSystemHost();
  return { analyze: (text, path) => checkText(text, path, host), read: (path) => host.read(path) };
}

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: FormatName;
  readonly maxWarnings?: number;
  readonly stdinFilename?: string;
  /** Whether stdout gets colours (the human format only). */
  readonly colour: boolean;
}

/** Diagnostics about an imported file come once, however many files import it. */
const identity = (d: Diagnostic) => `${d.span.file}\0${d.span.start.offset}\0${d.span.end.offset}\0${d.code}\0${d.message}`;

/** `xdc check`: reads every input, analyzes each, prints all diagnostics in one format; returns the exit code. */
export async function runCheck(options: CheckOptions, io: Io, analysis: Analysis = fileSystemAnalysis()): Promise<number> {
  const { inputs, problems } = expandInputs(options.paths.length > 0 ? options.paths : ["."]);
  if (problems.length > 0) return usageError(problems, io);
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
    for (const d of analysis.analyze(read.text, read.name).diagnostics) diagnostics.set(identity(d), d);
  }
  if (unreadable.length > 0) return usageError(unreadable, io);
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
