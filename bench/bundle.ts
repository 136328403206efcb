// Benchmarks measure the code users run: src/ bundled by esbuild as scripts/build.mjs does.
// Importing src/ through tsx instead wraps every closure the parser creates per call in
// tsx's `__name` helper, which made parsing three to five times slower than the shipped CLI.
import { build } from "esbuild";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Bundles `entry` (a path under the repository) and imports it; the caller states the module's type. */
export async function importBundled<T>(entry: string): Promise<T> {
  const outdir = mkdtempSync(join(tmpdir(), "xdc-bench-bundle-"));
  await build({
    entryPoints: { entry: join(root, entry) },
    outdir,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    // .mjs: outside the repository no package.json says "module", and tsx would then
    // recompile a .js bundle as CommonJS, adding the very helpers this avoids.
    outExtension: { ".js": ".mjs" },
  });
  return (await import(pathToFileURL(join(outdir, "entry.mjs")).href)) as T;
}
