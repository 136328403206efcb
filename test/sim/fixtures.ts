import { readFileSync } from "node:fs";
import type { AppManifest } from "../../src/sim/bundle/manifest.js";
import { validateManifest } from "../../src/sim/bundle/validate.js";
import { buildBundle } from "../../src/sim/bundle/bundle.js";
import { ManualClock } from "../../src/sim/model/clock.js";
import { StreamsInstance, type InstanceOptions } from "../../src/sim/model/instance.js";
import { seededRandom } from "../../src/sim/model/random.js";

const demoPath = new URL("../../examples/apps/FailoverDemo.json", import.meta.url);

export const demoManifestJson = (): string => readFileSync(demoPath, "utf8");

/** The shipped demo application, validated (defaults filled in). */
export function demoManifest(): AppManifest {
  const result = validateManifest(JSON.parse(demoManifestJson()));
  if (!result.ok) throw new Error(`examples/apps/FailoverDemo.json is invalid: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** A small application: source → work → sink over two PEs, one custom metric, one required parameter-free setup. */
export function minimalManifest(): AppManifest {
  return {
    application: "com.acme::FailoverDemo",
    name: "FailoverDemo",
    version: "1.0.0",
    pes: [
      { index: 0, operators: [{ name: "Ingest", kind: "spl.endpoint::EndpointSource", inputPorts: 0, outputPorts: 1, params: { bufferSize: 100 } }] },
      {
        index: 1,
        operators: [
          { name: "Work", kind: "com.acme::Enrich", inputPorts: 1, outputPorts: 1, params: {} },
          { name: "Results", kind: "spl.endpoint::EndpointSink", inputPorts: 1, outputPorts: 0, params: { bufferSize: 1000 } },
        ],
      },
    ],
    connections: [
      { from: { operator: "Ingest", port: 0 }, to: { operator: "Work", port: 0 } },
      { from: { operator: "Work", port: 0 }, to: { operator: "Results", port: 0 } },
    ],
    processing: { ratePerSecond: 1000, latencyMs: 10 },
    submissionParameters: [{ name: "role", default: "primary" }],
    customMetrics: [{ operator: "Work", name: "nEnriched", kind: "counter" }],
  };
}

/** A dc1 instance with three hosts on a manual clock, as most model tests want it. */
export function makeInstance(overrides: Partial<InstanceOptions> = {}, clock = new ManualClock()): { instance: StreamsInstance; clock: ManualClock } {
  const instance = new StreamsInstance({
    id: "dc1",
    hosts: [1, 2, 3].map((k) => ({ id: `dc1-h${k}`, ipAddress: `127.0.1.${10 + k}` })),
    now: clock.now,
    timers: clock,
    random: seededRandom(42),
    restartDelayMs: 500,
    ...overrides,
  });
  return { instance, clock };
}

/** Uploads a manifest's bundle and returns its id (failing the test if the upload fails). */
export function upload(instance: StreamsInstance, manifest: AppManifest = demoManifest()): string {
  const result = instance.uploadBundle(buildBundle(manifest));
  if (!result.ok) throw new Error(result.error.message);
  return result.value.bundleId;
}
