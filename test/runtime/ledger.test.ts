import { expect } from "chai";
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FaultPlan } from "../../src/drivers/faults/types.js";
import { must } from "../helpers/must.js";
import { Ledger, outstandingFaults, readLedger } from "../../src/runtime/ledger.js";
import { lockLedger } from "../../src/runtime/ledger-lock.js";
import { checkNoOutstandingFaults } from "../../src/runtime/recover.js";

const plan = (id: string): FaultPlan => ({
  id,
  run: "r1",
  kind: "partition",
  summary: `partition ${id}`,
  hosts: { h: { name: "h", address: "127.0.0.9", port: 22, user: "root" } },
  apply: [{ via: "ssh", host: "h", line: "iptables -w -I INPUT 1 -s 10.0.0.1 -j DROP" }],
  verify: [],
  undo: [{ via: "ssh", host: "h", line: "iptables -w -D INPUT -s 10.0.0.1 -j DROP" }],
  verifyUndone: [],
});

describe("runtime: the ledger", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "xdc-ledger-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("appends one JSON line per record and finds the faults without an undone record", async () => {
    const path = join(dir, "sub", "ledger.jsonl");
    const ledger = must(await Ledger.open(path));
    await Promise.all([ledger.append({ type: "apply", at: 1, fault: plan("f1") }), ledger.append({ type: "apply", at: 2, fault: plan("f2") })]);
    await ledger.append({ type: "undone", at: 3, run: "r1", id: "f1", by: "run" });
    await ledger.append({ type: "undo-failed", at: 4, run: "r1", id: "f2", by: "run", problems: ["h unreachable"] });
    await ledger.close();
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines).to.have.length(5);
    expect(lines[4]).to.equal("");
    expect(JSON.parse(lines[2]!)).to.deep.equal({ type: "undone", at: 3, run: "r1", id: "f1", by: "run" });
    const state = must(await readLedger(path));
    expect(state.outstanding.map((f) => f.id)).to.deep.equal(["f2"]);
    expect(state.damaged).to.deep.equal([]);
  });

  it("a fault applied again after its undo is outstanding again", () => {
    const records = [
      { type: "apply", at: 1, fault: plan("f1") },
      { type: "undone", at: 2, run: "r1", id: "f1", by: "run" },
      { type: "apply", at: 3, fault: plan("f1") },
    ] as const;
    expect(outstandingFaults(records).map((f) => f.id)).to.deep.equal(["f1"]);
  });

  it("a missing ledger is an empty one", async () => {
    expect(must(await readLedger(join(dir, "none.jsonl")))).to.deep.equal({ records: [], outstanding: [], damaged: [] });
  });

  it("reads past a torn last line, and cuts it off before appending again", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: plan("f1") })}\n{"type":"apply","at":2,"fau`);
    expect(must(await readLedger(path)).damaged).to.deep.equal([{ line: 2, last: true }]);
    const ledger = must(await Ledger.open(path));
    await ledger.append({ type: "undone", at: 3, run: "r1", id: "f1", by: "recover" });
    await ledger.close();
    const state = must(await readLedger(path));
    expect(state.damaged).to.deep.equal([]);
    expect(state.records.map((r) => r.type)).to.deep.equal(["apply", "undone"]);
  });

  it("reports damage in the middle instead of ignoring it", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: plan("f1") })}\nnot json\n{"type":"nonsense"}\n`);
    expect(must(await readLedger(path)).damaged).to.deep.equal([{ line: 2, last: false }, { line: 3, last: false }]);
  });

  it("xdc exec's check: refuses while an earlier run's faults are outstanding, naming them", async () => {
    const path = join(dir, "ledger.jsonl");
    expect(await checkNoOutstandingFaults(path)).to.deep.equal({ ok: true, value: undefined });
    appendFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: plan("f1") })}\n`);
    const r = await checkNoOutstandingFaults(path);
    expect(!r.ok && r.error.code).to.equal("outstanding-faults");
    expect(!r.ok && r.error.message).to.equal(
      `an earlier run left 1 fault that may still be in effect (ledger ${path}):\n  r1/f1: partition f1\nrun \`xdc recover --ledger ${path}\` first, or start with --recover`,
    );
  });

  it("one process at a time: a live owner keeps the lock, a dead one loses it", async () => {
    const path = join(dir, "ledger.jsonl");
    const mine = must(await lockLedger(path));
    expect(readFileSync(`${path}.lock`, "utf8")).to.equal(`${process.pid}\n`);
    await mine.release();
    // A process that is alive (this test's child) holds it:
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      writeFileSync(`${path}.lock`, `${sleeper.pid}\n`);
      const refused = await lockLedger(path);
      expect(!refused.ok && refused.error.message).to.include(`in use by process ${sleeper.pid}`);
    } finally {
      sleeper.kill("SIGKILL");
      await new Promise((resolve) => sleeper.once("exit", resolve));
    }
    // ...and once it is dead, the lock is taken over.
    const taken = must(await lockLedger(path));
    expect(readFileSync(`${path}.lock`, "utf8")).to.equal(`${process.pid}\n`);
    await taken.release();
  });
});
