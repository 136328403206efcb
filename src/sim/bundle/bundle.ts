import { err, ok, type Result } from "../model/result.js";
import { MANIFEST_PATH, type AppManifest, type JsonValue, type ViewSpec } from "./manifest.js";
import { formatIssue, validateManifest, type ManifestIssue } from "./validate.js";
import { extractZipEntry, listZip, writeZip } from "./zip.js";

export interface Bundle {
  readonly manifest: AppManifest;
  /** every entry of the archive, for listings */
  readonly entries: readonly string[];
}

export type BundleErrorCode = "not-a-zip" | "no-manifest" | "manifest-not-json" | "bad-manifest";

export interface BundleError {
  readonly code: BundleErrorCode;
  /** one line, fit for an HTTP 400 body or a terminal */
  readonly message: string;
  readonly issues: readonly ManifestIssue[];
}

const JAR_MANIFEST_PATH = "META-INF/MANIFEST.MF";

/**
 * The bundle for a manifest: a zip with `META-INF/MANIFEST.MF` (as a Java archive has) and the
 * manifest itself. The same manifest always gives the same bytes, however its objects were
 * built, because the JSON is written in one canonical order.
 */
export function buildBundle(manifest: AppManifest): Buffer {
  const canonical = canonicalManifest(manifest);
  const jarManifest = [
    "Manifest-Version: 1.0",
    "Created-By: xdc bundle",
    `Application-Name: ${manifest.application}`,
    `Application-Version: ${manifest.version}`,
    "",
    "",
  ].join("\r\n");
  return writeZip([
    { name: JAR_MANIFEST_PATH, data: Buffer.from(jarManifest, "utf8") },
    { name: MANIFEST_PATH, data: Buffer.from(`${JSON.stringify(canonical, null, 2)}\n`, "utf8") },
  ]);
}

/** Reads and validates a bundle. Whatever the bytes, it answers with a value, never a throw. */
export function readBundle(bytes: Uint8Array): Result<Bundle, BundleError> {
  const listed = listZip(bytes);
  if (!listed.ok) return err(bundleError("not-a-zip", `the bundle is not a readable zip archive: ${listed.error}`));
  const entry = listed.value.find((e) => e.name === MANIFEST_PATH);
  if (!entry) return err(bundleError("no-manifest", `the bundle has no ${MANIFEST_PATH}; build it with \`xdc bundle\``));
  const data = extractZipEntry(bytes, entry);
  if (!data.ok) return err(bundleError("not-a-zip", `the bundle's ${MANIFEST_PATH} cannot be read: ${data.error}`));
  let json: unknown;
  try {
    json = JSON.parse(data.value.toString("utf8"));
  } catch (e) {
    return err(bundleError("manifest-not-json", `${MANIFEST_PATH} is not JSON: ${e instanceof Error ? e.message : String(e)}`));
  }
  const manifest = validateManifest(json);
  if (!manifest.ok) {
    const shown = manifest.error.slice(0, 3).map(formatIssue).join("; ");
    const more = manifest.error.length > 3 ? ` (and ${manifest.error.length - 3} more)` : "";
    return err(bundleError("bad-manifest", `${MANIFEST_PATH} is not a valid manifest: ${shown}${more}`, manifest.error));
  }
  return ok({ manifest: manifest.value, entries: listed.value.map((e) => e.name) });
}

const bundleError = (code: BundleErrorCode, message: string, issues: readonly ManifestIssue[] = []): BundleError => ({ code, message, issues });

/**
 * The manifest as its file writes it: every object's keys in schema order, free-form maps sorted
 * by key, a view's window as `bufferTuples` or `bufferSeconds`.
 */
function canonicalManifest(m: AppManifest): JsonValue {
  return {
    application: m.application,
    name: m.name,
    version: m.version,
    pes: m.pes.map((pe) => ({
      index: pe.index,
      operators: pe.operators.map((op) => ({
        name: op.name,
        kind: op.kind,
        inputPorts: op.inputPorts,
        outputPorts: op.outputPorts,
        params: sortKeys(op.params) as Record<string, JsonValue>,
      })),
    })),
    connections: m.connections.map((c) => ({
      from: { operator: c.from.operator, port: c.from.port },
      to: { operator: c.to.operator, port: c.to.port },
    })),
    ...(m.toolkit ? { toolkit: { composite: m.toolkit.composite, parameters: sortKeys(m.toolkit.parameters) as Record<string, string | number | boolean> } } : {}),
    processing: { ratePerSecond: m.processing.ratePerSecond, latencyMs: m.processing.latencyMs, ...(m.processing.compute ? { compute: m.processing.compute as unknown as JsonValue } : {}) },
    submissionParameters: m.submissionParameters.map((p): JsonValue => (p.default === undefined ? { name: p.name } : { name: p.name, default: p.default })),
    customMetrics: m.customMetrics.map((c) => ({
      operator: c.operator,
      name: c.name,
      kind: c.kind,
      ...(c.description === undefined ? {} : { description: c.description }),
    })),
    ...(m.views && m.views.length > 0 ? { views: m.views.map(canonicalView) } : {}),
  };
}

/** A view as the manifest file writes it: its window as `bufferTuples` or `bufferSeconds`. */
function canonicalView(v: ViewSpec): JsonValue {
  return {
    name: v.name,
    ...(v.description === undefined ? {} : { description: v.description }),
    operator: v.operator,
    port: v.port,
    attributes: v.attributes.map((a) => ({ name: a.name, type: a.type })),
    ...(v.bufferSeconds === undefined ? { bufferTuples: v.bufferTuples ?? 0 } : { bufferSeconds: v.bufferSeconds }),
    maximumTupleRate: v.maximumTupleRate,
    activateOption: v.activateOption,
    ...(v.filter ? { filter: { attribute: v.filter.attribute, regularExpression: v.filter.regularExpression } } : {}),
  };
}

function sortKeys(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const obj = v as { readonly [key: string]: JsonValue };
    return Object.fromEntries(Object.keys(obj).sort().map((k) => [k, sortKeys(obj[k]!)]));
  }
  return v;
}
