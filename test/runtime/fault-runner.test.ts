import { expect } from "chai";
import type { ApiEndpoint } from "../../src/drivers/faults/types.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cancelJob, stopPe, type ApiFaultPort } from "../../src/drivers/api-faults/index.js";
import type { ApiCall, FaultPlan } from "../../src/drivers/faults/types.js";
import { partition } from "../../src/drivers/network/index.js";
import { type ExecResult, type RemoteShell, type SshError, type SshTarget } from "../../src/drivers/ssh/types.js";
import { err, ok, type Result } from "../../src/drivers/result.js";
import { must } from "../helpers/must.js";
import { VirtualClock } from "../../src/runtime/clock.js";
import { FaultRunner } from "../../src/runtime/fault-runner.js";
import { Ledger, readLedger } from "../../src/runtime/ledger.js";
import { faultHost } from "../drivers/fault-hosts.js";

const done = (stdout = "", exitCode = 0, stderr = ""): Result<ExecResult, SshError> => ok({ exitCode, signal: null, stdout, stderr });

/** A host whose iptables keeps a rule count: enough to see what the runner asks and when. */
class FakeHost implements RemoteShell {
  rules = 0;
  readonly lines: string[] = [];
  failInsert = false;
  gate: Promise<void> | undefined;
  /** Runs before each command is answered. */
  before: (() => Promise<void>) | undefined;
  async exec(_t: SshTarget, line: string): Promise<Result<ExecResult, SshError>> {
    this.lines.push(line);
    await this.gate;
    await this.before?.();
    if (line.endsWith("iptables -w -S")) return done(Array.from({ length: this.rules }, () => '-A INPUT -m comment --comment "xdc.r1.f1" -j DROP\n').join(""));
    if (line.includes(" -I ")) {
      if (this.failInsert) return done("", 4, "iptables: Permission denied\n");
      this.rules += line.split(" && ").length;
      return done();
    }
    if (line.includes(" -D ")) {
      this.rules = 0;
      return done();
    }
    return done("", 127, "unknown\n");
  }
}

const EP: ApiEndpoint = { url: "https://dc1.example:8443/streams/rest", user: "streamsadmin", passwordEnv: "DC1_STREAMS_PASSWORD" };

describe("runtime: the fault runner", () => {
  let dir: string;
  let ledger: Ledger;
  const host = faultHost("h1", "10.0.0.1");
  const plan = () => must(partition({ run: "r1", id: "f1", hosts: [host], peers: ["10.0.0.2"], keep: [], label: "a <-> b" }));
  const runner = (shell: RemoteShell, api?: ApiFaultPort) => new FaultRunner({ shell, ...(api ? { api } : {}), ledger, clock: new VirtualClock({ auto: true }), by: "run", verifyTimeoutMs: 30, verifyIntervalMs: 10 });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "xdc-runner-"));
    ledger = must(await Ledger.open(join(dir, "ledger.jsonl")));
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const types = async () => must(await readLedger(join(dir, "ledger.jsonl"))).records.map((r) => r.type);

  it("records the plan before its first command, and the undo after its check", async () => {
    const fake = new FakeHost();
    const r = runner(fake);
    const seen: string[] = [];
    fake.before = async () => {
      if (seen.length === 0) seen.push(...(await types()));
    };
    must(await r.apply(plan()));
    expect(seen).to.deep.equal(["apply"]);
    expect(r.outstanding().map((p) => p.id)).to.deep.equal(["f1"]);
    expect(await r.undo(plan())).to.deep.include({ status: "undone" });
    expect(await types()).to.deep.equal(["apply", "undone"]);
    expect(r.outstanding()).to.deep.equal([]);
  });

  it("an apply that fails is undone at once, and says why", async () => {
    const fake = new FakeHost();
    fake.failInsert = true;
    const r = await runner(fake).apply(plan());
    expect(!r.ok && r.error).to.deep.include({ code: "apply-failed" });
    expect(!r.ok && r.error.message).to.include("exited 4: iptables: Permission denied");
    expect(!r.ok && r.error.undo?.status).to.equal("undone");
    expect(await types()).to.deep.equal(["apply", "undone"]);
  });

  it("an apply whose check never passes is undone, and a check that cannot pass after the undo is a loud failure", async () => {
    const fake = new FakeHost();
    const stuck: RemoteShell = { exec: (t, line) => (line.endsWith("-S") ? Promise.resolve(done("")) : fake.exec(t, line)) };
    const r = await runner(stuck).apply(plan());
    expect(!r.ok && r.error.code).to.equal("verify-failed");
    expect(!r.ok && r.error.message).to.equal("applied but not in effect: h1 lists 2 rules tagged xdc.r1.f1: found 0 where 2 should be");
    const sticky: RemoteShell = { exec: (_t, line) => Promise.resolve(line.endsWith("-S") ? done('-A INPUT -m comment --comment "xdc.r1.f1" -j DROP\n') : done()) };
    const report = await runner(sticky).undo(plan());
    expect(report.status).to.equal("failed");
    expect(report.problems).to.deep.equal(["h1 lists no rule tagged xdc.r1.f1: found 1 where 0 should be"]);
    expect(report.manual).to.deep.equal([
      "ssh streams@10.0.0.1 'sudo -n iptables -w -D INPUT -s 10.0.0.2 -m comment --comment xdc.r1.f1 -j DROP ; sudo -n iptables -w -D OUTPUT -d 10.0.0.2 -m comment --comment xdc.r1.f1 -j DROP'",
    ]);
    expect((await types()).slice(-1)).to.deep.equal(["undo-failed"]);
  });

  it("a listing that fails never reads as 'nothing left'", async () => {
    const denied: RemoteShell = { exec: (_t, line) => Promise.resolve(line.endsWith("-S") ? done("", 1, "sudo: a password is required\n") : done()) };
    const report = await runner(denied).undo(plan());
    expect(report.status).to.equal("failed");
    expect(report.problems).to.deep.equal(["h1 lists no rule tagged xdc.r1.f1: the probe exited 1: sudo: a password is required"]);
  });

  it("undoAll lets an apply under way finish first, then refuses new ones", async () => {
    const fake = new FakeHost();
    let open: () => void = () => undefined;
    fake.gate = new Promise((resolve) => (open = resolve));
    const r = runner(fake);
    const applying = r.apply(plan());
    await new Promise((resolve) => setImmediate(resolve));
    const cleaning = r.undoAll();
    open();
    expect((await applying).ok).to.equal(true);
    expect((await cleaning).map((u) => u.status)).to.deep.equal(["undone"]);
    expect(fake.rules).to.equal(0);
    const late = await r.apply(plan());
    expect(!late.ok && late.error.message).to.equal("not applied: xdc is undoing its faults and stopping");
  });

  describe("API faults", () => {
    /** A datacenter whose REST API keeps one job and one PE. */
    const api = () => {
      const state = { job: "running", pe: "running", calls: [] as string[] };
      const port: ApiFaultPort = {
        call: async (dc: string, c: ApiCall) => {
          state.calls.push(`${dc} ${c.op}`);
          switch (c.op) {
            case "cancelJob":
              state.job = "absent";
              return ok("done");
            case "jobStatus":
              return ok(state.job);
            case "stopPe":
              state.pe = "stopped";
              return ok("done");
            case "restartPe":
              state.pe = "running";
              return ok("done");
            case "peStatus":
              return ok(state.pe);
            default:
              return err({ dc, message: `${c.op} is not supported here` });
          }
        },
      };
      return { state, port };
    };

    it("cancel_job: applied and checked through the REST port; nothing to undo", async () => {
      const { state, port } = api();
      const p: FaultPlan = must(cancelJob({ run: "r1", id: "f7", dc: "dc1", jobId: "3", endpoint: EP }));
      must(await runner(new FakeHost(), port).apply(p));
      expect(state.calls).to.deep.equal(["dc1 cancelJob", "dc1 jobStatus"]);
      expect(await types()).to.deep.equal(["apply", "undone"]);
    });

    it("stop_pe: stopped, then restarted by the undo", async () => {
      const { state, port } = api();
      const r = runner(new FakeHost(), port);
      const p = must(stopPe({ run: "r1", id: "f8", dc: "dc2", peId: "12", endpoint: EP }));
      must(await r.apply(p));
      expect(state.pe).to.equal("stopped");
      expect((await r.undo(p)).status).to.equal("undone");
      expect(state.pe).to.equal("running");
    });

    it("without a REST driver, an API fault's undo fails loudly and says what to do", async () => {
      const report = await runner(new FakeHost()).undo(must(stopPe({ run: "r1", id: "f8", dc: "dc2", peId: "12", endpoint: EP })));
      expect(report.status).to.equal("failed");
      expect(report.manual).to.deep.equal(["through the REST API: restartPe peId=12 on dc2"]);
    });
  });
});
