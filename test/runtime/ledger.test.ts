import { expect } from "chai";
import { spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FaultPlan } from "../../src/drivers/faults/types.js";
import { must } from "../helpers/must.js";
import { Ledger, outstandingFaults, readLedger } from "../../src/runtime/ledger.js";
import { lockLedger } from "../../src/runtime/ledger-lock.js";
import { processStart } from "../../src/runtime/process-start.js";
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
    expect(must(await readLedger(join(dir, "none.jsonl")))).to.deep.equal({ records: [], outstanding: [], targets: {}, damaged: [] });
  });

  it("reads past a torn last line, and cuts it off before appending again", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: plan("f1") })}\n{"type":"apply","at":2,"fau`);
    expect(must(await readLedger(path)).damaged).to.deep.equal([{ line: 2, last: true, problem: "not JSON" }]);
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
    expect(must(await readLedger(path)).damaged).to.deep.equal([
      { line: 2, last: false, problem: "not JSON" },
      { line: 3, last: false, problem: '`type` is "nonsense", not one of apply, undone, undo-failed, damage-accepted' },
    ]);
  });

  // Each row: a record as xdc wrote it, broken in one place, and how the damage is named.
  const broken: readonly [string, (r: Record<string, unknown>) => unknown, string][] = [
    ["hosts null", (r) => ({ ...r, fault: { ...(r["fault"] as object), hosts: null } }), "`fault.hosts` is null, not an object"],
    ["undo null", (r) => ({ ...r, fault: { ...(r["fault"] as object), undo: null } }), "`fault.undo` is null, not a list"],
    ["a host's port a string", (r) => ({ ...r, fault: { ...(r["fault"] as object), hosts: { h: { name: "h", address: "127.0.0.9", port: "22", user: "root" } } } }), "`fault.hosts.h.port` is a string, not a whole number"],
    ["an undo step without its line", (r) => ({ ...r, fault: { ...(r["fault"] as object), undo: [{ via: "ssh", host: "h" }] } }), "`fault.undo[0].line` is missing"],
    ["a check whose pattern is no regular expression", (r) => ({ ...r, fault: { ...(r["fault"] as object), verifyUndone: [{ what: "w", probe: { via: "ssh", host: "h", line: "x" }, expect: { exit: [0], pattern: "(", min: 0, max: 0 } }] } }), "`fault.verifyUndone[0].expect.pattern` is not a regular expression"],
    ["an unknown REST call", (r) => ({ ...r, fault: { ...(r["fault"] as object), undo: [{ via: "api", dc: "dc1", call: { op: "reboot" } }] } }), '`fault.undo[0].call.op` is "reboot", not one of cancelJob, submitJob, jobNamed, stopPe, restartPe, stopInstance, startInstance, jobStatus, peStatus, instanceStatus'],
    ["an undo step on a host the plan does not say how to reach", (r) => ({ ...r, fault: { ...(r["fault"] as object), undo: [{ via: "ssh", host: "", line: "true" }] } }), '`fault.undo[0].host` names "", which `fault.hosts` does not list'],
    ["a check through a datacenter the plan has no API for", (r) => ({ ...r, fault: { ...(r["fault"] as object), verifyUndone: [{ what: "w", probe: { via: "api", dc: "dc9", call: { op: "instanceStatus" } }, expect: { exit: [0], pattern: "x", min: 0, max: 0 } }] } }), '`fault.verifyUndone[0].probe.dc` names "dc9", which `fault.apis` does not list'],
    ["a twin with pid 0", (r) => ({ ...r, target: { kind: "embedded-twin", pid: 0, stateDir: "/tmp/x", command: [] } }), "`target.pid` is not a process id"],
  ];
  for (const [name, breakIt, problem] of broken) {
    it(`names what is wrong with a record: ${name}`, async () => {
      const path = join(dir, "ledger.jsonl");
      const good = JSON.parse(JSON.stringify({ type: "apply", at: 1, fault: plan("f1") })) as Record<string, unknown>;
      writeFileSync(path, `${JSON.stringify(good)}\n${JSON.stringify(breakIt(good))}\n`);
      const state = must(await readLedger(path));
      expect(state.damaged).to.deep.equal([{ line: 2, last: false, problem }]);
      expect(state.records).to.have.length(1);
    });
  }

  it("a last line that is JSON but not a record is damage, not a torn write", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: { ...plan("f1"), hosts: null } })}`);
    expect(must(await readLedger(path)).damaged).to.deep.equal([{ line: 1, last: false, problem: "`fault.hosts` is null, not an object" }]);
  });

  it("keeps a whole record that lost only its newline, instead of cutting it off", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, JSON.stringify({ type: "apply", at: 1, fault: plan("f1") }));
    const ledger = must(await Ledger.open(path));
    await ledger.append({ type: "apply", at: 2, fault: plan("f2") });
    await ledger.close();
    expect(must(await readLedger(path)).outstanding.map((f) => f.id)).to.deep.equal(["f1", "f2"]);
  });

  it("an acceptance covers the damaged lines before it, not damage written after it", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, `not json\n${JSON.stringify({ type: "damage-accepted", at: 2, lines: [1, 3], by: "recover" })}\nalso not json\n`);
    expect(must(await readLedger(path)).damaged).to.deep.equal([{ line: 3, last: false, problem: "not JSON" }]);
  });

  it("remembers what each fault was applied to, while it is outstanding", async () => {
    const path = join(dir, "ledger.jsonl");
    const target = { kind: "embedded-twin", pid: 4242, stateDir: "/tmp/xdc-sim-x", command: ["node", "xdc.js", "sim"] } as const;
    const ledger = must(await Ledger.open(path));
    await ledger.append({ type: "apply", at: 1, fault: plan("f1"), target });
    await ledger.append({ type: "apply", at: 2, fault: plan("f2") });
    await ledger.close();
    expect(must(await readLedger(path)).targets).to.deep.equal({ "r1/f1": target });
  });

  it("xdc exec's check: refuses a ledger with a damaged line, naming it and the command that gets past it", async () => {
    const path = join(dir, "ledger.jsonl");
    writeFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: { ...plan("f1"), hosts: null } })}\n`);
    const r = await checkNoOutstandingFaults(path);
    expect(!r.ok && r.error.code).to.equal("damaged-ledger");
    expect(!r.ok && r.error.message).to.equal(
      `line 1 of the ledger ${path} cannot be read (line 1: \`fault.hosts\` is null, not an object), so a fault recorded there may still be in effect and xdc cannot undo it: check by hand what that line names, then run \`xdc recover --ledger ${path} --accept-damaged\``,
    );
  });

  it("xdc exec's check: refuses while an earlier run's faults are outstanding, naming them", async () => {
    const path = join(dir, "ledger.jsonl");
    expect(await checkNoOutstandingFaults(path)).to.deep.equal({ ok: true, value: undefined });
    appendFileSync(path, `${JSON.stringify({ type: "apply", at: 1, fault: plan("f1") })}\n`);
    const r = await checkNoOutstandingFaults(path);
    expect(!r.ok && r.error.code).to.equal("outstanding-faults");
    expect(!r.ok && r.error.message).to.equal(
      `an earlier run left 1 fault that may still be in effect (ledger ${path}):\n  r1/f1: partition f1\nrun \`xdc recover --ledger ${path}\` first`,
    );
  });

  const started = async (pid: number): Promise<string> => {
    const start = await processStart(pid);
    if (start === undefined) throw new Error(`/proc tells no start time for ${pid}`);
    return start;
  };

  it("one process at a time: a live owner keeps the lock, a dead one loses it", async () => {
    const path = join(dir, "ledger.jsonl");
    const mine = must(await lockLedger(path));
    const own = `${process.pid} ${await started(process.pid)}\n`;
    expect(readFileSync(`${path}.lock`, "utf8")).to.equal(own);
    await mine.release();
    // A process that is alive (this test's child) holds it, whether its lock names its start or not:
    const sleeper = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      for (const held of [`${sleeper.pid}\n`, `${sleeper.pid} ${await started(sleeper.pid!)}\n`]) {
        writeFileSync(`${path}.lock`, held);
        const refused = await lockLedger(path);
        expect(!refused.ok && refused.error.message, held).to.include(`in use by process ${sleeper.pid}`);
      }
      // ...but a lock whose pid now names a process that started at another time is a dead run's.
      writeFileSync(`${path}.lock`, `${sleeper.pid} 1\n`);
      const reused = must(await lockLedger(path));
      expect(readFileSync(`${path}.lock`, "utf8")).to.equal(own);
      await reused.release();
    } finally {
      sleeper.kill("SIGKILL");
      await new Promise((resolve) => sleeper.once("exit", resolve));
    }
    // ...and once it is dead, the lock is taken over.
    writeFileSync(`${path}.lock`, `${sleeper.pid}\n`);
    const taken = must(await lockLedger(path));
    expect(readFileSync(`${path}.lock`, "utf8")).to.equal(own);
    await taken.release();
  });
});
