// Writes docs/reference.md from the registry and the checker's tables (`npm run reference`);
// test/builtins/reference.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { reference } from "../src/builtins/reference.js";

writeFileSync(fileURLToPath(new URL("../docs/reference.md", import.meta.url)), reference());
