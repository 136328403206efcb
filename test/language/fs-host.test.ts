import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileSystemHost } from "../../src/language/fs-host.js";
import { checkText } from "../../src/language/index.js";

describe("file-system module host", () => {
  let dir = "";
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-host-"));
    mkdirSync(join(dir, "envs"));
    writeFileSync(join(dir, "envs", "lab.xdc"), `environment lab {
  dc east { streams: "https://e/streams/rest" instance: "i" }
  dc west { streams: "https://w/streams/rest" instance: "i" }
}
`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads imports relative to the importing file, and the standard library from xdc itself", () => {
    const main = join(dir, "main.xdc");
    const text = `import "./envs/lab.xdc"\nimport "std/faults"\nscenario "s" {\n  environment: lab\n  timeout: 5m\n  run { flap(east, west) for 2m }\n}\n`;
    const r = checkText(text, main, fileSystemHost());
    expect(r.diagnostics).to.deep.equal([]);
    expect([...r.value.modules.keys()]).to.deep.equal([join(dir, "envs", "lab.xdc"), "std:faults.xdc"]);
  });

  it("reports a missing file, and a directory, as not found", () => {
    const r = checkText(`import "./nothere.xdc"\nimport "./envs/"`, join(dir, "main.xdc"), fileSystemHost());
    expect(r.diagnostics.map((d) => d.code)).to.deep.equal(["XDC2004", "XDC2004"]);
  });
});
