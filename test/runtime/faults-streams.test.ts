import { expect } from "chai";
import { join } from "node:path";
import { cancelJob, connectFaultApis, stopInstance, stopPe, streamsFaultPort } from "../../src/drivers/api-faults/index.js";
import type { ApiEndpoint } from "../../src/drivers/faults/types.js";
import { killPes, locatePes, pausePes } from "../../src/drivers/process/index.js";
import type { StreamsApi } from "../../src/drivers/streams/index.js";
import { realClock } from "../../src/runtime/clock.js";
import { FaultRunner } from "../../src/runtime/fault-runner.js";
import { Ledger, readLedger } from "../../src/runtime/ledger.js";
import { recover } from "../../src/runtime/recover.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { PeProcessTable } from "../../src/sim/dc/process-table.js";
import { connectTwin, PASSWORD, startDriverTwin, testContext, USER, value, type DriverTwin } from "../drivers/helpers.js";
import { must } from "../helpers/must.js";
import { startTwinWith, type Twin } from "../helpers/twin.js";
import { demoManifest } from "../sim/fixtures.js";

const clock = realClock();

/**
 * Faults on a Streams application, end to end: a twin instance behind its REST API, and its
 * hosts behind real SSH servers whose processes are that instance's PEs. Process faults find
 * a PE's host and pid through the REST driver; API faults go through it.
 */
describe("faults on a Streams job: PEs found through REST, API faults through REST", function () {
  let t: DriverTwin;
  let api: StreamsApi;
  let twin: Twin<PeProcessTable>;
  let jobId: string;
  let ledger: Ledger;
  let ledgerPath: string;
  let runner: FaultRunner;
  let n = 0;

  before(async () => {
    t = await startDriverTwin();
    api = await connectTwin(t, testContext());
    const bundleId = value(await api.uploadBundle(buildBundle(demoManifest()))).bundleId;
    jobId = value(await api.submitJob({ bundleId, jobName: "orders-dc1" })).id;
    const hosts = t.instance.hosts();
    twin = await startTwinWith(Object.fromEntries(hosts.map((h) => [h.id, h.ipAddress])), (i) => new PeProcessTable(t.instance, hosts[i]!.id));
  });

  beforeEach(async () => {
    ledgerPath = join(twin.dir, `streams-${++n}.jsonl`);
    ledger = must(await Ledger.open(ledgerPath));
    runner = new FaultRunner({ shell: twin.pool(), api: streamsFaultPort({ dc1: api }), ledger, clock, by: "run", verifyTimeoutMs: 2000, verifyIntervalMs: 20 });
  });

  afterEach(async () => {
    await ledger.close();
    expect(must(await readLedger(ledgerPath)).outstanding).to.deep.equal([]);
  });

  after(async () => {
    api.close();
    await twin.close();
    await t.close();
  });

  const PASSWORD_ENV = "XDC_TEST_DC1_PASSWORD";
  const endpoint = (): ApiEndpoint => ({ url: t.rest, user: USER, passwordEnv: PASSWORD_ENV });
  const faultHosts = () => Object.values(twin.hosts).map((h) => h.fault);
  const firstPe = async () => value(await api.pes(jobId))[0]!;

  it("pause: the PE's process, found by the host and pid REST reports, is stopped and continued", async () => {
    const pe = await firstPe();
    const targets = must(locatePes([pe], faultHosts()));
    expect(targets).to.have.length(1);
    const plan = must(pausePes({ run: "s1", id: `f${n}`, targets }));
    must(await runner.apply(plan));
    expect(t.instance.pe(pe.id)?.suspended).to.equal(true);
    expect((await runner.undo(plan)).status).to.equal("undone");
    expect(t.instance.pe(pe.id)?.suspended).to.equal(false);
  });

  it("kill: the PE's process dies with the signal and Streams restarts it with a new pid", async () => {
    const pe = await firstPe();
    must(await runner.apply(must(killPes({ run: "s1", id: `f${n}`, targets: must(locatePes([pe], faultHosts())), signal: "KILL" }))));
    t.clock.advance(1000);
    const after = value(await api.pe(pe.id));
    expect(after.launchCount).to.equal(pe.launchCount + 1);
    expect(after.processId).to.not.equal(pe.processId);
  });

  it("stop_pe: stopped through REST, restarted by the undo", async () => {
    const pe = await firstPe();
    const plan = must(stopPe({ run: "s1", id: `f${n}`, dc: "dc1", peId: pe.id, endpoint: endpoint() }));
    must(await runner.apply(plan));
    expect(value(await api.pe(pe.id)).status).to.equal("stopped");
    expect((await runner.undo(plan)).status).to.equal("undone");
    t.clock.advance(1000);
    expect(value(await api.pe(pe.id)).status).to.equal("running");
  });

  it("recover restarts a PE that a killed run left stopped, with the password from the variable the ledger names", async () => {
    const pe = await firstPe();
    must(await runner.apply(must(stopPe({ run: "s1", id: `f${n}`, dc: "dc1", peId: pe.id, endpoint: endpoint() }))));
    const left = must(await readLedger(ledgerPath)).outstanding;
    expect(JSON.stringify(left)).to.not.include(PASSWORD);
    const withoutPassword = await connectFaultApis(left, () => undefined, testContext());
    expect(withoutPassword.problems).to.deep.equal([`the REST API of dc1 needs its password in the environment variable ${PASSWORD_ENV}, which is not set`]);
    const shell = twin.pool();
    try {
      const refused = must(await recover(ledgerPath, { shell, api: withoutPassword.port, clock, verifyTimeoutMs: 100 }));
      expect(refused.undone.map((u) => [u.status, "manual" in u ? u.manual : []])).to.deep.equal([["failed", [`through the REST API: restartPe peId=${pe.id} on dc1`]]]);
      const apis = await connectFaultApis(left, (name) => (name === PASSWORD_ENV ? PASSWORD : undefined), testContext());
      const done = must(await recover(ledgerPath, { shell, api: apis.port, clock }));
      expect(done.undone.map((u) => u.status)).to.deep.equal(["undone"]);
      apis.close();
    } finally {
      await shell.close();
    }
    t.clock.advance(1000);
    expect(value(await api.pe(pe.id)).status).to.equal("running");
  });

  it("cancel_job: the job is gone; nothing to undo", async () => {
    must(await runner.apply(must(cancelJob({ run: "s1", id: `f${n}`, dc: "dc1", jobId, endpoint: endpoint() }))));
    expect((await api.job(jobId)).ok).to.equal(false);
    const state = must(await readLedger(ledgerPath));
    expect(state.records.map((r) => (r.type === "undone" ? r.note : r.type))).to.deep.equal(["apply", "nothing to undo"]);
  });

  it("stop_instance: stopped through REST, started again by the undo", async () => {
    const plan = must(stopInstance({ run: "s1", id: `f${n}`, dc: "dc1", endpoint: endpoint() }));
    must(await runner.apply(plan));
    expect(value(await api.instance()).status).to.equal("stopped");
    expect((await runner.undo(plan)).status).to.equal("undone");
    t.clock.advance(1000);
    expect(value(await api.instance()).status).to.equal("running");
  });
});
