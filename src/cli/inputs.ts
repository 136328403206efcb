import { readdirSync, statSync, type Dirent } from "node:fs";
import { join, resolve } from "node:path";

/** What a command reads: files, in a stable order, and stdin when `-` was given. */
export type Input = { readonly kind: "stdin" } | { readonly kind: "file"; readonly path: string };

export interface Inputs {
  readonly inputs: readonly Input[];
  /** Paths that do not exist or hold no .xdc file: usage errors, each naming its path. */
  readonly problems: readonly string[];
}

/** Directories the search never enters: dependencies, and dot-directories such as .git. */
const skipped = (entry: Dirent) => entry.name === "node_modules" || entry.name.startsWith(".");

/**
 * The files behind the paths a user gave: a file as given (whatever its extension), a
 * directory searched recursively for `*.xdc` in name order, `-` for stdin. Paths keep the
 * user's spelling, so a relative path stays relative in every message. A file reached
 * twice is read once. Symbolic links to files are followed; to directories, not (no cycles).
 */
export function expandInputs(paths: readonly string[]): Inputs {
  const inputs: Input[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const addFile = (path: string) => {
    const key = resolve(path);
    if (!seen.has(key)) {
      seen.add(key);
      inputs.push({ kind: "file", path });
    }
  };
  for (const path of paths) {
    if (path === "-") {
      if (!seen.has("-")) inputs.push({ kind: "stdin" });
      seen.add("-");
      continue;
    }
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) problems.push(`${path}: no such file or directory`);
    else if (!stat.isDirectory()) addFile(path);
    else {
      const found = findXdc(path);
      if (found.length === 0) problems.push(`${path}: no .xdc files in this directory`);
      found.forEach(addFile);
    }
  }
  return { inputs, problems };
}

function findXdc(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return skipped(entry) ? [] : findXdc(path);
    if (!entry.name.endsWith(".xdc")) return [];
    if (entry.isFile()) return [path];
    return entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isFile() ? [path] : [];
  });
}
