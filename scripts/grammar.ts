// `npm run grammar`: regenerates the generated files under grammar/ (railroad diagrams,
// TextMate grammar). grammar/xdc.ebnf is written by hand; a test keeps it in step.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { generatedFiles } from "./grammar-files.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const [path, text] of Object.entries(generatedFiles())) {
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path} (${text.length} bytes)`);
}
