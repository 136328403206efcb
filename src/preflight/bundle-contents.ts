import yauzl from "yauzl";
import type { Readable } from "node:stream";
import { MANIFEST_PATH } from "../sim/bundle/manifest.js";

/**
 * What a preflight reads of an application bundle (a zip archive): how many entries it has,
 * and the application description it carries: a real Streams `.sab`'s ADL (`*.adl`, XML), or
 * the twin's `META-INF/xdc-app.json` (src/sim/bundle/manifest.ts). Bounded whatever the bytes:
 * at most MAX_ENTRIES entries are listed and one description of at most MAX_DESCRIPTION_BYTES
 * is inflated, so a zip bomb costs no more than a small bundle.
 */
export interface BundleContents {
  readonly entries: number;
  readonly bytes: number;
  /** Entries under a `toolkits/…crossdcfailover…` folder: the toolkit a real `.sab` carries. */
  readonly toolkitFiles: number;
  readonly description?: AppDescription;
  /** Why the description could not be read, when the bundle has one. */
  readonly descriptionProblem?: string;
}

export interface AppDescription {
  /** The entry it was read from. */
  readonly path: string;
  /** `namespace::Main`, as the toolkit's app-config keys start: `<application>_<key>`. */
  readonly application?: string;
  readonly operators: readonly { readonly name: string; readonly kind: string }[];
  /**
   * Toolkit settings the bundle itself declares, by the toolkit's key (the twin manifest's
   * `toolkit.parameters`); the toolkit takes them when neither a submission parameter nor the
   * app config sets the key. An ADL declares none xdc can read.
   */
  readonly declared: Readonly<Record<string, string>>;
}

export const MAX_ENTRIES = 100_000;
export const MAX_DESCRIPTION_BYTES = 8 * 1024 * 1024;

const TOOLKIT_DIR = /(^|\/)toolkits\/[^/]*crossdcfailover/i;
const isAdl = (name: string) => /\.adl$/i.test(name) && !name.endsWith("/");

/** The bundle's contents, or why it is not a readable zip archive (one line). */
export async function readBundleContents(bytes: Buffer): Promise<BundleContents | string> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (e, z) => (e ? reject(e) : resolve(z))));
  } catch (e) {
    return zipProblem(e);
  }
  try {
    if (zip.entryCount === 0) return "it is an empty archive";
    if (zip.entryCount > MAX_ENTRIES) return `it says it holds ${zip.entryCount} entries, more than the ${MAX_ENTRIES} an application bundle may have`;
    const listed = await listEntries(zip);
    if (typeof listed === "string") return listed;
    const base = { entries: listed.count, bytes: bytes.length, toolkitFiles: listed.toolkitFiles };
    // The twin's manifest says what the twin runs; a real bundle has exactly one ADL.
    const chosen = listed.manifest ?? listed.adl;
    if (!chosen) return base;
    const text = await readEntry(zip, chosen);
    if (typeof text !== "string") return { ...base, descriptionProblem: `${chosen.fileName} cannot be read: ${text.problem}` };
    const described = chosen === listed.manifest ? fromManifest(chosen.fileName, text) : fromAdl(chosen.fileName, text);
    return typeof described === "string" ? { ...base, descriptionProblem: described } : { ...base, description: described };
  } finally {
    zip.close();
  }
}

const zipProblem = (e: unknown): string => {
  const message = e instanceof Error ? e.message : String(e);
  return /end of central directory record signature not found/i.test(message)
    ? "it is not a zip archive, or it was cut short (no end of central directory)"
    : `it is a damaged zip archive (${message})`;
};

interface Listing {
  readonly count: number;
  readonly toolkitFiles: number;
  readonly manifest?: yauzl.Entry;
  readonly adl?: yauzl.Entry;
}

/** Walks the central directory once (bounded by MAX_ENTRIES, checked before), keeping the entries that describe the application. */
function listEntries(zip: yauzl.ZipFile): Promise<Listing | string> {
  return new Promise((resolve) => {
    let count = 0;
    let toolkitFiles = 0;
    let manifest: yauzl.Entry | undefined;
    let adl: yauzl.Entry | undefined;
    zip.on("entry", (entry: yauzl.Entry) => {
      count++;
      if (TOOLKIT_DIR.test(entry.fileName)) toolkitFiles++;
      if (entry.fileName === MANIFEST_PATH) manifest = entry;
      else if (adl === undefined && isAdl(entry.fileName)) adl = entry;
      zip.readEntry();
    });
    zip.on("end", () => resolve({ count, toolkitFiles, ...(manifest ? { manifest } : {}), ...(adl ? { adl } : {}) }));
    zip.on("error", (e: unknown) => resolve(zipProblem(e)));
    zip.readEntry();
  });
}

/** One entry's text, refused when it says or turns out to be larger than MAX_DESCRIPTION_BYTES. */
function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string | { problem: string }> {
  if (entry.uncompressedSize > MAX_DESCRIPTION_BYTES) return Promise.resolve({ problem: `it inflates to ${entry.uncompressedSize} bytes, more than the ${MAX_DESCRIPTION_BYTES} read` });
  return new Promise((resolve) => {
    zip.openReadStream(entry, (e, stream: Readable) => {
      if (e) return resolve({ problem: e.message });
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // validateEntrySizes stops a stream that outgrows its declared size; this is the cap for one that lies within it.
        if (size > MAX_DESCRIPTION_BYTES) {
          stream.destroy();
          resolve({ problem: `it inflates to more than the ${MAX_DESCRIPTION_BYTES} bytes read` });
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", (x: Error) => resolve({ problem: x.message }));
      stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The twin manifest's application, operators and declared toolkit parameters; the manifest's own validation is the twin's business. */
function fromManifest(path: string, text: string): AppDescription | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `${path} is not JSON`;
  }
  if (!isRecord(json) || !Array.isArray(json["pes"])) return `${path} is not an application manifest (no \`pes\`)`;
  const operators = json["pes"].flatMap((pe) => (isRecord(pe) && Array.isArray(pe["operators"]) ? pe["operators"] : []))
    .filter(isRecord)
    .map((op) => ({ name: String(op["name"] ?? ""), kind: String(op["kind"] ?? "") }));
  const toolkit = isRecord(json["toolkit"]) && isRecord(json["toolkit"]["parameters"]) ? json["toolkit"]["parameters"] : {};
  const declared = Object.fromEntries(Object.entries(toolkit).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v)).map(([k, v]) => [k, String(v)]));
  return { path, ...(typeof json["application"] === "string" ? { application: json["application"] } : {}), operators, declared };
}

const ATTRIBUTE = /\b([A-Za-z_:][\w:.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
const ELEMENT = /<([A-Za-z_][\w:.-]*)\b([^<>]*?)\/?>/g;

const unescapeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e]!);

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) out.set(m[1]!, unescapeXml(m[3] ?? m[4] ?? ""));
  return out;
}

/**
 * An ADL's application name and operator instances: every element with a `kind` attribute
 * (`<primitiveOperInstance kind="com.teracloud.streams.crossdcfailover::…" name="…">`). Only
 * the start tags' attributes matter, so a scan of them is enough; no DTD or entity is expanded.
 */
function fromAdl(path: string, text: string): AppDescription | string {
  if (!/<\s*[A-Za-z_]/.test(text)) return `${path} is not XML`;
  const operators: { name: string; kind: string }[] = [];
  let application: string | undefined;
  for (const m of text.matchAll(ELEMENT)) {
    const tag = m[1]!.replace(/^.*:/, "");
    const attrs = attributes(m[2] ?? "");
    if (tag === "application" && application === undefined && attrs.has("name")) application = attrs.get("name");
    const kind = attrs.get("kind");
    if (kind !== undefined && kind.includes("::")) operators.push({ name: attrs.get("name") ?? "", kind });
  }
  return { path, ...(application !== undefined ? { application } : {}), operators, declared: {} };
}
