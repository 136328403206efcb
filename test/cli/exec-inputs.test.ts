import { expect } from "chai";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encodeString } from "../../src/language/literals.js";
import type { JournalEvent } from "../../src/runtime/journal/events.js";
import { unprivileged, xdc, type Run, letOthersReach } from "./spawn.js";

/** The smallest scenario exec runs: the twin, a log line, one expectation; a few seconds. */
const tiny = (name: string, message: string, expectation = "1 <= 2") => `scenario ${encodeString(name)} {
  environment: sim
  timeout: 1m
  run {
    log(${encodeString(message)})
  }
  verify {
    expect ${expectation}
  }
}
`;

const journal = (dir: string): JournalEvent[] =>
  readFileSync(join(dir, "out", "journal.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as JournalEvent);

const lines = (text: string) => text.split("\n").filter((l) => l !== "");

describe("xdc exec: what it is given", function () {
  this.timeout(120_000);
  let dir: string;
  const path = (...parts: string[]) => join(dir, ...parts);
  const exec = (args: readonly string[], user = unprivileged()): Promise<Run> =>
    xdc(["exec", ...args, "--out", path("out"), "--ledger", path("state", "ledger.jsonl")], { cwd: dir, ...(args.includes("unreadable.xdc") && user ? { user, env: { HOME: dir } } : {}) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-exec-inputs-"));
    // the unreadable-file case runs the CLI as another user, who must be able to enter and write here
    chmodSync(dir, 0o777);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("runs every scenario of a directory, files in name order, as check reads them", async () => {
    mkdirSync(path("suite", "nested"), { recursive: true });
    writeFileSync(path("suite", "b.xdc"), tiny("second", "from b"));
    writeFileSync(path("suite", "a.xdc"), tiny("first", "from a"));
    writeFileSync(path("suite", "nested", "c.xdc"), tiny("third", "from c"));
    writeFileSync(path("suite", "notes.txt"), "not a scenario");
    const run = await exec(["suite"]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    const events = journal(dir);
    const start = events.find((e) => e.kind === "run.start");
    expect(start).to.deep.include({ files: [join("suite", "a.xdc"), join("suite", "b.xdc"), join("suite", "nested", "c.xdc")] });
    const ends = events.filter((e): e is Extract<JournalEvent, { kind: "scenario.end" }> => e.kind === "scenario.end");
    expect(ends.map((e) => `${e.scenario}:${e.verdict}`)).to.deep.equal(["first:pass", "second:pass", "third:pass"]);
    expect(run.stdout.indexOf('scenario "first"')).to.be.below(run.stdout.indexOf('scenario "second"'));
  });

  for (const [what, text] of [
    ["an empty file", ""],
    ["a file with only comments", "// nothing to run yet\n/* a block comment */\n"],
  ] as const) {
    it(`exits 4 on ${what}: nothing judged is not a pass; one line says so and the JUnit file says why`, async () => {
      writeFileSync(path("none.xdc"), text);
      const run = await exec(["none.xdc"]);
      expect(run.code, run.stdout + run.stderr).to.equal(4);
      expect(run.stderr).to.equal("xdc exec: no scenario to run: none.xdc has none\n");
      const junit = readFileSync(path("out", "junit.xml"), "utf8");
      expect(junit).to.not.include("<testcase");
      expect(junit).to.match(/<testsuite name="none\.xdc"[^>]* tests="0"/);
      expect(junit).to.include('<property name="reason" value="no scenario to run: none.xdc has none"/>');
      expect(JSON.parse(readFileSync(path("out", "summary.json"), "utf8"))).to.include({ verdict: "no-data", exitCode: 4 });
      // nothing started: the journal holds the run's frame and nothing else
      expect(journal(dir).map((e) => e.kind)).to.deep.equal(["run.start", "run.end"]);
      expect(journal(dir).at(-1)).to.deep.include({ exitCode: 4, reason: "no scenario to run: none.xdc has none" });
    });
  }

  it("refuses --out naming an existing file before anything starts: exit 2, one line, the file untouched", async () => {
    writeFileSync(path("s.xdc"), tiny("never", "never"));
    writeFileSync(path("out"), "someone's file\n");
    const run = await exec(["s.xdc"]);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.equal(`xdc exec: --out: ${path("out")} exists and is not a directory\n`);
    expect(run.stdout).to.equal("");
    expect(readFileSync(path("out"), "utf8")).to.equal("someone's file\n");
    // the ledger's directory is made after --out is accepted: it is not there, nor is a lock
    expect(existsSync(path("state"))).to.equal(false);
  });

  it("refuses a file it cannot read (run as a user who may not): exit 2, one line", async function () {
    const user = unprivileged();
    const restore = user !== undefined ? letOthersReach() : () => {};
    try {
      if (user !== undefined && (await xdc(["--version"], { cwd: dir, user, env: { HOME: dir } })).code !== 0) {
        // The CLI must be readable by nobody (65534) for this to mean anything: letOthersReach opens the way
        // into a private checkout, so this skips only where the checkout's own files are unreadable.
        console.warn("    skipped: user 65534 cannot run this checkout's xdc");
        this.skip();
      }
      writeFileSync(path("unreadable.xdc"), tiny("secret", "secret"));
      chmodSync(path("unreadable.xdc"), 0o000);
      const run = await exec(["unreadable.xdc"]);
      expect(run.code, run.stderr).to.equal(2);
      expect(run.stderr).to.equal("xdc exec: unreadable.xdc: cannot read it (EACCES)\n");
      expect(existsSync(path("out"))).to.equal(false);
    } finally {
      restore();
    }
  });

  it("shows a scenario's control characters escaped, exactly as plan shows them, and keeps them raw in the journal", async () => {
    const name = "cursor \u001b[1A\u001b[2K up \u009b2J bell \u0007 \u202e";
    const message = "red \u001b[31m text \r\n new line";
    const orElse = "gone \u001b[1A\u001b[2K";
    // the file spells them as escapes; the values hold the characters themselves
    writeFileSync(path("ctl.xdc"), tiny(name, message, `1 <= 0 else ${encodeString(orElse)}`));
    const run = await exec(["ctl.xdc"]);
    expect(run.code, run.stdout + run.stderr).to.equal(1);
    // no character of the C0 and C1 ranges (but the newlines between lines) reaches the terminal
    expect(run.stdout).to.not.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    const shown = 'cursor \\u{1b}[1A\\u{1b}[2K up \\u{9b}2J bell \\u{7} \\u{202e}';
    expect(run.stdout).to.include(`scenario "${shown}" (ctl.xdc)`);
    expect(run.stdout).to.include("log: red \\u{1b}[31m text \\r\\n new line");
    expect(run.stdout).to.include("(gone \\u{1b}[1A\\u{1b}[2K)");
    expect(lines(run.stdout).some((l) => l.includes("FAIL") && l.includes(shown))).to.equal(true);
    // plan prints the same scenario text the same way
    const plan = await xdc(["plan", "ctl.xdc"], { cwd: dir });
    expect(plan.code).to.equal(0);
    expect(plan.stdout).to.include(`scenario "${shown}" (environment sim)`);
    expect(plan.stdout).to.include('log "red \\u{1b}[31m text \\r\\n new line"');
    // the journal keeps what the scenario said
    const events = journal(dir);
    expect(events.find((e) => e.kind === "scenario.start")!.scenario).to.equal(name);
    expect(events.some((e) => e.kind === "log" && e.message === message)).to.equal(true);
    expect(events.some((e) => e.kind === "expect" && e.message === orElse)).to.equal(true);
  });
});
