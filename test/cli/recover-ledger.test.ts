import { expect } from "chai";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runRecover } from "../../src/cli/recover-run.js";
import { readLedger } from "../../src/runtime/ledger.js";
import { checkNoOutstandingFaults } from "../../src/runtime/recover.js";
import { must } from "../helpers/must.js";
import { applyLine, deadPid, killPlan, line, partitionPlan } from "../support/ledger-fixture.js";

/**
 * `xdc recover` in-process on ledgers that never need the network: an embedded twin that is
 * gone, damaged lines, records of the wrong shape. No SSH key is available (HOME is empty, no
 * agent), so a recovery that tried to reach a host would exit 2.
 */
describe("cli: xdc recover on ledgers of gone twins and damaged ledgers", () => {
  let dir: string;
  let ledger: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xdc-recover-ledger-"));
    ledger = join(dir, "ledger.jsonl");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function recover(...flags: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runRecover({ ledger, hostKeyCheck: true, acceptDamaged: flags.includes("--accept-damaged") }, { HOME: dir }, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err };
  }

  it("closes the faults of an embedded twin killed with -9 as gone with it, without contacting anything, then has nothing to do", async () => {
    const pid = await deadPid();
    const stateDir = join(dir, "xdc-sim-left");
    const target = { kind: "embedded-twin", pid, stateDir, command: ["node", "bin/xdc.js", "sim", "--json"] } as const;
    writeFileSync(ledger, applyLine(partitionPlan("r1", "f1"), target) + applyLine(partitionPlan("r1", "f2"), target));
    expect(await recover()).to.deep.equal({
      code: 0,
      out: [
        `xdc recover: 2 faults still applied according to ${ledger}`,
        `  gone with the embedded twin: partition dc1 <-> dc2 on h (f2) (run r1, fault f2; its process (pid ${pid}) has exited)`,
        `  gone with the embedded twin: partition dc1 <-> dc2 on h (f1) (run r1, fault f1; its process (pid ${pid}) has exited)`,
        "xdc recover: done, nothing is left applied",
      ],
      err: [],
    });
    const undone = must(await readLedger(ledger)).records.filter((r) => r.type === "undone");
    expect(undone.map((r) => r.type === "undone" && r.note)).to.deep.equal([`gone with the embedded twin: its process (pid ${pid}) has exited`, `gone with the embedded twin: its process (pid ${pid}) has exited`]);
    expect(await recover()).to.deep.equal({ code: 0, out: [`xdc recover: nothing to do: the 2 faults recorded in ${ledger} are all undone`], err: [] });
    expect(await checkNoOutstandingFaults(ledger)).to.deep.equal({ ok: true, value: undefined });
  });

  describe("a twin that is still running", () => {
    let twin: ChildProcess;
    beforeEach(() => (twin = spawn("sleep", ["30"], { stdio: "ignore" })));
    afterEach(async () => {
      twin.kill("SIGKILL");
      await new Promise((done) => twin.once("exit", done));
    });

    it("is not taken for gone: its faults are undone the ordinary way", async () => {
      writeFileSync(ledger, applyLine(killPlan("r1", "f1"), { kind: "embedded-twin", pid: twin.pid!, stateDir: dir, command: ["sleep", "30"] }));
      expect(await recover()).to.deep.equal({
        code: 0,
        out: [`xdc recover: 1 fault still applied according to ${ledger}`, "  nothing to undo: kill PE 3 on h (f1) (run r1, fault f1)", "xdc recover: done, nothing is left applied"],
        err: [],
      });
    });
  });

  it("exits 3 on a damaged line, naming it, after undoing what it can read; --accept-damaged then lets runs start", async () => {
    writeFileSync(ledger, `${applyLine(killPlan("r1", "f1"))}{"type":"apply","at":2,"fault":{"id":"f2","run":"r1","hosts":null}}\n`);
    const damaged = `xdc recover: line 2 of the ledger ${ledger} cannot be read (line 2: \`fault.kind\` is missing), so a fault recorded there may still be in effect and xdc cannot undo it: check by hand what that line names, then run \`xdc recover --ledger ${ledger} --accept-damaged\``;
    expect(await recover()).to.deep.equal({
      code: 3,
      out: [`xdc recover: 1 fault still applied according to ${ledger}`, "  nothing to undo: kill PE 3 on h (f1) (run r1, fault f1)"],
      err: [damaged],
    });
    expect(await recover(), "the damage stays until accepted").to.deep.equal({ code: 3, out: [], err: [damaged] });
    expect((await checkNoOutstandingFaults(ledger)).ok).to.equal(false);
    expect(await recover("--accept-damaged")).to.deep.equal({
      code: 0,
      out: [`xdc recover: nothing to do: the 1 fault recorded in ${ledger} is all undone`],
      err: [`note: line 2 of ${ledger} accepted as damaged: it blocks no run any more`],
    });
    expect(await checkNoOutstandingFaults(ledger)).to.deep.equal({ ok: true, value: undefined });
    expect(await recover()).to.deep.equal({ code: 0, out: [`xdc recover: nothing to do: the 1 fault recorded in ${ledger} is all undone`], err: [] });
  });

  it("damage written after an acceptance blocks again", async () => {
    writeFileSync(ledger, "garbage\n");
    expect((await recover("--accept-damaged")).code).to.equal(0);
    appendFileSync(ledger, "more garbage\n");
    const r = await recover();
    expect(r.code).to.equal(3);
    expect(r.err).to.have.length(1);
    expect(r.err[0]).to.match(/^xdc recover: line 3 of the ledger .* cannot be read \(line 3: not JSON\)/);
  });

  it("a torn last line is a note, and exit 0 when nothing else is left", async () => {
    writeFileSync(ledger, `${applyLine(killPlan("r1", "f1"))}${line({ type: "undone", at: 2, run: "r1", id: "f1", by: "run" })}{"type":"apply","at":3,"fau`);
    expect(await recover()).to.deep.equal({
      code: 0,
      out: [`xdc recover: nothing to do: the 1 fault recorded in ${ledger} is all undone`],
      err: [`note: line 3 of ${ledger}, its last, is cut short (a write interrupted by a crash); it recorded nothing that had started`],
    });
    expect(readFileSync(ledger, "utf8").endsWith("fau"), "a read-only recovery leaves the file as it found it").to.equal(true);
  });

  for (const [name, fault] of [
    ["hosts: null", { ...partitionPlan("r1", "f1"), hosts: null }],
    ["undo: null", { ...partitionPlan("r1", "f1"), undo: null }],
  ] as const) {
    it(`a record with ${name} is one line and exit 3, not a crash`, async () => {
      writeFileSync(ledger, `${JSON.stringify({ type: "apply", at: 1, fault })}\n`);
      const r = await recover();
      expect(r.code).to.equal(3);
      expect(r.out).to.deep.equal([]);
      expect(r.err).to.have.length(1);
      expect(r.err[0]).to.include(`line 1 of the ledger ${ledger} cannot be read (line 1: \`fault.${name.split(":")[0]}\` is null`);
    });
  }
});
