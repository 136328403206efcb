import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCheck, type Analysis } from "../../src/cli/check-run.js";
import type { Io } from "../../src/cli/io.js";
import { diagnostic } from "../../src/language/diagnostics.js";
import { span } from "../../src/language/span.js";

/** An Io that records what a command prints. */
const memory = (stdin = "") => {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => stdin };
  return { io, out: () => out.join(""), err: () => err.join("") };
};

const at = { offset: 0, line: 1, column: 1 };
const to = { offset: 5, line: 1, column: 6 };

/**
 * Each file gets one warning; every file that imports reports the same error in a shared
 * module that is not an input, which the analysis reads the way the checker's host reads
 * the standard library.
 */
const analysis: Analysis = {
  analyze: (_text, path) => ({
    value: undefined,
    diagnostics: [
      diagnostic("XDC2010", span(path, at, to), "`x` is never used", { severity: "warning" }),
      ...(path.includes("imports") ? [diagnostic("XDC1001", span("std:shared.xdc", at, to), "unexpected `oops`", { labels: [{ span: span(path, at, to), message: "imported here" }] })] : []),
    ],
  }),
  read: (path) => (path === "std:shared.xdc" ? "oops\n" : undefined),
};

describe("runCheck", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-run-"));
    writeFileSync(join(dir, "one.xdc"), "let x = 1\n");
    writeFileSync(join(dir, "two.xdc"), "let x = 2\n");
    writeFileSync(join(dir, "imports-a.xdc"), "let x = 3\n");
    writeFileSync(join(dir, "imports-b.xdc"), "let x = 4\n");
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const paths = (...names: string[]) => names.map((n) => join(dir, n));

  it("passes warnings unless there are more than --max-warnings", async () => {
    const options = { paths: paths("one.xdc", "two.xdc"), format: "short" as const, colour: false };
    expect(await runCheck(options, memory().io, analysis)).to.equal(0);
    expect(await runCheck({ ...options, maxWarnings: 2 }, memory().io, analysis)).to.equal(0);
    const over = memory();
    expect(await runCheck({ ...options, maxWarnings: 1 }, over.io, analysis)).to.equal(1);
    expect(over.err()).to.equal("xdc check: 2 warnings, more than --max-warnings 1\n");
  });

  it("reports a problem in an imported file once, with that file's source", async () => {
    const m = memory();
    const code = await runCheck({ paths: paths("imports-a.xdc", "imports-b.xdc"), format: "human", colour: false }, m.io, analysis);
    expect(code).to.equal(1);
    expect(m.out().match(/unexpected `oops`/g)).to.have.length(1);
    expect(m.out()).to.contain("1 | oops\n  | ^^^^^\n");
  });

  it("colours only the human format", async () => {
    const human = memory();
    await runCheck({ paths: paths("one.xdc"), format: "human", colour: true }, human.io, analysis);
    expect(human.out()).to.match(/\u001b\[/);
    const short = memory();
    await runCheck({ paths: paths("one.xdc"), format: "short", colour: true }, short.io, analysis);
    expect(short.out()).not.to.match(/\u001b\[/);
  });
});
