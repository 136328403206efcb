// Writes docs/reference.md and the builtin list of docs/language.md from the registry and the
// checker's tables (`npm run reference`); test/builtins/reference.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { reference, withBuiltinList } from "../src/builtins/reference.js";

const doc = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));
writeFileSync(doc("reference.md"), reference());
writeFileSync(doc("language.md"), withBuiltinList(readFileSync(doc("language.md"), "utf8")));
