import { expect } from "chai";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unprivileged, xdc, type Run, letOthersReach } from "./spawn.js";

const MANIFEST = fileURLToPath(new URL("../../examples/apps/FailoverDemo.json", import.meta.url));

/** The kinds of wrong input a user gives by mistake, each a path in the test's directory. */
type Bad = "directory" | "missing" | "plain file" | "unreadable" | "garbage";

/**
 * Each command with each wrong input it can be given, `X` standing for it. Cases whose input
 * would be accepted and start a run or the twin (a missing --out is simply made) are left out.
 */
const CASES: readonly { readonly args: readonly string[]; readonly bad: readonly Bad[] }[] = [
  { args: ["check", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["fmt", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["fmt", "--check", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["fmt", "--write", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["plan", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["plan", "--env", "X", "ok.xdc"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["exec", "X", "--out", "run", "--ledger", "run/ledger.jsonl"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["exec", "ok.xdc", "--env", "X", "--out", "run", "--ledger", "run/ledger.jsonl"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["exec", "ok.xdc", "--out", "X", "--ledger", "run/ledger.jsonl"], bad: ["plain file", "unreadable", "garbage"] },
  { args: ["exec", "ok.xdc", "--out", "X/sub", "--ledger", "run/ledger.jsonl"], bad: ["plain file", "garbage"] },
  { args: ["exec", "ok.xdc", "--out", "run", "--ledger", "X"], bad: ["directory"] },
  { args: ["exec", "ok.xdc", "--out", "run", "--ledger", "X/ledger.jsonl"], bad: ["plain file", "garbage"] },
  { args: ["report", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["recover", "--ledger", "X"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["bundle", "X", "-o", "out.sab"], bad: ["directory", "missing", "plain file", "unreadable", "garbage"] },
  { args: ["bundle", "manifest.json", "-o", "X"], bad: ["directory"] },
  { args: ["builtins", "X"], bad: ["directory", "missing", "garbage"] },
  { args: ["sim", "--state-dir", "X", "--hosts", "1"], bad: ["plain file", "garbage"] },
  { args: ["sim", "--env-out", "X", "--hosts", "1"], bad: ["directory"] },
];

const DOCUMENTED = [0, 1, 2, 3, 4];

describe("bad input never crashes a command: one clear message, a documented exit code", function () {
  this.timeout(300_000);
  let dir: string;
  const user = unprivileged();
  const paths: Record<Bad, string> = { directory: "a-dir", missing: "missing.xdc", "plain file": "notes.txt", unreadable: "unreadable.xdc", garbage: "garbage.xdc" };

  let restore = () => {};
  before(async function () {
    if (user !== undefined) restore = letOthersReach();
    dir = mkdtempSync(join(tmpdir(), "xdc-bad-inputs-"));
    // the CLI runs as another user when the tests run as root (who reads every file): it must enter and write here
    chmodSync(dir, 0o777);
    mkdirSync(join(dir, "a-dir"));
    writeFileSync(join(dir, "notes.txt"), "just some notes\n");
    writeFileSync(join(dir, "unreadable.xdc"), 'scenario "hidden" {\n}\n');
    chmodSync(join(dir, "unreadable.xdc"), 0o000);
    // bytes no text encoding makes sense of: NULs, invalid UTF-8, ESC sequences, CR without LF
    writeFileSync(join(dir, "garbage.xdc"), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + (i >> 3) * 31) % 256)));
    writeFileSync(join(dir, "ok.xdc"), 'scenario "fine" {\n  environment: sim\n  timeout: 1m\n  run {\n    log("fine")\n  }\n}\n');
    copyFileSync(MANIFEST, join(dir, "manifest.json"));
    if (user !== undefined && (await xdc(["--version"], { cwd: dir, user, env: { HOME: dir } })).code !== 0) {
      console.warn("    skipped: user 65534 cannot run this checkout's xdc");
      this.skip();
    }
  });
  after(() => {
    restore();
    rmSync(dir, { recursive: true, force: true });
  });

  const runs = CASES.flatMap(({ args, bad }) => bad.map((b) => ({ bad: b, args })));
  it(`${runs.length} runs: no "internal error", no stack frame, an exit code from the documented set, and a message when refused`, async () => {
    const results: { what: string; run: Run }[] = [];
    const queue = [...runs];
    // three at a time: the suite shares two cores with the rest of CI
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
          const args = next.args.map((a) => a.replace("X", paths[next!.bad]));
          const run = await xdc(args, { cwd: dir, timeoutMs: 60_000, env: { HOME: dir }, ...(user ? { user } : {}) });
          results.push({ what: `xdc ${args.join(" ")} (${next.bad})`, run });
        }
      }),
    );
    const wrong = results.flatMap(({ what, run }) => {
      const problems: string[] = [];
      if (/internal error/.test(run.stderr)) problems.push("says internal error");
      if (/^\s+at /m.test(run.stderr + run.stdout)) problems.push("prints a stack frame");
      if (run.code === null || !DOCUMENTED.includes(run.code)) problems.push(`exits ${String(run.code)}`);
      if ((run.code === 2 || run.code === 3) && run.stderr.trim() === "") problems.push(`exits ${run.code} without a word`);
      return problems.length === 0 ? [] : [`${what}: ${problems.join(", ")}\n${run.stderr}`];
    });
    expect(wrong, wrong.join("\n")).to.deep.equal([]);
    expect(results).to.have.length(runs.length);
  });
});
