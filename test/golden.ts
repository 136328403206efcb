import { expect } from "chai";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * Compares a whole output with its golden file. `UPDATE_GOLDEN=1 npm test` rewrites the
 * goldens instead; read the diff before committing it.
 */
export function expectGolden(path: URL, actual: string): void {
  if (process.env["UPDATE_GOLDEN"] === "1") {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`no golden file ${path.pathname}: create it with UPDATE_GOLDEN=1 npm test`);
  expect(actual, `output differs from ${path.pathname} (re-bless with UPDATE_GOLDEN=1 npm test)`).to.equal(readFileSync(path, "utf8"));
}
