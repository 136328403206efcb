import { isAbsolute, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { STD_SCHEME } from "../language/module-host.js";

/**
 * Document URIs and the checker's paths. A `file:` URI is its file-system path, so imports
 * resolve against the disk; any other URI (an unsaved `untitled:` buffer) is its own path.
 * Standard-library modules (`std:faults.xdc`) are shown as the files xdc ships in `stdlib/`,
 * so go-to-definition opens a real file; the reverse mapping keeps that file's meaning.
 */
export class Uris {
  constructor(private readonly stdlibDir?: string) {}

  pathOf(uri: string): string {
    if (!uri.startsWith("file:")) return uri;
    const path = fileURLToPath(uri);
    if (this.stdlibDir !== undefined && path.startsWith(join(this.stdlibDir, "/"))) {
      return STD_SCHEME + path.slice(join(this.stdlibDir, "/").length).replaceAll("\\", "/");
    }
    return path;
  }

  uriOf(path: string): string {
    if (path.startsWith(STD_SCHEME)) {
      const name = path.slice(STD_SCHEME.length);
      return this.stdlibDir !== undefined ? pathToFileURL(join(this.stdlibDir, name)).href : `xdc-std:${name}`;
    }
    return isAbsolute(path) ? pathToFileURL(path).href : path;
  }
}
