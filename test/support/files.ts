import { existsSync, readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Every file under `dir` (relative to `root`, with `/` separators) whose name passes `keep`, sorted. */
export function filesUnder(root: string, dir: string, keep: (name: string) => boolean): string[] {
  const start = join(root, dir);
  if (!existsSync(start)) return [];
  return (readdirSync(start, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}
