import { readFile } from "node:fs/promises";
import { failed, ok, type CheckLine } from "./types.js";

const EOCD = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
/** The end-of-central-directory record is 22 bytes plus a comment of at most 64 KiB. */
const EOCD_SEARCH = 22 + 0xffff;

/**
 * The entries an application bundle (a zip archive, as Streams' `.sab` and `xdc bundle`'s are)
 * says it holds, read from its central directory, or why it is not a whole archive.
 */
export function zipEntries(bytes: Uint8Array): number | string {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 22) return "it is too short to be a zip archive";
  let at = -1;
  for (let i = view.length - 22; i >= Math.max(0, view.length - EOCD_SEARCH); i--) {
    if (view.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return "it is not a zip archive, or it was cut short (no end of central directory)";
  const entries = view.readUInt16LE(at + 10);
  const size = view.readUInt32LE(at + 12);
  const offset = view.readUInt32LE(at + 16);
  if (offset + size > at) return "its central directory lies outside the file: the archive is damaged";
  if (entries === 0) return "it is an empty archive";
  if (view.readUInt32LE(offset) !== CENTRAL_ENTRY) return "its central directory is damaged";
  return entries;
}

const readProblem = (e: unknown): string => ((e as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : `it cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);

/** A bundle the scenario submits: readable, and a whole zip archive. */
export async function checkBundle(path: string, written: string): Promise<CheckLine> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return failed("bundle", written, readProblem(e), `build the bundle (\`sc\`, or \`xdc bundle MANIFEST\` for the twin) or correct \`bundle:\` (relative to the scenario's file: ${path})`);
  }
  const entries = zipEntries(bytes);
  return typeof entries === "string"
    ? failed("bundle", written, `not an application bundle: ${entries}`, "build it again and copy it whole")
    : ok("bundle", written, `an application bundle of ${entries} entries, ${bytes.length} bytes`);
}

/** A data file `inject(file: …)` sends: readable, one JSON object a line. */
export async function checkDataFile(path: string, written: string): Promise<CheckLine> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    return failed("data-file", written, readProblem(e), `correct \`file:\` (relative to the scenario's file: ${path})`);
  }
  const lines = text.split("\n");
  let count = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return failed("data-file", written, `line ${i + 1} is not JSON`, "write one JSON object per line");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) return failed("data-file", written, `line ${i + 1} is not a JSON object`, "write one JSON object (a tuple) per line");
    count++;
  }
  return count === 0 ? failed("data-file", written, "it holds no tuple", "write one JSON object per line") : ok("data-file", written, `${count} tuples`);
}
