import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useColour } from "../../src/cli/colour.js";
import { expandInputs } from "../../src/cli/inputs.js";

describe("expandInputs", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-inputs-"));
    for (const path of ["b.xdc", "a.xdc", "sub/c.xdc", "sub/skip.txt", "node_modules/d.xdc", ".git/e.xdc", "plain/notes.md"]) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), "");
    }
    symlinkSync(join(dir, "sub"), join(dir, "loop"));
    symlinkSync(join(dir, "a.xdc"), join(dir, "z-link.xdc"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists a directory's .xdc files in name order, following file links but not directory links", () => {
    const { inputs, problems } = expandInputs([dir]);
    expect(problems).to.deep.equal([]);
    expect(inputs).to.deep.equal(["a.xdc", "b.xdc", "sub/c.xdc", "z-link.xdc"].map((p) => ({ kind: "file", path: join(dir, p) })));
  });

  it("keeps paths as given, reads a file once, and stdin once", () => {
    const a = join(dir, "a.xdc");
    const { inputs } = expandInputs(["-", a, join(dir, ".", "a.xdc"), "-", join(dir, "sub", "skip.txt")]);
    expect(inputs).to.deep.equal([{ kind: "stdin" }, { kind: "file", path: a }, { kind: "file", path: join(dir, "sub", "skip.txt") }]);
  });

  it("names each path that does not exist or has no .xdc file", () => {
    const missing = join(dir, "missing.xdc");
    expect(expandInputs([missing, join(dir, "plain")]).problems).to.deep.equal([
      `${missing}: no such file or directory`,
      `${join(dir, "plain")}: no .xdc files in this directory`,
    ]);
  });
});

describe("useColour", () => {
  const cases: [boolean | undefined, string | undefined, boolean][] = [
    [true, undefined, true],
    [true, "", true],
    [true, "1", false],
    [true, "0", false],
    [false, undefined, false],
    [undefined, undefined, false],
  ];
  for (const [isTTY, noColor, expected] of cases) {
    it(`is ${expected} on ${isTTY ? "a terminal" : "a pipe"} with NO_COLOR=${noColor ?? "(unset)"}`, () => {
      expect(useColour(isTTY === undefined ? {} : { isTTY }, noColor === undefined ? {} : { NO_COLOR: noColor })).to.equal(expected);
    });
  }
});
