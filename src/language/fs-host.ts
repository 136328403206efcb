import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { readStdlib, resolveSpec, type FileProbe, type ModuleHost } from "./module-host.js";

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
    files: DISK,
  };
}

/** Bundles and recorded data on disk: whether each is there, and the head of a recording (never the whole: it may be larger than memory). */
const DISK: FileProbe = {
  exists(path) {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  head(path, bytes) {
    let fd: number | undefined;
    try {
      fd = openSync(path, "r");
      const buf = Buffer.alloc(bytes);
      const n = readSync(fd, buf, 0, bytes, 0);
      // A head may end inside a multi-byte character: the decoder drops its partial bytes.
      return new StringDecoder("utf8").write(buf.subarray(0, n));
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  },
};
