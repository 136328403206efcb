import { expect } from "chai";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRecover } from "../../src/cli/recover-run.js";
import { checkNoOutstandingFaults } from "../../src/runtime/recover.js";
import { applyLine, killPlan } from "../support/ledger-fixture.js";
import { xdc } from "./spawn.js";

/** Every `xdc …` a message puts in backquotes, as argv (single quotes as a POSIX shell reads them). */
function commandsIn(message: string): string[][] {
  return [...message.matchAll(/`(xdc [^`]+)`/g)].map((m) => [...m[1]!.matchAll(/'([^']*)'|(\S+)/g)].map((w) => w[1] ?? w[2]!).slice(1));
}

/**
 * A message that tells a user to run a command must name one that exists and does what the
 * message promises: each is run as written, and afterwards `xdc exec` would start.
 */
describe("cli: the commands that ledger messages name work", function () {
  this.timeout(60_000);
  let dir: string;
  let ledger: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-message-commands-"));
    // A space in the path: the command must survive being pasted into a shell.
    mkdirSync(join(dir, "my runs"));
    ledger = join(dir, "my runs", "ledger.jsonl");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function runEach(message: string): Promise<void> {
    const commands = commandsIn(message);
    expect(commands, message).to.not.deep.equal([]);
    for (const argv of commands) {
      const r = await xdc(argv, { cwd: dir, env: { HOME: dir } });
      expect(r.stderr, argv.join(" ")).to.not.match(/unknown option|unknown command|too many arguments|internal error/);
      expect(r.code, `${argv.join(" ")}\n${r.stderr}`).to.equal(0);
    }
    expect(await checkNoOutstandingFaults(ledger)).to.deep.equal({ ok: true, value: undefined });
  }

  it("exec's message about an earlier run's faults", async () => {
    writeFileSync(ledger, applyLine(killPlan("r1", "f1")));
    const r = await checkNoOutstandingFaults(ledger);
    if (r.ok) throw new Error("the ledger should hold an outstanding fault");
    expect(r.error.message.match(/`xdc /g), "names the command once").to.have.length(1);
    await runEach(r.error.message);
  });

  it("exec's message about a damaged ledger", async () => {
    writeFileSync(ledger, `${applyLine(killPlan("r1", "f1"))}{"type":"apply","fault":7}\n`);
    const r = await checkNoOutstandingFaults(ledger);
    if (r.ok) throw new Error("the ledger is damaged");
    await runEach(r.error.message);
  });

  it("recover's message about a damaged ledger", async () => {
    writeFileSync(ledger, "{not json\n");
    const err: string[] = [];
    expect(await runRecover({ ledger, hostKeyCheck: true }, { HOME: dir }, { out: () => undefined, err: (l) => err.push(l) })).to.equal(3);
    await runEach(err.join("\n"));
  });
});
