import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BIN_PATH, run, xdc } from "./spawn.js";

const GOOD = 'scenario "good" {\n  timeout: 10m\n  run {\n    wait 5s\n  }\n}\n';
const BAD = 'scenario "bad" {\n  run {\n    wait 10sec\n  }\n}\n';
const LAB = `environment lab {
  dc dc1 {
    streams: "https://dc1.example:8443/streams/rest"
    instance: "I"
    user: "u"
    password: secret("P")
  }
  dc dc2 {
    streams: "https://dc2.example:8443/streams/rest"
    instance: "I"
    user: "u"
    password: secret("P")
  }
}
`;
const scenario = (run: string) => `import "../envs/lab"\nscenario "s" {\n  environment: lab\n  timeout: 10m\n  run {\n${run}\n  }\n}\n`;

describe("xdc check (the built CLI)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-check-"));
    const files: Record<string, string> = {
      "good.xdc": GOOD,
      "bad.xdc": BAD,
      "tree/a.xdc": GOOD,
      "tree/nested/b.xdc": BAD,
      "tree/nested/notes.txt": "not xdc",
      "tree/node_modules/dep/c.xdc": BAD,
      "tree/.hidden/d.xdc": BAD,
      "empty/readme.txt": "",
      "imports/envs/lab.xdc": LAB,
      "imports/scenarios/typo.xdc": scenario("    at 20s: partition(dc1, dc_2) for 30s"),
      "imports/scenarios/unused.xdc": scenario("    let unused = 5s\n    wait 1s"),
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 on a file without problems", async () => {
    const r = await xdc(["check", "good.xdc"], { cwd: dir });
    expect(r).to.deep.include({ code: 0, stdout: "checked 1 file: no problems\n", stderr: "" });
  });

  it("exits 1 on errors, showing the source line with the path as given", async () => {
    const r = await xdc(["check", "./bad.xdc"], { cwd: dir });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal(
      [
        "error[XDC1006]: unknown unit `sec`",
        " --> ./bad.xdc:3:12",
        "  |",
        "3 |     wait 10sec",
        "  |            ^^^ not a unit xdc knows",
        "  |",
        "  = note: units: ms s m h (durations), /s /m /h (rates), % (percentages), B KB MB GB TB KiB MiB GiB TiB (sizes)",
        "  = help: write `10s`",
        "",
        "error: 1 error in 1 file",
        "",
      ].join("\n"),
    );
  });

  it("searches directories for *.xdc, skipping node_modules and dot-directories", async () => {
    const r = await xdc(["check", "tree", "--format", "short"], { cwd: dir });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.equal("tree/nested/b.xdc:3:12: error: unknown unit `sec` [XDC1006]\n");
  });

  it("checks the current directory when given no path", async () => {
    const r = await xdc(["check"], { cwd: join(dir, "tree") });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain(" --> nested/b.xdc:3:12").and.to.match(/error: 1 error in 1 file\n$/);
  });

  it("reads stdin for -, under the name --stdin-filename gives", async () => {
    const r = await xdc(["check", "-", "--stdin-filename", "from/editor.xdc", "--format", "short"], { cwd: dir, stdin: BAD });
    expect(r).to.deep.include({ code: 1, stdout: "from/editor.xdc:3:12: error: unknown unit `sec` [XDC1006]\n" });
    const anonymous = await xdc(["check", "-", "--format", "short"], { cwd: dir, stdin: GOOD });
    expect(anonymous).to.deep.include({ code: 0, stdout: "" });
  });

  it("runs the checker, showing a label in an imported file by the path it was reached by", async () => {
    const r = await xdc(["check", "imports/scenarios/typo.xdc"], { cwd: dir });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.contain("error[XDC2002]: unknown datacenter `dc_2`");
    expect(r.stdout).to.contain(" ::: imports/envs/lab.xdc:8:6\n  |\n8 |   dc dc2 {\n  |      --- `dc2` is declared here\n");
  });

  it("passes warnings, unless there are more than --max-warnings", async () => {
    const args = ["check", "--format", "short", "imports/scenarios/unused.xdc"];
    const warned = "imports/scenarios/unused.xdc:6:9: warning: `unused` is never used [XDC2010]\n";
    expect(await xdc(args, { cwd: dir })).to.deep.include({ code: 0, stdout: warned });
    expect(await xdc([...args, "--max-warnings", "1"], { cwd: dir })).to.deep.include({ code: 0 });
    expect(await xdc([...args, "--max-warnings", "0"], { cwd: dir })).to.deep.include({
      code: 1,
      stdout: warned,
      stderr: "xdc check: 1 warning, more than --max-warnings 0\n",
    });
  });

  it("exits 2 naming a path that does not exist, or a directory without .xdc files", async () => {
    const r = await xdc(["check", "good.xdc", "missing.xdc", "empty"], { cwd: dir });
    expect(r.code).to.equal(2);
    expect(r.stdout).to.equal("");
    expect(r.stderr).to.equal("xdc check: missing.xdc: no such file or directory\nxdc check: empty: no .xdc files in this directory\n");
  });

  it("exits 2 on an unknown option or format", async () => {
    const option = await xdc(["check", "--colour", "good.xdc"], { cwd: dir });
    expect(option.code).to.equal(2);
    expect(option.stderr).to.contain("unknown option '--colour'");
    const format = await xdc(["check", "--format", "xml", "good.xdc"], { cwd: dir });
    expect(format.code).to.equal(2);
    expect(format.stderr).to.contain("Allowed choices are human, short, json, github");
    const count = await xdc(["check", "--max-warnings", "some", "good.xdc"], { cwd: dir });
    expect(count.code).to.equal(2);
  });

  it("prints JSON that JSON.parse reads", async () => {
    const r = await xdc(["check", "--format", "json", "good.xdc", "bad.xdc"], { cwd: dir });
    expect(r.code).to.equal(1);
    type Place = { file: string; start: { line: number; column: number } };
    const report = JSON.parse(r.stdout) as { version: string; valid: boolean; errorCount: number; diagnostics: { location: Place; code: string }[] };
    expect(report).to.include({ version: "2.0", valid: false, errorCount: 1 });
    expect(report.diagnostics.map((d) => [d.code, d.location.file, d.location.start.line, d.location.start.column])).to.deep.equal([["XDC1006", "bad.xdc", 3, 12]]);
  });

  it("writes GitHub annotations, by default when GITHUB_ACTIONS=true", async () => {
    const r = await xdc(["check", "bad.xdc"], { cwd: dir, env: { GITHUB_ACTIONS: "true" } });
    expect(r.code).to.equal(1);
    expect(r.stdout.split("\n")).to.deep.equal([
      "::error file=bad.xdc,line=3,col=12,endLine=3,endColumn=15,title=XDC1006::unknown unit `sec`%0Anote: units: ms s m h (durations), /s /m /h (rates), %25 (percentages), B KB MB GB TB KiB MiB GiB TiB (sizes)%0Ahelp: write `10s`",
      "error: 1 error in 1 file",
      "",
    ]);
  });

  it("colours on a terminal, and not with NO_COLOR", async function () {
    // `script` (util-linux) gives the CLI a pseudo-terminal; without it there is no terminal to test.
    const hasScript = await run("script", ["--version"], { cwd: dir }).then((r) => r.code === 0, () => false);
    if (!hasScript) this.skip();
    const command = `"${process.execPath}" "${BIN_PATH}" check bad.xdc`;
    const tty = await run("script", ["-qec", command, "/dev/null"], { cwd: dir });
    expect(tty.stdout).to.match(/\u001b\[[0-9;]*m/);
    const noColour = await run("script", ["-qec", command, "/dev/null"], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(noColour.stdout).to.contain("error[XDC1006]").and.not.to.match(/\u001b\[[0-9;]*m/);
    const piped = await xdc(["check", "bad.xdc"], { cwd: dir });
    expect(piped.stdout).not.to.match(/\u001b\[/);
  });

  it("colours a pipe with FORCE_COLOR or --color always, and never with --color never", async () => {
    const escape = /\u001b\[[0-9;]*m/;
    expect((await xdc(["check", "bad.xdc"], { cwd: dir, env: { FORCE_COLOR: "1" } })).stdout).to.match(escape);
    expect((await xdc(["check", "--color", "always", "bad.xdc"], { cwd: dir })).stdout).to.match(escape);
    // The flag outranks the environment.
    const never = await xdc(["check", "--color", "never", "bad.xdc"], { cwd: dir, env: { FORCE_COLOR: "1" } });
    expect(never.stdout).to.contain("error[XDC1006]").and.not.to.match(escape);
    expect((await xdc(["check", "bad.xdc"], { cwd: dir, env: { FORCE_COLOR: "0" } })).stdout).to.not.match(escape);
  });
});

describe("xdc output into a closed pipe", () => {
  it("exits quietly when the reader stops early (`xdc builtins | true`)", async () => {
    const { spawnSync } = await import("node:child_process");
    const r = spawnSync("bash", ["-c", "set -o pipefail; node bin/xdc.js builtins | true"], { encoding: "utf8" });
    expect(r.stderr).to.not.match(/EPIPE|Unhandled/);
    expect(r.status).to.equal(0);
  });
});
