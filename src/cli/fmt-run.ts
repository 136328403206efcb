import type { Diagnostic } from "../language/diagnostics.js";
import { format } from "../language/format.js";
import { render } from "../language/render/index.js";
import { EXIT } from "./exit.js";
import { expandInputs } from "./inputs.js";
import { readInput, writeFileAtomic, type Io } from "./io.js";
import { unifiedDiff } from "./unified-diff.js";

/** `print` writes the formatted text of one input to stdout; `check` shows how inputs would change (a unified diff each); `write` rewrites them. */
export type FmtMode = "print" | "check" | "write";

export interface FmtOptions {
  readonly paths: readonly string[];
  readonly mode: FmtMode;
  readonly stdinFilename?: string;
  /** Whether stderr (where syntax errors go) gets colours. */
  readonly colour: boolean;
}

/** `xdc fmt`: returns the exit code. Inputs with syntax errors are left alone and reported; the others are still formatted. */
export async function runFmt(options: FmtOptions, io: Io): Promise<number> {
  const usage = (problem: string) => {
    io.err(`xdc fmt: ${problem}\n`);
    return EXIT.usage;
  };
  const paths = options.paths.length > 0 ? options.paths : options.mode === "print" ? [] : ["."];
  if (paths.length === 0) return usage("give a file to format, or - for stdin (--check and --write take directories)");
  const { inputs, problems } = expandInputs(paths);
  if (problems.length > 0) return usage(problems.join("\nxdc fmt: "));
  if (options.mode === "print" && inputs.length !== 1) return usage(`prints one file, not ${inputs.length}; use --check or --write for several`);
  if (options.mode === "write" && inputs.some((i) => i.kind === "stdin")) return usage("--write cannot rewrite stdin; leave out --write to print the result");

  const sources = new Map<string, string>();
  const refused: Diagnostic[] = [];
  let changed = 0;
  for (const input of inputs) {
    const read = await readInput(input, io, options.stdinFilename ?? "<stdin>");
    if ("problem" in read) return usage(read.problem);
    const result = format(read.text, read.name);
    if (result.diagnostics.length > 0) {
      sources.set(read.name, read.text);
      refused.push(...result.diagnostics);
      continue;
    }
    const differs = result.text !== read.text;
    if (differs) changed++;
    if (options.mode === "print") io.out(result.text);
    else if (differs && options.mode === "check") io.out(unifiedDiff(read.text, result.text, { from: read.name, to: `${read.name} (formatted)` }));
    else if (differs) {
      if (input.kind === "file") writeFileAtomic(input.path, result.text);
      io.out(`${read.name}\n`);
    }
  }
  if (refused.length > 0) {
    io.err(render("human", { diagnostics: refused, source: (f) => sources.get(f), fileCount: sources.size }, { colour: options.colour }));
    return EXIT.usage;
  }
  return options.mode === "check" && changed > 0 ? EXIT.fail : EXIT.pass;
}
