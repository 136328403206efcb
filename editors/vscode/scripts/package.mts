// Packages the extension into xdc-VERSION.vsix: copies the TextMate grammar from the
// repository's grammar/ (its one source), bundles src/extension.ts with its client library
// into out/extension.js, then runs `vsce package`. With --zip, or when vsce is not
// installed, it writes the .vsix itself (vsix.mts). Run `npm ci` in this folder first.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { writeVsix, type ExtensionManifest } from "./vsix.mjs";

const here = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(here, "..", "..");
const pkg = JSON.parse(readFileSync(join(here, "package.json"), "utf8")) as ExtensionManifest;

if (!existsSync(join(here, "node_modules", "vscode-languageclient"))) {
  throw new Error("run `npm ci` in editors/vscode first: the extension bundles vscode-languageclient");
}
mkdirSync(join(here, "syntaxes"), { recursive: true });
copyFileSync(join(repo, "grammar", "xdc.tmLanguage.json"), join(here, "syntaxes", "xdc.tmLanguage.json"));

await build({
  entryPoints: [join(here, "src", "extension.ts")],
  outfile: join(here, "out", "extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
  minify: true,
  logLevel: "warning",
});

const out = join(here, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(here, "node_modules", ".bin", "vsce");
if (process.argv.includes("--zip") || !existsSync(vsce)) {
  await writeVsix(here, pkg, out);
} else {
  execFileSync(vsce, ["package", "--no-dependencies", "--skip-license", "--out", out], { cwd: here, stdio: "inherit" });
}
process.stdout.write(`wrote ${out}\n`);
