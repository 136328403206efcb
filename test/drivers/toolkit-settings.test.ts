import { expect } from "chai";
import type { StreamsApi } from "../../src/drivers/streams/index.js";
import { detectionBound } from "../../src/drivers/toolkit/bound.js";
import { effectiveSettings, missingToolkitOperators, readToolkitSettings, toolkitParameters } from "../../src/drivers/toolkit/settings.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { demoManifest, minimalManifest } from "../sim/fixtures.js";
import { connectTwin, startDriverTwin, testContext, value, type DriverTwin } from "./helpers.js";

const params = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));
const sourceOf = (e: ReturnType<typeof effectiveSettings>, setting: string) => e.entries.find((x) => x.setting === setting)?.source;

describe("drivers/toolkit: detectionBound", () => {
  it("is A·H − H to (A+1)·H from the fault, A·H to (A+1)·H from the last heartbeat, for one interval on both sides", () => {
    expect(detectionBound({ heartbeatMs: 30_000, missesAllowed: 4 })).to.deep.equal({
      minMs: 90_000, maxMs: 150_000, fromLastHeartbeat: { minMs: 120_000, maxMs: 150_000 },
    });
    expect(detectionBound({ heartbeatMs: 200, missesAllowed: 3 })).to.include({ minMs: 400, maxMs: 800 });
  });

  it("takes the remote's interval for how late after its last heartbeat the fault can fall", () => {
    expect(detectionBound({ heartbeatMs: 1_000, missesAllowed: 4 }, { heartbeatMs: 200 })).to.include({ minMs: 3_800, maxMs: 5_000 });
    expect(detectionBound({ heartbeatMs: 200, missesAllowed: 3 }, { heartbeatMs: 1_000 })).to.include({ minMs: 0, maxMs: 800 });
  });

  it("never goes below zero (no misses allowed) and names the remote's init delay as the time before a fault counts", () => {
    expect(detectionBound({ heartbeatMs: 500, missesAllowed: 0 })).to.include({ minMs: 0, maxMs: 500 });
    expect(detectionBound({ heartbeatMs: 500, missesAllowed: 2 }, { heartbeatMs: 500, initDelayMs: 40_000 })?.armedAfterMs).to.equal(40_000);
  });

  it("is undefined without the heartbeat, the misses allowed, or with an interval of 0", () => {
    expect(detectionBound({ heartbeatMs: 200 })).to.equal(undefined);
    expect(detectionBound({ missesAllowed: 3 })).to.equal(undefined);
    expect(detectionBound({ heartbeatMs: 0, missesAllowed: 3 })).to.equal(undefined);
  });
});

describe("drivers/toolkit: the toolkit's settings as submission parameters and back", () => {
  it("writes the toolkit's keys in its units: seconds, counts, 1/0", () => {
    expect(toolkitParameters({ heartbeatMs: 200, missesAllowed: 3, initDelayMs: 0, snapshotIntervalMs: 2_500, mode: "passive" })).to.deep.equal({
      heartbeatExchangeInterval: "0.2",
      consecutiveHeartbeatMissesAllowed: "3",
      crossDCInitDelay: "0",
      dataSnapshotExchangeInterval: "2.5",
      crossDCOperationMode: "0",
    });
    expect(toolkitParameters({})).to.deep.equal({});
  });

  it("reads submission parameters first, then the app config under `<application>_`, and says where each came from", () => {
    const e = effectiveSettings(
      params({ heartbeatExchangeInterval: "0.4", consecutiveHeartbeatMissesAllowed: "", role: "standby" }),
      { "com.acme::Demo_heartbeatExchangeInterval": "9", "com.acme::Demo_consecutiveHeartbeatMissesAllowed": "5", "other::App_crossDCInitDelay": "7", "com.acme::Demo_crossDCOperationMode": "0" },
      "com.acme::Demo",
    );
    expect(e.settings).to.deep.equal({ heartbeatMs: 400, missesAllowed: 5, mode: "passive" });
    expect(e.entries.map((x) => [x.setting, x.source])).to.deep.equal([
      ["heartbeat", "submission"], ["misses_allowed", "app-config"], ["init_delay", "unset"], ["snapshot_interval", "unset"], ["mode", "app-config"],
    ]);
    expect(e.problems).to.deep.equal([]);
    expect(e.configFile).to.equal(undefined);
  });

  it("lets a configuration file the job names win over the app config, value unknown", () => {
    const e = effectiveSettings(params({ configFileName: "dc2.txt", consecutiveHeartbeatMissesAllowed: "2" }), { "com.acme::Demo_heartbeatExchangeInterval": "1" }, "com.acme::Demo");
    expect(e.configFile).to.equal("dc2.txt");
    expect(e.settings).to.deep.equal({ missesAllowed: 2 });
    expect(sourceOf(e, "heartbeat")).to.equal("config-file");
    expect(sourceOf(e, "misses_allowed")).to.equal("submission");
  });

  it("reports a value the toolkit could not read instead of guessing one", () => {
    const e = effectiveSettings(params({ heartbeatExchangeInterval: "fast", consecutiveHeartbeatMissesAllowed: "2.5", crossDCInitDelay: "250ms" }), undefined, "a::B");
    expect(e.settings).to.deep.equal({ initDelayMs: 250 });
    expect(e.problems).to.deep.equal([
      'heartbeatExchangeInterval is "fast" (submission); the toolkit expects a number of seconds',
      'consecutiveHeartbeatMissesAllowed is "2.5" (submission); the toolkit expects a whole number',
    ]);
  });
});

describe("drivers/toolkit: reading a job's settings through the REST API of the twin", () => {
  let t: DriverTwin;
  let api: StreamsApi;

  before(async () => {
    t = await startDriverTwin();
    api = await connectTwin(t, testContext());
  });
  after(async () => {
    api.close();
    await t.close();
  });

  it("reads the job's submission parameters, the CrossDCFailover app config and the operators", async () => {
    const manifest = demoManifest();
    const bundleId = value(await api.uploadBundle(buildBundle(manifest))).bundleId;
    const job = value(await api.submitJob({ bundleId, jobName: "tk-dc1", parameters: toolkitParameters({ heartbeatMs: 250, initDelayMs: 0 }) }));
    value(await api.putAppConfiguration("CrossDCFailover", { [`${manifest.application}_consecutiveHeartbeatMissesAllowed`]: "6" }));
    const read = value(await readToolkitSettings(api, job.id));
    expect(read.settings).to.deep.equal({ heartbeatMs: 250, missesAllowed: 6, initDelayMs: 0 });
    expect(read.entries.map((x) => x.source)).to.deep.equal(["submission", "app-config", "submission", "unset", "unset"]);
    expect(read.missingOperators).to.deep.equal([]);
    expect(detectionBound(read.settings)).to.include({ minMs: 1_250, maxMs: 1_750 });
  });

  it("says which of the toolkit's operators a job without the toolkit lacks, and reads no app config that is not there", async () => {
    value(await api.deleteAppConfiguration("CrossDCFailover"));
    const bundleId = value(await api.uploadBundle(buildBundle(minimalManifest()))).bundleId;
    const job = value(await api.submitJob({ bundleId, jobName: "plain-dc1" }));
    const read = value(await readToolkitSettings(api, job));
    expect(read.missingOperators).to.deep.equal(["RemoteDataCenterHeartbeatWatchdog", "CrossDataCenterReceiverForHB"]);
    expect(read.entries.every((x) => x.source === "unset")).to.equal(true);
  });

  it("matches the toolkit's operators by name or by kind", () => {
    const op = (name: string, kind: string) => ({ name, kind, self: "", links: {} }) as never;
    expect(missingToolkitOperators([op("X.RemoteDataCenterHeartbeatWatchdog", "a::W"), op("Rx", "com.teracloud.streams.crossdcfailover::CrossDataCenterReceiverForHB")])).to.deep.equal([]);
    expect(missingToolkitOperators([op("RemoteDataCenterHeartbeatWatchdogX", "a::W")])).to.have.length(2);
  });
});
