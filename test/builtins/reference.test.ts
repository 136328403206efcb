import { expect } from "chai";
import { readFileSync } from "node:fs";
import { builtinList, reference, withBuiltinList } from "../../src/builtins/reference.js";
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

describe("docs/language.md's list of builtins", () => {
  const page = readFileSync(new URL("../../docs/language.md", import.meta.url), "utf8");

  it("is generated from the current registry (run `npm run reference` after a change)", () => {
    expect(page.includes(builtinList()), "the builtin list in docs/language.md is stale: run `npm run reference`").to.equal(true);
    expect(withBuiltinList(page)).to.equal(page);
  });

  it("names every builtin", () => {
    for (const b of BUILTINS) expect(builtinList()).to.include(`(reference.md#${b.name})`);
  });
});
