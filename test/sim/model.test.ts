import { expect } from "chai";
import { ManualClock } from "../../src/sim/model/clock.js";
import { Emitter } from "../../src/sim/model/events.js";
import type { InstanceEvents } from "../../src/sim/model/instance.js";
import type { Pe } from "../../src/sim/model/types.js";
import { demoManifest, makeInstance, minimalManifest, upload } from "./fixtures.js";

type Recorded = { event: string; payload: Record<string, unknown> };

function record(instance: ReturnType<typeof makeInstance>["instance"], events: ReadonlyArray<keyof InstanceEvents>): Recorded[] {
  const seen: Recorded[] = [];
  for (const event of events) instance.on(event, (payload) => seen.push({ event, payload: payload as unknown as Record<string, unknown> }));
  return seen;
}

const overlay = (jobConfig: Record<string, unknown>) => ({ jobConfigOverlays: [{ jobConfig, deploymentConfig: { fusionScheme: "manual" } }] });

function submitted(instance: ReturnType<typeof makeInstance>["instance"], bundleId: string, extra: Record<string, unknown> = {}) {
  const result = instance.submitJob({ bundleId, startedBy: "streamsadmin", ...extra });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("sim instance model: bundles and jobs", () => {
  it("stores a bundle under an id derived from its bytes", () => {
    const { instance } = makeInstance();
    const first = upload(instance);
    expect(upload(instance)).to.equal(first);
    expect(instance.bundles().map((b) => b.manifest.application)).to.deep.equal(["com.acme::FailoverDemo"]);
  });

  it("refuses garbage as a bundle, naming the problem", () => {
    const { instance } = makeInstance();
    const result = instance.uploadBundle(Buffer.from("PK but not really"));
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.code).to.equal("bad-input");
    expect(result.error.message).to.match(/^applicationBundle: the bundle is not a readable zip archive/);
  });

  it("numbers jobs and PEs from 1, places PEs round robin and gives consecutive pids from a seeded start", () => {
    const { instance } = makeInstance({ pidStart: 4000 });
    const bundleId = upload(instance);
    const a = submitted(instance, bundleId);
    const b = submitted(instance, bundleId);
    expect([a.id, b.id]).to.deep.equal(["1", "2"]);
    expect(a.pes.map((pe) => [pe.id, pe.indexWithinJob, pe.hostId, pe.pid, pe.launchCount])).to.deep.equal([
      ["1", 0, "dc1-h1", 4000, 1],
      ["2", 1, "dc1-h2", 4001, 1],
      ["3", 2, "dc1-h3", 4002, 1],
    ]);
    expect(b.pes.map((pe) => [pe.id, pe.hostId])).to.deep.equal([
      ["4", "dc1-h1"],
      ["5", "dc1-h2"],
      ["6", "dc1-h3"],
    ]);
    expect(a.name).to.equal("com.acme::FailoverDemo_1");
    expect(a.status).to.equal("running");
    expect(a.health).to.equal("healthy");
    expect(instance.health).to.equal("healthy");
    expect(a.generationId).to.match(/^[0-9a-f]{16}$/);
  });

  it("draws the same pids and generation ids from the same seed", () => {
    const run = () => {
      const { instance } = makeInstance();
      const job = submitted(instance, upload(instance));
      return [job.generationId, ...job.pes.map((pe) => pe.pid)];
    };
    expect(run()).to.deep.equal(run());
  });

  it("applies the manifest's defaults, then the overlay's parameters, then the request's", () => {
    const { instance } = makeInstance();
    const bundleId = upload(instance);
    const job = submitted(instance, bundleId, {
      overlay: overlay({ jobName: "orders-dc1", jobGroup: "failover", tracing: "info", submissionParameters: [{ name: "role", value: "standby" }, { name: "localDataCenterName", value: "dc9" }] }),
      parameters: { localDataCenterName: "dc1" },
    });
    expect(job.submitParameters).to.deep.equal([
      { name: "role", value: "standby" },
      { name: "localDataCenterName", value: "dc1" },
      { name: "remoteDataCenterName", value: "" },
      // The toolkit's settings the demo declares, empty: the manifest's and the twin's defaults apply.
      ...["heartbeatExchangeInterval", "consecutiveHeartbeatMissesAllowed", "crossDCInitDelay", "dataSnapshotExchangeInterval", "crossDCOperationMode"].map((name) => ({ name, value: "" })),
      { name: "aggregateState", value: "snapshot" },
    ]);
    expect([job.name, job.jobGroup, job.tracing]).to.deep.equal(["orders-dc1", "failover", "info"]);
    expect(job.parameter("role")).to.equal("standby");
    expect(instance.jobGroups()).to.deep.equal(["default", "failover"]);
  });

  const refusals: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["an unknown submission parameter", { parameters: { colour: "red" } }, "bad-input", /^submissionParameters\.colour: the application com\.acme::FailoverDemo has no submission parameter `colour`; it declares role, localDataCenterName, remoteDataCenterName, heartbeatExchangeInterval, consecutiveHeartbeatMissesAllowed, crossDCInitDelay, dataSnapshotExchangeInterval, crossDCOperationMode, aggregateState$/],
    ["a parameter that is not a string", { overlay: overlay({ submissionParameters: [{ name: "role", value: 1 }] }) }, "bad-input", /^jobConfigurationOverlay\.jobConfigOverlays\[0\]\.jobConfig\.submissionParameters\[0\]\.value: expected a string/],
    ["an unknown tracing level", { overlay: overlay({ tracing: "loud" }) }, "bad-input", /jobConfig\.tracing: expected one of off, error, warn, info, debug, trace/],
    ["an unknown bundle", { bundleId: "nope" }, "bad-input", /^application: no application bundle with id nope was uploaded to instance dc1$/],
  ];
  for (const [what, extra, code, message] of refusals) {
    it(`refuses ${what}`, () => {
      const { instance } = makeInstance();
      const bundleId = upload(instance);
      const result = instance.submitJob({ bundleId, startedBy: "u", ...extra });
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.error.code).to.equal(code);
      expect(result.error.message).to.match(message);
      expect(instance.jobs()).to.have.length(0);
    });
  }

  it("needs a value for a parameter without a default", () => {
    const { instance } = makeInstance();
    const bundleId = upload(instance, { ...minimalManifest(), submissionParameters: [{ name: "region" }] });
    const result = instance.submitJob({ bundleId, startedBy: "u" });
    expect(!result.ok && result.error.message).to.equal("submissionParameters.region: the parameter has no default and was not given");
    expect(instance.submitJob({ bundleId, startedBy: "u", parameters: { region: "eu" } }).ok).to.equal(true);
  });

  it("keeps job names unique", () => {
    const { instance } = makeInstance();
    const bundleId = upload(instance);
    submitted(instance, bundleId, { jobName: "same" });
    const again = instance.submitJob({ bundleId, startedBy: "u", jobName: "same" });
    expect(!again.ok && again.error.code).to.equal("conflict");
  });

  it("cancels a job: it and its PEs are gone, and the event lists the ended pids", () => {
    const { instance } = makeInstance({ pidStart: 100 });
    const events = record(instance, ["job-canceled"]);
    const job = submitted(instance, upload(instance));
    expect(instance.cancelJob(job.id).ok).to.equal(true);
    expect(instance.job(job.id)).to.equal(undefined);
    expect(instance.pes()).to.have.length(0);
    expect(job.status).to.equal("canceled");
    expect(events.map((e) => e.payload["pids"])).to.deep.equal([[100, 101, 102]]);
    const again = instance.cancelJob(job.id);
    expect(!again.ok && again.error).to.deep.include({ code: "not-found", resourceType: "job", restid: "1" });
  });

  it("keeps a new overlay on a live update and applies its tracing", () => {
    const { instance } = makeInstance();
    const job = submitted(instance, upload(instance));
    const next = overlay({ tracing: "debug" });
    expect(instance.updateJob(job.id, next).ok).to.equal(true);
    expect(job.jobConfigurationOverlay).to.deep.equal(next);
    expect(job.tracing).to.equal("debug");
  });

  it("counts a revision for every change", () => {
    const { instance } = makeInstance();
    const r0 = instance.revision;
    const job = submitted(instance, upload(instance));
    const r1 = instance.revision;
    instance.metric(job.id, "Ingest", "nTuplesSubmitted")!.add(5);
    expect(instance.revision).to.equal(r1, "metric values are not revisions");
    instance.crashPe(job.pes[0]!.id);
    expect(r1).to.be.greaterThan(r0);
    expect(instance.revision).to.be.greaterThan(r1);
  });
});

describe("sim instance model: PE lifecycle", () => {
  it("restarts a crashed PE after the restart delay with a new pid and a higher launch count", () => {
    const { instance, clock } = makeInstance({ restartDelayMs: 500 });
    const events = record(instance, ["pe-crashed", "pe-launched", "pe-restarted"]);
    const job = submitted(instance, upload(instance));
    const pe = job.pes[1]!;
    const pid = pe.pid;
    instance.metric(job.id, "Process", "nTuplesProcessed")!.add(10);
    events.length = 0;

    expect(instance.crashPe(pe.id, "crashed", "SIGKILL").ok).to.equal(true);
    expect([pe.status, pe.statusReason, pe.health, pe.pid]).to.deep.equal(["restarting", "crashed", "unhealthy", undefined]);
    expect(job.health).to.equal("partiallyUnhealthy");
    expect(instance.peByPid(pid!)).to.equal(undefined);
    expect(events.map((e) => e.event)).to.deep.equal(["pe-crashed"]);
    expect(events[0]!.payload).to.deep.include({ pid, reason: "crashed", detail: "SIGKILL", hostId: "dc1-h2" });

    clock.advance(499);
    expect(pe.status).to.equal("restarting");
    clock.advance(1);
    expect([pe.status, pe.statusReason, pe.health, pe.launchCount]).to.deep.equal(["running", "none", "healthy", 2]);
    expect(pe.pid).to.be.a("number").and.not.equal(pid);
    expect(instance.peByPid(pe.pid!)).to.equal(pe);
    expect(job.health).to.equal("healthy");
    expect(events.map((e) => e.event)).to.deep.equal(["pe-crashed", "pe-launched", "pe-restarted"]);
    expect(events[2]!.payload).to.deep.include({ previousPid: pid, pid: pe.pid, launchCount: 2 });
    expect(instance.metric(job.id, "Process", "nTuplesProcessed")!.value).to.equal(0, "a new process starts its counters at zero");
  });

  it("breaks the connections into a crashed PE and leaves its neighbours partially connected", () => {
    const { instance } = makeInstance();
    const job = submitted(instance, upload(instance));
    const [ingest, processing] = [job.pes[0]!, job.pes[1]!];
    instance.crashPe(processing.id);
    expect(ingest.requiredConnections).to.equal("disconnected");
    expect(ingest.health).to.equal("partiallyUnhealthy");
    expect(ingest.outputPorts[0]!.metrics.get("nBrokenConnections")!.value).to.equal(1);
    expect(job.pes[2]!.requiredConnections).to.equal("disconnected");
  });

  it("refuses to crash a PE that is not running", () => {
    const { instance } = makeInstance();
    const job = submitted(instance, upload(instance));
    instance.crashPe(job.pes[0]!.id);
    const again = instance.crashPe(job.pes[0]!.id);
    expect(!again.ok && again.error.message).to.equal("PE 1 is restarting; only a running PE can crash");
    const missing = instance.crashPe("99");
    expect(!missing.ok && missing.error.code).to.equal("not-found");
  });

  it("stops a PE until it is restarted", () => {
    const { instance, clock } = makeInstance();
    const events = record(instance, ["pe-stopped", "pe-restarted"]);
    const job = submitted(instance, upload(instance));
    const pe = job.pes[0]!;
    instance.stopPe(pe.id);
    clock.advance(10_000);
    expect([pe.status, pe.statusReason, pe.pid]).to.deep.equal(["stopped", "requested", undefined]);
    instance.restartPe(pe.id);
    expect(pe.status).to.equal("restarting");
    clock.advance(500);
    expect([pe.status, pe.launchCount]).to.deep.equal(["running", 2]);
    expect(events.map((e) => [e.event, e.payload["restarting"]])).to.deep.equal([
      ["pe-stopped", false],
      ["pe-restarted", undefined],
    ]);
  });

  it("restarts a running PE on request, ending its process first", () => {
    const { instance, clock } = makeInstance();
    const events = record(instance, ["pe-stopped"]);
    const job = submitted(instance, upload(instance));
    const pe = job.pes[2]!;
    const pid = pe.pid;
    instance.restartPe(pe.id);
    expect(events[0]!.payload).to.deep.include({ pid, restarting: true });
    clock.advance(500);
    expect(pe.launchCount).to.equal(2);
  });

  it("starts PEs after the start delay when one is configured", () => {
    const { instance, clock } = makeInstance({ startDelayMs: 200 });
    const job = submitted(instance, upload(instance));
    expect(job.pes.map((pe) => pe.status)).to.deep.equal(["starting", "starting", "starting"]);
    expect(job.health).to.equal("unhealthy");
    clock.advance(200);
    expect(job.pes.map((pe) => [pe.status, pe.launchCount])).to.deep.equal([
      ["running", 1],
      ["running", 1],
      ["running", 1],
    ]);
  });

  it("keeps a SIGSTOPped PE running to Streams but stops its CPU clock", () => {
    const { instance, clock } = makeInstance();
    const job = submitted(instance, upload(instance));
    const pe = job.pes[0]!;
    const cpu = () => pe.metrics.get("nCpuMilliseconds")!.value;
    clock.advance(100_000);
    const before = cpu();
    expect(before).to.be.greaterThan(0);
    instance.suspendPe(pe.id);
    clock.advance(100_000);
    expect(cpu()).to.equal(before);
    expect([pe.status, pe.suspended]).to.deep.equal(["running", true]);
    instance.resumePe(pe.id);
    clock.advance(100_000);
    expect(cpu()).to.be.greaterThan(before);
  });
});

describe("sim instance model: hosts and the instance", () => {
  it("moves the PEs of a failed host to running hosts, and waits when none is left", () => {
    const { instance, clock } = makeInstance();
    const job = submitted(instance, upload(instance));
    const onFirst = job.pes[0]!;
    instance.setHostStatus("dc1-h1", "failed");
    expect([onFirst.status, onFirst.statusReason]).to.deep.equal(["restarting", "hostFailure"]);
    expect(instance.status).to.equal("partiallyFailed");
    clock.advance(500);
    expect(onFirst.status).to.equal("running");
    expect(onFirst.hostId).to.not.equal("dc1-h1");

    instance.setHostStatus("dc1-h2", "failed");
    instance.setHostStatus("dc1-h3", "failed");
    expect(instance.status).to.equal("failed");
    expect(instance.health).to.equal("unhealthy");
    clock.advance(5_000);
    expect(job.pes.map((pe) => pe.status)).to.deep.equal(["restarting", "restarting", "restarting"]);
    instance.setHostStatus("dc1-h2", "running");
    expect(job.pes.map((pe) => [pe.status, pe.hostId])).to.deep.equal([
      ["running", "dc1-h2"],
      ["running", "dc1-h2"],
      ["running", "dc1-h2"],
    ]);
  });

  it("cancels every job when the instance stops, and refuses submissions until it starts", () => {
    const { instance, clock } = makeInstance();
    const events = record(instance, ["job-canceled", "instance-stopped", "instance-started"]);
    const bundleId = upload(instance);
    submitted(instance, bundleId);
    instance.stopInstance();
    expect([instance.status, instance.health, instance.jobs().length]).to.deep.equal(["stopped", "unknown", 0]);
    const refused = instance.submitJob({ bundleId, startedBy: "u" });
    expect(!refused.ok && refused.error.message).to.equal("the instance dc1 is stopped; start it before submitting jobs");
    clock.advance(1000);
    instance.startInstance();
    expect([instance.status, instance.startTime]).to.deep.equal(["running", clock.now()]);
    expect(events.map((e) => e.event)).to.deep.equal(["job-canceled", "instance-stopped", "instance-started"]);
  });
});

describe("sim instance model: metrics", () => {
  it("hands the runtime metric handles with whole values", () => {
    const { instance } = makeInstance();
    const job = submitted(instance, upload(instance));
    const submittedTuples = instance.metric(job.id, "Ingest", "nTuplesSubmitted")!;
    submittedTuples.add(3);
    submittedTuples.add(2.4);
    expect(submittedTuples.value).to.equal(5);
    const queued = instance.metric(job.id, "Process", "nTuplesQueued", 1)!;
    queued.set(7);
    expect(job.operators.find((o) => o.name === "Process")!.inputPorts[1]!.metrics.get("nTuplesQueued")!.value).to.equal(7);
    const custom = instance.metric(job.id, "Process", "nEnriched")!;
    custom.add(4);
    expect([custom.type, custom.kind, custom.value]).to.deep.equal(["custom", "counter", 4]);
    expect(instance.metric(job.id, "Process", "nTuplesSubmitted", { output: 1 })).to.not.equal(undefined);
    expect(instance.metric(job.id, "Nope", "nTuplesSubmitted")).to.equal(undefined);
    expect(instance.metric(job.id, "Ingest", "nTuplesProcessed")).to.equal(undefined, "Ingest has no input port");
  });

  it("sums an operator's port metrics into its own list", () => {
    const { instance } = makeInstance();
    const job = submitted(instance, upload(instance));
    instance.metric(job.id, "Process", "nTuplesProcessed", 0)!.add(10);
    instance.metric(job.id, "Process", "nTuplesProcessed", 2)!.add(5);
    const process = job.operators.find((o) => o.name === "Process")!;
    expect(process.metrics.get("nTuplesProcessed")!.value).to.equal(15);
    expect(process.metrics.list().map((m) => m.name)).to.include.members(["nTuplesProcessed", "nTuplesSubmitted", "queueSize", "nEnriched"]);
  });

  it("derives PE port and connection metrics from the operator ports they carry", () => {
    const { instance } = makeInstance();
    const job = submitted(instance, upload(instance));
    instance.metric(job.id, "Ingest", "nTuplesSubmitted")!.add(40);
    const ingestPort = job.pes[0]!.outputPorts[0]!;
    expect(ingestPort.metrics.get("nTuplesSubmitted")!.value).to.equal(40);
    expect(ingestPort.metrics.get("nTuplesTransmitted")!.value).to.equal(40);
    instance.metric(job.id, "Process", "queueSize", 0)!.set(1000);
    instance.metric(job.id, "Process", "nTuplesQueued", 0)!.set(250);
    expect(ingestPort.connections[0]!.metrics.get("congestionFactor")!.value).to.equal(25);
    expect(ingestPort.connections[0]!.id).to.equal("1o0-2i0");
  });

  it("moves PE CPU and memory with time, and adds them up per host", () => {
    const { instance, clock } = makeInstance();
    const job = submitted(instance, upload(instance));
    const pe: Pe = job.pes[1]!;
    const read = () => [pe.metrics.get("nCpuMilliseconds")!.value, pe.metrics.get("nMemoryConsumption")!.value];
    const [cpu0, mem0] = read();
    clock.advance(15_000);
    const [cpu1, mem1] = read();
    expect(cpu1).to.be.greaterThan(cpu0!);
    expect(mem1).to.not.equal(mem0);
    expect(mem1).to.be.within(20_000, 60_000);
    const host = instance.host(pe.hostId)!;
    expect(host.metrics.get("nRunningPes")!.value).to.equal(1);
    expect(host.metrics.get("nMemoryConsumption")!.value).to.equal(mem1);
    expect(host.metrics.get("cpuUtilization")!.value).to.be.within(0, 100);
  });
});

describe("sim instance model: asynchronous submissions", () => {
  it("processes a submission after the delay and points at the job", () => {
    const { instance, clock } = makeInstance({ submissionDelayMs: 100 });
    const bundleId = upload(instance);
    const s = instance.createSubmission({ bundleId, startedBy: "streamsadmin" });
    expect([s.id, s.status, s.jobId]).to.deep.equal(["1", "submission.submitted", undefined]);
    clock.advance(100);
    expect([s.status, s.jobId]).to.deep.equal(["submission.complete", "1"]);
    expect(s.log.join("\n")).to.match(/job 1 \(com\.acme::FailoverDemo_1\) submitted/);
  });

  it("says why a submission failed", () => {
    const { instance, clock } = makeInstance();
    const s = instance.createSubmission({ bundleId: "missing", startedBy: "u" });
    clock.advance(0);
    expect([s.status, s.failureReason]).to.deep.equal(["submission.failedProcessingJob", "application: no application bundle with id missing was uploaded to instance dc1"]);
  });
});

describe("sim instance model: events", () => {
  it("calls every listener even when one throws, then rethrows", () => {
    const emitter = new Emitter<{ ping: { n: number } }>();
    const seen: number[] = [];
    emitter.on("ping", () => {
      throw new Error("listener bug");
    });
    emitter.on("ping", (e) => seen.push(e.n));
    expect(() => emitter.emit("ping", { n: 1 })).to.throw("listener bug");
    expect(seen).to.deep.equal([1]);
  });

  it("stamps events with the instance and the time", () => {
    const clock = new ManualClock(5_000);
    const { instance } = makeInstance({}, clock);
    const events = record(instance, ["job-submitted"]);
    submitted(instance, upload(instance, demoManifest()));
    expect(events[0]!.payload).to.deep.include({ instance: "dc1", time: 5_000 });
  });
});
