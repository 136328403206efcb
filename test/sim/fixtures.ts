import { readFileSync } from "node:fs";
import type { AppManifest } from "../../src/sim/bundle/manifest.js";
import { validateManifest } from "../../src/sim/bundle/validate.js";

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
