import { readFileSync } from "node:fs";
import { readStdlib, resolveSpec, type ModuleHost } from "./module-host.js";

/** The host `xdc check` and `xdc exec` use: files from disk, the standard library from xdc itself. */
export function fileSystemHost(): ModuleHost {
  return {
    read(path) {
      const std = readStdlib(path);
      if (std !== undefined) return std;
      try {
        return readFileSync(path, "utf8");
      } catch {
        return undefined;
      }
    },
    resolve: resolveSpec,
  };
}
