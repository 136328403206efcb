import { expect } from "chai";
import fc from "fast-check";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import * as yauzl from "yauzl";
import * as yazl from "yazl";
import { buildBundle, readBundle } from "../../src/sim/bundle/bundle.js";
import { bundleFile } from "../../src/sim/bundle/bundle-file.js";
import type { AppManifest } from "../../src/sim/bundle/manifest.js";
import { validateManifest } from "../../src/sim/bundle/validate.js";
import { writeZip } from "../../src/sim/bundle/zip.js";
import { demoManifest, demoManifestJson, minimalManifest } from "./fixtures.js";

const examples = new URL("../../examples/apps/", import.meta.url);

async function yazlZip(entries: { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function yauzlRead(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const out = new Map<string, string>();
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
    out.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
  }
  return out;
}

describe("sim bundle", () => {
  it("the committed FailoverDemo.sab is what the builder makes from FailoverDemo.json", async () => {
    const committed = await readFile(new URL("FailoverDemo.sab", examples));
    expect(buildBundle(demoManifest()).equals(committed)).to.equal(true, "run `xdc bundle examples/apps/FailoverDemo.json` and commit the .sab");
  });

  it("gives the same bytes for the same manifest, whatever the key order of its objects", () => {
    const m = demoManifest();
    const reordered = JSON.parse(JSON.stringify(m, Object.keys(m).reverse())) as unknown;
    const shuffled = validateManifest({ ...(reordered as object), ...m, processing: { compute: m.processing.compute, latencyMs: m.processing.latencyMs, ratePerSecond: m.processing.ratePerSecond } });
    expect(shuffled.ok).to.equal(true);
    if (!shuffled.ok) return;
    expect(buildBundle(shuffled.value).equals(buildBundle(m))).to.equal(true);
  });

  it("checks what the processing operator computes, naming each bad field", () => {
    const m = JSON.parse(demoManifestJson()) as Record<string, unknown>;
    const bad = validateManifest({ ...m, processing: { ratePerSecond: 1, latencyMs: 0, compute: { key: "account", products: [{ as: "total", of: ["qty", 3] }], running: [{ sum: "qty" }], colour: 1 } } });
    expect(bad.ok).to.equal(false);
    if (bad.ok) return;
    expect(bad.error.map((i) => `${i.field}: ${i.message}`)).to.deep.equal([
      "processing.compute.colour: unknown field",
      "processing.compute.products[0].of[1]: expected an attribute name, found the number 3",
      "processing.compute.running[0].as: expected an attribute name such as `qty`, found nothing",
    ]);
  });

  it("reads back the manifest it wrote", () => {
    const read = readBundle(buildBundle(demoManifest()));
    expect(read.ok).to.equal(true);
    if (!read.ok) return;
    expect(read.value.manifest).to.deep.equal(demoManifest());
    expect(read.value.entries).to.deep.equal(["META-INF/MANIFEST.MF", "META-INF/xdc-app.json"]);
  });

  it("writes zips that another zip library (yauzl) reads", async () => {
    const contents = await yauzlRead(buildBundle(minimalManifest()));
    expect(JSON.parse(contents.get("META-INF/xdc-app.json")!)).to.deep.equal(minimalManifest());
    expect(contents.get("META-INF/MANIFEST.MF")).to.match(/^Manifest-Version: 1\.0\r\n/);
  });

  it("reads deflated zips written by another zip library (yazl)", async () => {
    const bytes = await yazlZip([
      { name: "bin/stuff.so", data: Buffer.alloc(5000, 7) },
      { name: "META-INF/xdc-app.json", data: Buffer.from(demoManifestJson()) },
    ]);
    const read = readBundle(bytes);
    expect(read.ok && read.value.manifest.application).to.equal("com.acme::FailoverDemo");
  });

  const broken: Array<[string, () => Promise<Buffer> | Buffer, string, RegExp]> = [
    ["empty input", () => Buffer.alloc(0), "not-a-zip", /not a readable zip archive/],
    ["text", () => Buffer.from("hello, this is not a zip"), "not-a-zip", /no end of central directory/],
    ["a zip without a manifest", () => writeZip([{ name: "README", data: Buffer.from("hi") }]), "no-manifest", /has no META-INF\/xdc-app\.json/],
    ["a manifest that is not JSON", () => writeZip([{ name: "META-INF/xdc-app.json", data: Buffer.from("{nope") }]), "manifest-not-json", /is not JSON/],
    [
      "a manifest with a wrong field",
      () => writeZip([{ name: "META-INF/xdc-app.json", data: Buffer.from(JSON.stringify({ ...minimalManifest(), version: 3 })) }]),
      "bad-manifest",
      /version: expected a version such as `1\.0\.0`, found the number 3/,
    ],
    ["a truncated bundle", () => buildBundle(minimalManifest()).subarray(0, 200), "not-a-zip", /not a readable zip/],
    [
      "a bundle whose manifest bytes were altered",
      () => {
        const b = Buffer.from(buildBundle(minimalManifest()));
        const at = b.lastIndexOf("FailoverDemo");
        b[at] = "X".charCodeAt(0);
        return b;
      },
      "not-a-zip",
      /fails its CRC check/,
    ],
  ];
  for (const [what, make, code, message] of broken) {
    it(`rejects ${what} with a clear error`, async () => {
      const read = readBundle(await make());
      expect(read.ok).to.equal(false);
      if (read.ok) return;
      expect(read.error.code).to.equal(code);
      expect(read.error.message).to.match(message);
    });
  }

  it("never throws, whatever the bytes", () => {
    const valid = buildBundle(minimalManifest());
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        readBundle(bytes);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const b = Buffer.from(valid);
        for (const [at, value] of edits) b[at] = value;
        readBundle(b);
      }),
      { numRuns: 300 },
    );
  });
});

describe("sim bundle manifest validation", () => {
  const cases: Array<[string, (m: Record<string, unknown>) => unknown, string]> = [
    ["not an object", () => [], "(manifest): expected a JSON object, found an array"],
    ["missing application", (m) => ({ ...m, application: undefined }), "application: expected a name such as `com.acme::FailoverDemo`, found nothing"],
    ["a typo in a field name", (m) => ({ ...m, procesing: 1 }), "procesing: unknown field; did you mean `processing`?"],
    ["no PEs", (m) => ({ ...m, pes: [] }), "pes: an application needs at least one PE"],
    [
      "a PE out of order",
      (m) => ({ ...m, pes: [{ index: 1, operators: [{ name: "A", kind: "a::B" }] }] }),
      "pes[0].index: expected 0 (PEs are listed in index order from 0), found the number 1",
    ],
    [
      "an operator kind without a namespace",
      (m) => ({ ...m, pes: [{ index: 0, operators: [{ name: "A", kind: "Beacon" }] }] }),
      'pes[0].operators[0].kind: expected an operator kind such as `spl.endpoint::EndpointSource`, found "Beacon"',
    ],
    [
      "an operator named twice",
      (m) => ({ ...m, pes: [{ index: 0, operators: [{ name: "A", kind: "a::B" }] }, { index: 1, operators: [{ name: "A", kind: "a::B" }] }] }),
      "pes[1].operators[0].name: the operator name `A` is used twice; names are unique within an application",
    ],
    [
      "a connection to a port that does not exist",
      (m) => ({ ...m, connections: [{ from: { operator: "Ingest", port: 0 }, to: { operator: "Ingest", port: 0 } }] }),
      "connections[0].to.port: `Ingest` has no input ports, found the number 0",
    ],
    [
      "a toolkit parameter of the wrong type",
      (m) => ({ ...m, toolkit: { composite: "CrossDCFailover", parameters: { crossDCOperationMode: 2 } } }),
      "toolkit.parameters.crossDCOperationMode: expected one of 0, 1, found the number 2",
    ],
    ["a zero processing rate", (m) => ({ ...m, processing: { ratePerSecond: 0, latencyMs: 5 } }), "processing.ratePerSecond: expected a positive number of tuples per second, found the number 0"],
    [
      "a submission parameter default that is not a string",
      (m) => ({ ...m, submissionParameters: [{ name: "role", default: 1 }] }),
      "submissionParameters[0].default: expected a string (submission parameters are strings), found the number 1",
    ],
    [
      "a custom metric on an unknown operator",
      (m) => ({ ...m, customMetrics: [{ operator: "Nope", name: "n", kind: "counter" }] }),
      'customMetrics[0].operator: expected the name of an operator of this application, found the string "Nope"',
    ],
    [
      "a custom metric of an unknown kind",
      (m) => ({ ...m, customMetrics: [{ operator: "Ingest", name: "n", kind: "histogram" }] }),
      'customMetrics[0].kind: expected one of counter, gauge, time, found the string "histogram"',
    ],
  ];
  for (const [what, change, message] of cases) {
    it(`names the field: ${what}`, () => {
      const result = validateManifest(change(minimalManifest() as unknown as Record<string, unknown>));
      expect(result.ok).to.equal(false);
      if (result.ok) return;
      expect(result.error.map((i) => `${i.field}: ${i.message}`)).to.include(message);
    });
  }

  it("reports every problem at once", () => {
    const result = validateManifest({ ...minimalManifest(), name: "", version: "x", processing: {} });
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.error.map((i) => i.field)).to.deep.equal(["name", "version", "processing.ratePerSecond", "processing.latencyMs"]);
  });

  it("fills in defaults for ports, params and lists", () => {
    const result = validateManifest({
      application: "Solo",
      name: "Solo",
      version: "1",
      pes: [{ index: 0, operators: [{ name: "Only", kind: "spl.utility::Beacon" }] }],
      processing: { ratePerSecond: 1, latencyMs: 0 },
    });
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    const expected: AppManifest = {
      application: "Solo",
      name: "Solo",
      version: "1",
      pes: [{ index: 0, operators: [{ name: "Only", kind: "spl.utility::Beacon", inputPorts: 0, outputPorts: 0, params: {} }] }],
      connections: [],
      processing: { ratePerSecond: 1, latencyMs: 0 },
      submissionParameters: [],
      customMetrics: [],
    };
    expect(result.value).to.deep.equal(expected);
  });
});

describe("xdc bundle", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "xdc-bundle-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the bundle next to the manifest by default", async () => {
    const manifest = join(dir, "Demo.json");
    await writeFile(manifest, demoManifestJson());
    const result = await bundleFile(manifest, undefined);
    expect(result.ok).to.equal(true);
    expect((await readFile(join(dir, "Demo.sab"))).equals(buildBundle(demoManifest()))).to.equal(true);
  });

  it("exits 2 and names the field when the manifest is wrong", async () => {
    const manifest = join(dir, "Bad.json");
    await writeFile(manifest, JSON.stringify({ ...minimalManifest(), processing: { ratePerSecond: -1, latencyMs: 0 } }));
    const bin = new URL("../../bin/xdc.js", import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, [bin, "bundle", manifest, "-o", join(dir, "Bad.sab")]);
    const failure = await run.then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failure?.code).to.equal(2);
    expect(failure?.stderr).to.contain("processing.ratePerSecond: expected a positive number of tuples per second, found the number -1");
  });
});
