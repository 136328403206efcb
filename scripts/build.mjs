// Bundles the CLI (and the twin's datacenter process) with esbuild so that `xdc check`
// starts fast: one file for the common path, heavy parts split into lazily loaded chunks.
import { build } from "esbuild";
import { existsSync, rmSync } from "node:fs";

const entries = {
  xdc: "src/cli/main.ts",
  "sim-dc": "src/sim/dc-main.ts",
  "sim-coordinator": "src/sim/coordinator-main.ts",
};
const entryPoints = Object.fromEntries(Object.entries(entries).filter(([, path]) => existsSync(path)));

rmSync("dist", { recursive: true, force: true });
await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  chunkNames: "chunks/[name]-[hash]",
  // ssh2 carries optional native parts; vega and friends are large and only the report needs them.
  external: ["ssh2", "cpu-features", "vega", "vega-lite", "vega-embed", "playwright-core"],
  // commander is CommonJS and calls require() for node builtins.
  banner: { js: "import { createRequire as __xdcRequire } from 'node:module'; const require = __xdcRequire(import.meta.url);" },
  logLevel: "warning",
});
