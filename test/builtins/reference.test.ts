import { expect } from "chai";
import { readFileSync } from "node:fs";
import { reference } from "../../src/builtins/reference.js";
import { BUILTINS } from "../../src/builtins/index.js";

describe("docs/reference.md", () => {
  const committed = readFileSync(new URL("../../docs/reference.md", import.meta.url), "utf8");

  it("is generated from the current tables (run `npm run reference` after a change)", () => {
    expect(committed === reference(), "docs/reference.md is stale: run `npm run reference`").to.equal(true);
  });

  it("has a section for every builtin", () => {
    for (const b of BUILTINS) expect(committed).to.include(`#### ${b.name}\n`);
  });
});
