import { posix } from "node:path";
import { STDLIB } from "./stdlib.generated.js";

/**
 * How the checker reaches other files. The checker does no I/O: the CLI passes a file-system
 * host (fs-host.ts), tests and the language server an in-memory one. The standard library is
 * compiled into xdc, so `import "std/faults"` means the same thing everywhere and needs no
 * installed files.
 */
export interface ModuleHost {
  /** The text of a resolved path, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** The path an import names, from the file that imports it. */
  resolve(from: string, spec: string): string;
  /**
   * The files a scenario names besides modules (bundles, recorded data), by resolved path.
   * Absent: the host cannot tell (an editor without a disk), and such files are not checked.
   */
  readonly files?: FileProbe;
}

export interface FileProbe {
  /** Whether a regular file is there. */
  exists(path: string): boolean;
  /** At most the first `bytes` bytes of the file as UTF-8 text (a recording's head), or undefined when it cannot be read. */
  head(path: string, bytes: number): string | undefined;
}

/** Resolved paths of standard-library modules start with this (as `node:` does for Node's). */
export const STD_SCHEME = "std:";

/**
 * The shared resolution rule: `std/NAME` is a standard-library module, any other path is
 * relative to the importing file (or absolute); `.xdc` is added when the name has no extension.
 */
export function resolveSpec(from: string, spec: string): string {
  const withExt = posix.extname(spec) === "" ? `${spec}.xdc` : spec;
  if (withExt.startsWith("std/")) return STD_SCHEME + withExt.slice("std/".length);
  if (from.startsWith(STD_SCHEME)) return STD_SCHEME + posix.normalize(posix.join(posix.dirname(from.slice(STD_SCHEME.length)), withExt));
  if (posix.isAbsolute(withExt)) return posix.normalize(withExt);
  const joined = posix.normalize(posix.join(posix.dirname(toPosix(from)), withExt));
  return joined;
}

const toPosix = (p: string) => p.replaceAll("\\", "/");

/** The standard library's text for a resolved `std:` path. */
export const readStdlib = (path: string): string | undefined =>
  path.startsWith(STD_SCHEME) ? STDLIB[path.slice(STD_SCHEME.length)] : undefined;

/** The names of the standard-library modules, for "did you mean". */
export const stdlibModules = (): string[] => Object.keys(STDLIB).map((f) => `std/${f.replace(/\.xdc$/, "")}`);

/**
 * A host over a fixed set of files (tests, the language server's open documents), plus the
 * standard library. With `assets` (bundles, recorded data by path), it also answers which
 * other files exist; without, it cannot tell and they are not checked.
 */
export function memoryHost(files: Readonly<Record<string, string>> = {}, assets?: Readonly<Record<string, string>>): ModuleHost {
  return {
    read: (path) => readStdlib(path) ?? (Object.hasOwn(files, path) ? files[path] : undefined),
    resolve: resolveSpec,
    ...(assets !== undefined
      ? { files: { exists: (path: string) => Object.hasOwn(assets, path), head: (path: string, bytes: number) => (Object.hasOwn(assets, path) ? assets[path]!.slice(0, bytes) : undefined) } }
      : {}),
  };
}
