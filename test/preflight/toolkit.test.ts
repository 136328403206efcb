import { expect } from "chai";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import yazl from "yazl";
import { TOOLKIT_OPERATORS } from "../../src/drivers/toolkit/settings.js";
import { MAX_DESCRIPTION_BYTES, readBundleContents, type BundleContents } from "../../src/preflight/bundle-contents.js";
import { checkBundle } from "../../src/preflight/check-files.js";
import { detectionLines, survivorSettings, type AppConfigReading } from "../../src/preflight/check-toolkit.js";
import type { FailoverAwait, SubmitNeed } from "../../src/preflight/needs.js";
import { bundleFile } from "../../src/sim/bundle/bundle-file.js";

const example = (name: string) => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

/** A zip of the entries, deflated as `sc` and most tools write them. */
function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(entries)) zip.addBuffer(typeof data === "string" ? Buffer.from(data) : data, name, { compress: true });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
  });
}

const WATCHDOG = `<primitiveOperInstance index="7" name="CrossDCFailover.RemoteDataCenterHeartbeatWatchdog" kind="com.teracloud.streams.crossdcfailover::RemoteDataCenterHeartbeatWatchdog"/>`;
const RECEIVER = `<primitiveOperInstance index="6" name="CrossDCFailover.CrossDataCenterReceiverForHB" kind="com.teracloud.streams.crossdcfailover::CrossDataCenterReceiver"></primitiveOperInstance>`;
const adl = (operators: string) => `<?xml version="1.0" encoding="UTF-8"?>
<applicationSet xmlns="http://www.ibm.com/xmlns/prod/streams/application/v4200">
  <application name="com.acme::FailoverDemo" applicationScope="Default" version="1.0.0">
    <primitiveOperInstance index="0" name="Ingest" kind="spl.endpoint::EndpointSource"/>
    ${operators}
  </application>
</applicationSet>
`;

describe("preflight: what a bundle holds (yauzl, bounded)", function () {
  this.timeout(20_000);
  let dir = "";
  before(() => (dir = mkdtempSync(join(tmpdir(), "xdc-pftk-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const read = async (bytes: Buffer) => {
    const c = await readBundleContents(bytes);
    if (typeof c === "string") expect.fail(c);
    return c as BundleContents;
  };

  it("the twin's FailoverDemo.sab: two entries, its application, every operator and the toolkit's declared parameters", async () => {
    const c = await read(readFileSync(example("apps/FailoverDemo.sab")));
    expect(c.entries).to.equal(2);
    expect(c.description?.path).to.equal("META-INF/xdc-app.json");
    expect(c.description?.application).to.equal("com.acme::FailoverDemo");
    expect(c.description?.operators).to.have.length(12);
    expect(c.description?.declared).to.deep.equal({ crossDCOperationMode: "1", crossDCInitDelay: "0" });
  });

  it("a real bundle's ADL: the application's name and the operators' kinds, with the toolkit's files counted", async () => {
    const c = await read(await zipOf({ "output/com.acme.FailoverDemo.adl": adl(WATCHDOG + RECEIVER), "toolkits/com.teracloud.streams.crossdcfailover/info.xml": "<info/>", "bin/x": "x" }));
    expect(c.entries).to.equal(3);
    expect(c.toolkitFiles).to.equal(1);
    expect(c.description).to.deep.equal({
      path: "output/com.acme.FailoverDemo.adl",
      application: "com.acme::FailoverDemo",
      operators: [
        { name: "Ingest", kind: "spl.endpoint::EndpointSource" },
        { name: "CrossDCFailover.RemoteDataCenterHeartbeatWatchdog", kind: "com.teracloud.streams.crossdcfailover::RemoteDataCenterHeartbeatWatchdog" },
        { name: "CrossDCFailover.CrossDataCenterReceiverForHB", kind: "com.teracloud.streams.crossdcfailover::CrossDataCenterReceiver" },
      ],
      declared: {},
    });
  });

  it("a cut, foreign or empty file is no bundle, said in one line", async () => {
    const sab = readFileSync(example("apps/FailoverDemo.sab"));
    expect(await readBundleContents(sab.subarray(0, sab.length - 10))).to.match(/cut short/);
    expect(await readBundleContents(Buffer.from("not a bundle at all, just some text here"))).to.match(/not a zip archive/);
    expect(await readBundleContents(await zipOf({}))).to.equal("it is an empty archive");
    // A central directory that points past the file.
    const damaged = Buffer.from(sab);
    damaged.writeUInt32LE(0x7fffffff, damaged.length - 6);
    expect(await readBundleContents(damaged)).to.match(/^it is a damaged zip archive/);
  });

  it("a zip bomb is not inflated past the cap: a description that inflates beyond it, or says it does, is refused", async () => {
    const huge = Buffer.alloc(MAX_DESCRIPTION_BYTES + 1024, 0x20);
    const bomb = await zipOf({ "a.adl": huge });
    expect(bomb.length).to.be.below(64 * 1024);
    const c = await read(bomb);
    expect(c.description).to.equal(undefined);
    expect(c.descriptionProblem).to.match(/^a\.adl cannot be read: it inflates to \d+ bytes, more than the 8388608 read$/);

    // The same, lying: the central directory says 1 KiB; yauzl stops the stream where it outgrows that.
    const small = await zipOf({ "a.adl": Buffer.alloc(200_000, 0x20) });
    const at = small.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    small.writeUInt32LE(1024, at + 24);
    const lying = await read(small);
    expect(lying.descriptionProblem).to.match(/^a\.adl cannot be read: /);
  });

  it("the `toolkit` line: ok for FailoverDemo.sab and an ADL with the watchdog; failed, naming what is missing and the fix, without", async () => {
    const demo = await checkBundle(example("apps/FailoverDemo.sab"), "apps/FailoverDemo.sab", true);
    expect(demo.lines.map((l) => [l.check, l.status])).to.deep.equal([["bundle", "ok"], ["toolkit", "ok"]]);
    expect(demo.lines[1]!.detail).to.equal(`META-INF/xdc-app.json has the Cross-DC Failover toolkit's operators (${TOOLKIT_OPERATORS.join(", ")})`);

    writeFileSync(join(dir, "with.sab"), await zipOf({ "A.adl": adl(WATCHDOG + RECEIVER), "toolkits/com.teracloud.streams.crossdcfailover/x.jar": "x" }));
    expect((await checkBundle(join(dir, "with.sab"), "with.sab", true)).lines[1]).to.include({ status: "ok", detail: `A.adl has the Cross-DC Failover toolkit's operators (${TOOLKIT_OPERATORS.join(", ")}), the toolkit's files (1)` });

    writeFileSync(join(dir, "without.sab"), await zipOf({ "A.adl": adl(RECEIVER) }));
    const without = await checkBundle(join(dir, "without.sab"), "without.sab", true);
    expect(without.lines[1]).to.include({ check: "toolkit", where: "without.sab", status: "failed" });
    expect(without.lines[1]!.detail).to.match(/^A\.adl lacks the Cross-DC Failover toolkit's RemoteDataCenterHeartbeatWatchdog \(of 2 operators\)/);
    expect(without.lines[1]!.fix).to.match(/CrossDataCenterFailover composite/);
    // No scenario awaits a failover of it: said, not failed.
    expect((await checkBundle(join(dir, "without.sab"), "without.sab", false)).lines[1]!.status).to.equal("warn");

    writeFileSync(join(dir, "bare.sab"), await zipOf({ "readme.txt": "hello" }));
    expect((await checkBundle(join(dir, "bare.sab"), "bare.sab", true)).lines[1]).to.include({ status: "failed", detail: "the application's operators cannot be read: it holds neither an ADL (*.adl) nor META-INF/xdc-app.json" });
  });

  it("a twin bundle built by `xdc bundle` from a manifest without the toolkit's PE fails the `toolkit` line", async () => {
    const manifest = JSON.parse(readFileSync(example("apps/FailoverDemo.json"), "utf8")) as {
      pes: { index: number }[];
      connections: { from: { operator: string }; to: { operator: string; port: number } }[];
      toolkit?: unknown;
      views?: { operator: string }[];
    };
    manifest.pes = manifest.pes.filter((pe) => pe.index !== 2);
    manifest.views = manifest.views?.filter((v) => !v.operator.startsWith("CrossDCFailover."));
    manifest.connections = manifest.connections.filter((c) => !c.from.operator.startsWith("CrossDCFailover.") && !c.to.operator.startsWith("CrossDCFailover."));
    delete manifest.toolkit;
    writeFileSync(join(dir, "NoToolkit.json"), JSON.stringify(manifest));
    const built = await bundleFile(join(dir, "NoToolkit.json"), join(dir, "NoToolkit.sab"));
    expect(built.ok, JSON.stringify(built)).to.equal(true);
    const check = await checkBundle(join(dir, "NoToolkit.sab"), "NoToolkit.sab", true);
    expect(check.lines[0]!.status).to.equal("ok");
    expect(check.lines[1]).to.include({ status: "failed", detail: "META-INF/xdc-app.json lacks the Cross-DC Failover toolkit's RemoteDataCenterHeartbeatWatchdog and CrossDataCenterReceiverForHB (of 4 operators): no failover can be observed, an `await failover(…)` would only run out" });
  });
});

describe("preflight: detection time against `await failover(…) within T`", () => {
  const bundle: BundleContents = { entries: 2, bytes: 1, toolkitFiles: 0, description: { path: "META-INF/xdc-app.json", application: "com.acme::FailoverDemo", operators: [], declared: { crossDCInitDelay: "0", consecutiveHeartbeatMissesAllowed: "3" } } };
  const bundles = new Map([["/apps/FailoverDemo.sab", bundle]]);
  const submit = (dc: string, parameters: Record<string, string> = {}): SubmitNeed => ({ app: "app", bundlePath: "/apps/FailoverDemo.sab", dc, parameters: { role: "primary", ...parameters } });
  const awaiting = (withinMs: number, survivor: SubmitNeed | undefined = submit("dc2"), peers = [submit("dc1")]): FailoverAwait => ({ app: "app", to: "dc2", from: "dc1", withinMs, at: "t.xdc:12", ...(survivor ? { survivor } : {}), peers });
  const config = (props: Record<string, string>): AppConfigReading => ({ properties: Object.fromEntries(Object.entries(props).map(([k, v]) => [`com.acme::FailoverDemo_${k}`, v])) });

  it("each setting from the scenario first, then the survivor's app config, then the bundle's declaration", () => {
    const s = survivorSettings(submit("dc2", { heartbeatExchangeInterval: "0.4" }), config({ heartbeatExchangeInterval: "5", consecutiveHeartbeatMissesAllowed: "6", crossDCInitDelay: "2" }), bundle);
    expect(Object.fromEntries(s)).to.deep.include({
      heartbeat: { value: 400, source: "submission" },
      misses_allowed: { value: 6, source: "app-config" },
      init_delay: { value: 2000, source: "app-config" },
    });
    const bare = survivorSettings(submit("dc2"), {}, bundle);
    expect(bare.get("misses_allowed")).to.deep.equal({ value: 3, source: "bundle" });
    expect(bare.get("heartbeat")).to.deep.equal({ source: "unset" });
    // A configuration file wins over the app config, and REST does not show it.
    expect(survivorSettings(submit("dc2", { configFileName: "dc2.cfg" }), config({ heartbeatExchangeInterval: "5" }), bundle).get("heartbeat")).to.deep.equal({ source: "config-file" });
  });

  it("T below the shortest detection fails, naming the await, the bound, where each value came from, and the fix", () => {
    const configs = new Map([["dc2", config({ heartbeatExchangeInterval: "0.4" })], ["dc1", config({ heartbeatExchangeInterval: "0.4" })]]);
    const [line] = detectionLines([awaiting(500)], configs, bundles);
    expect(line).to.deep.equal({
      check: "detection",
      where: "dc2",
      status: "failed",
      detail: "await failover(app, to: dc2, from: dc1) within 500ms at t.xdc:12 can never pass: dc2's toolkit declares a peer down 800ms–1600ms after a fault (heartbeat 400ms from dc2's app config CrossDCFailover, misses 3 declared by the bundle)",
      fix: "raise `within` to at least 1600ms plus the time to take over, or lower the heartbeat",
    });
  });

  it("the peer's longer heartbeat makes the shortest detection shorter; T between the bounds is a warning, T past both ok", () => {
    const configs = new Map([["dc2", config({ heartbeatExchangeInterval: "1", consecutiveHeartbeatMissesAllowed: "3" })], ["dc1", config({ heartbeatExchangeInterval: "2" })]]);
    // survivor 1 s × 3 misses, peer 2 s: 1–4 s
    expect(detectionLines([awaiting(900)], configs, bundles)[0]).to.include({ status: "failed" });
    expect(detectionLines([awaiting(900)], configs, bundles)[0]!.detail).to.include("1s–4s after a fault");
    expect(detectionLines([awaiting(1500)], configs, bundles)[0]).to.include({ status: "warn" });
    expect(detectionLines([awaiting(20_000)], configs, bundles)[0]).to.include({ status: "ok", detail: "await failover(app, to: dc2, from: dc1) within 20s at t.xdc:12: dc2's toolkit declares a peer down 1s–4s after a fault (heartbeat 1s from dc2's app config CrossDCFailover, misses 3 from dc2's app config CrossDCFailover)" });
    // The scenario's own toolkit setting wins over the app config.
    expect(detectionLines([awaiting(1500, submit("dc2", { heartbeatExchangeInterval: "0.2" }))], configs, bundles)[0]).to.include({ status: "ok" });
  });

  it("unknown settings are said, never failed: what is missing and where it would come from", () => {
    const [none] = detectionLines([awaiting(1)], new Map([["dc2", {}], ["dc1", {}]]), bundles);
    expect(none).to.include({ status: "ok", where: "dc2" });
    expect(none!.detail).to.equal("not compared: await failover(app, to: dc2, from: dc1) within 1ms at t.xdc:12: dc2's detection time is not known before the run (heartbeat: not set by the scenario, no com.acme::FailoverDemo_heartbeatExchangeInterval in dc2's app config CrossDCFailover (there is none), not declared by the bundle)");
    const [unread] = detectionLines([awaiting(1)], new Map([["dc2", { problem: "no answer" }]]), bundles);
    expect(unread!.detail).to.include("dc2's app config CrossDCFailover could not be read (no answer)");
    const [fast] = detectionLines([awaiting(1)], new Map([["dc2", config({ heartbeatExchangeInterval: "fast" })]]), bundles);
    expect(fast!.detail).to.include("heartbeat from dc2's app config CrossDCFailover is not a value the toolkit reads");
    const { survivor: _, ...noSurvivor } = awaiting(1);
    const [nowhere] = detectionLines([noSurvivor], new Map(), bundles);
    expect(nowhere).to.include({ status: "ok", detail: "not compared: await failover(app, to: dc2, from: dc1) within 1ms at t.xdc:12: the scenario submits app to dc2 nowhere before it" });
  });
});
