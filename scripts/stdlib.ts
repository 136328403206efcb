// Embeds stdlib/*.xdc into src/language/stdlib.generated.ts, so that `import "std/…"`
// needs no installed files and always matches the xdc that checks it.
// `npm run stdlib` rewrites it; test/language/stdlib.test.ts fails when it is stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
export const STDLIB_DIR = `${root}stdlib`;
export const GENERATED = `${root}src/language/stdlib.generated.ts`;

export function renderStdlib(dir = STDLIB_DIR): string {
  const files = readdirSync(dir).filter((f) => f.endsWith(".xdc")).sort();
  const entries = files.map((f) => `  ${JSON.stringify(f)}: ${JSON.stringify(readFileSync(`${dir}/${f}`, "utf8"))},`);
  return [
    "// Generated from stdlib/*.xdc by `npm run stdlib`; test/language/stdlib.test.ts fails when it is stale.",
    "export const STDLIB: Readonly<Record<string, string>> = {",
    ...entries,
    "};",
    "",
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(GENERATED, renderStdlib());
