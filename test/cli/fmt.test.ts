import { expect } from "chai";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { xdc } from "./spawn.js";

const FORMATTED = 'scenario "s" {\n  run {\n    wait 5s // keep me\n  }\n}\n';
const MESSY = 'scenario "s" { run {   wait 5s    // keep me\n} }';
const BROKEN = 'scenario "s" {\n  run { wait }\n}\n';

describe("xdc fmt (the built CLI)", () => {
  let dir: string;
  const write = (files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  };
  const read = (path: string) => readFileSync(join(dir, path), "utf8");
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-fmt-"));
    write({ "a/formatted.xdc": FORMATTED, "a/messy.xdc": MESSY, "broken.xdc": BROKEN });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("prints the formatted text of one file, and of stdin", async () => {
    expect(await xdc(["fmt", "a/messy.xdc"], { cwd: dir })).to.deep.include({ code: 0, stdout: FORMATTED, stderr: "" });
    expect(await xdc(["fmt", "-"], { cwd: dir, stdin: MESSY })).to.deep.include({ code: 0, stdout: FORMATTED });
    expect(read("a/messy.xdc")).to.equal(MESSY);
  });

  it("--check shows how each file would change, as a unified diff, and exits 1; 0 when none would", async () => {
    const diff = [
      "--- a/messy.xdc",
      "+++ a/messy.xdc (formatted)",
      "@@ -1,2 +1,5 @@",
      '-scenario "s" { run {   wait 5s    // keep me',
      "-} }",
      "\\ No newline at end of file",
      '+scenario "s" {',
      "+  run {",
      "+    wait 5s // keep me",
      "+  }",
      "+}",
      "",
    ].join("\n");
    expect(await xdc(["fmt", "--check", "a"], { cwd: dir })).to.deep.include({ code: 1, stdout: diff });
    expect(read("a/messy.xdc")).to.equal(MESSY);
    expect(await xdc(["fmt", "--check", "a/formatted.xdc"], { cwd: dir })).to.deep.include({ code: 0, stdout: "" });
  });

  it("--write rewrites only the files that change, keeping their permissions", async () => {
    const past = new Date("2020-01-01T00:00:00Z");
    utimesSync(join(dir, "a/formatted.xdc"), past, past);
    chmodSync(join(dir, "a/messy.xdc"), 0o640);
    const r = await xdc(["fmt", "--write", "a"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stdout: "a/messy.xdc\n" });
    expect(read("a/messy.xdc")).to.equal(FORMATTED);
    expect(statSync(join(dir, "a/messy.xdc")).mode & 0o777).to.equal(0o640);
    expect(statSync(join(dir, "a/formatted.xdc")).mtime.getTime()).to.equal(past.getTime());
    expect(readdirSync(join(dir, "a")).sort(), "no temporary file is left behind").to.deep.equal(["formatted.xdc", "messy.xdc"]);
    expect(await xdc(["fmt", "--check", "a"], { cwd: dir })).to.deep.include({ code: 0, stdout: "" });
  });

  it("--write through a symbolic link rewrites the file it points at and keeps the link", async () => {
    symlinkSync("a/messy.xdc", join(dir, "link.xdc"));
    expect(await xdc(["fmt", "--write", "link.xdc"], { cwd: dir })).to.deep.include({ code: 0, stdout: "link.xdc\n" });
    expect(lstatSync(join(dir, "link.xdc")).isSymbolicLink()).to.equal(true);
    expect(read("a/messy.xdc")).to.equal(FORMATTED);
  });

  it("exits 2 on syntax errors, printing them and leaving the file alone", async () => {
    for (const args of [["broken.xdc"], ["--write", "broken.xdc"], ["--check", "."]]) {
      const r = await xdc(["fmt", ...args], { cwd: dir });
      expect(r.code, args.join(" ")).to.equal(2);
      expect(r.stderr).to.contain("error[XDC1001]: unexpected `}`").and.contain(" --> broken.xdc:2:14");
      expect(read("broken.xdc")).to.equal(BROKEN);
    }
  });

  it("exits 2 on a usage error", async () => {
    expect((await xdc(["fmt", "--check", "--write", "a"], { cwd: dir })).code).to.equal(2);
    const several = await xdc(["fmt", "a"], { cwd: dir });
    expect(several.code).to.equal(2);
    expect(several.stderr).to.contain("prints one file, not 2");
    expect((await xdc(["fmt"], { cwd: dir })).code).to.equal(2);
    expect((await xdc(["fmt", "--write", "-"], { cwd: dir, stdin: MESSY })).code).to.equal(2);
    const missing = await xdc(["fmt", "--check", "nope.xdc"], { cwd: dir });
    expect(missing).to.deep.include({ code: 2, stderr: "xdc fmt: nope.xdc: no such file or directory\n" });
  });
});
