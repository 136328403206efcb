// Writes the resource table of docs/twin-rest.md from the twin's REST schema table
// (`npm run twin-rest-doc`); test/sim/rest-schema.test.ts fails when the page is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withResourceTable } from "../src/sim/rest/schema-doc.js";

const page = fileURLToPath(new URL("../docs/twin-rest.md", import.meta.url));
writeFileSync(page, withResourceTable(readFileSync(page, "utf8")));
