import { crc32, inflateRawSync } from "node:zlib";
import { err, ok, type Result } from "../model/result.js";

/**
 * A minimal zip codec, synchronous on purpose: the instance model accepts an upload and
 * answers in the same call, and the bundle builder must give the same bytes for the same
 * manifest on every Node version. So the writer stores entries uncompressed (deflate output
 * changes with the zlib build) with a fixed timestamp; the reader also inflates, because real
 * `.sab` files and other tools deflate. No zip64, no encryption, no multi-disk archives.
 *
 * Why not yazl/yauzl (devDependencies; preflight reads user bundles with yauzl): both are
 * stream- and callback-based, and the twin's model reads a bundle inside a synchronous
 * upload. test/sim/codecs.test.ts checks that this writer's bytes are yazl's (stored, fixed
 * time) but for the "made by" version, and test/sim/bundle.test.ts that yauzl reads them.
 */
export interface ZipEntryInput {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc: number;
  readonly localHeaderOffset: number;
}

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50 } as const;
const METHOD = { stored: 0, deflated: 8 } as const;
const FLAG_UTF8 = 0x0800;
const FLAG_ENCRYPTED = 0x0001;
// 1980-01-01 00:00:00 in MS-DOS format: the earliest a zip can say, and the same every build.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const VERSION = 20;
// "made by" Unix, so that unzip restores rw-r--r-- permissions
const MADE_BY = (3 << 8) | VERSION;
const UNIX_FILE_MODE = 0o100644;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxEntries: 10_000, maxEntryBytes: 16 * 1024 * 1024 };

/** Little-endian fields of 2 or 4 bytes, in order: how every zip header is laid out. */
function pack(fields: ReadonlyArray<readonly [2 | 4, number]>): Buffer {
  const buf = Buffer.alloc(fields.reduce((n, [size]) => n + size, 0));
  let at = 0;
  for (const [size, value] of fields) {
    if (size === 2) buf.writeUInt16LE(value, at);
    else buf.writeUInt32LE(value >>> 0, at);
    at += size;
  }
  return buf;
}

/** Builds a zip archive of the entries, in the given order, every entry stored. */
export function writeZip(entries: readonly ZipEntryInput[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const data = Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.byteLength);
    const crc = crc32(data);
    // version needed, flags, method, time, date, CRC, compressed size, size, name length
    const common = [[2, VERSION], [2, FLAG_UTF8], [2, METHOD.stored], [2, DOS_TIME], [2, DOS_DATE], [4, crc], [4, data.length], [4, data.length], [2, name.length]] as const;
    const local = pack([[4, SIG.local], ...common, [2, 0]]);
    parts.push(local, name, data);
    // extra, comment, disk, internal attributes (0); external attributes: the Unix mode
    const header = pack([[4, SIG.central], [2, MADE_BY], ...common, [2, 0], [2, 0], [2, 0], [2, 0], [4, UNIX_FILE_MODE << 16], [4, offset]]);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const centralBytes = Buffer.concat(central);
  // disk numbers, entries on this disk and in all, central directory size and offset, comment length
  const end = pack([[4, SIG.end], [2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, centralBytes.length], [4, offset], [2, 0]]);
  return Buffer.concat([...parts, centralBytes, end]);
}

/** Lists the entries of a zip archive from its central directory; never throws. */
export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<ZipEntry[], string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const endAt = findEndRecord(buf);
  if (endAt < 0) return err("not a zip archive (no end of central directory record)");
  const count = buf.readUInt16LE(endAt + 10);
  const cdSize = buf.readUInt32LE(endAt + 12);
  const cdOffset = buf.readUInt32LE(endAt + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return err("zip64 archives are not supported");
  if (buf.readUInt16LE(endAt + 4) !== 0 || buf.readUInt16LE(endAt + 6) !== 0) return err("multi-disk zip archives are not supported");
  if (count > limits.maxEntries) return err(`the archive has ${count} entries, more than the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > endAt) return err("the central directory lies outside the archive");
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > endAt || buf.readUInt32LE(at) !== SIG.central) return err(`central directory entry ${i} is damaged`);
    const flags = buf.readUInt16LE(at + 8);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    if (at + 46 + nameLength > endAt) return err(`central directory entry ${i} is damaged`);
    const name = buf.toString(flags & FLAG_UTF8 ? "utf8" : "latin1", at + 46, at + 46 + nameLength);
    if (flags & FLAG_ENCRYPTED) return err(`entry ${name} is encrypted`);
    entries.push({
      name,
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localHeaderOffset: buf.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

/** The bytes of one entry, inflated and checked against its size and CRC; never throws. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Result<Buffer, string> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (entry.size > limits.maxEntryBytes) return err(`entry ${entry.name} is ${entry.size} bytes, more than the limit of ${limits.maxEntryBytes}`);
  const at = entry.localHeaderOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== SIG.local) return err(`the local header of ${entry.name} is damaged`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) return err(`the data of ${entry.name} runs past the end of the archive`);
  const raw = buf.subarray(start, end);
  let data: Buffer;
  switch (entry.method) {
    case METHOD.stored:
      data = Buffer.from(raw);
      break;
    case METHOD.deflated:
      try {
        // one byte over the declared size, so that a lying header is caught below, not trusted
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size + 1) });
      } catch (e) {
        return err(`entry ${entry.name} does not inflate: ${e instanceof Error ? e.message : String(e)}`);
      }
      break;
    default:
      return err(`entry ${entry.name} uses compression method ${entry.method}; only stored (0) and deflated (8) are read`);
  }
  if (data.length !== entry.size) return err(`entry ${entry.name} has ${data.length} bytes, its header says ${entry.size}`);
  if (crc32(data) !== entry.crc) return err(`entry ${entry.name} fails its CRC check`);
  return ok(data);
}

function findEndRecord(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - END_RECORD_SIZE - MAX_COMMENT);
  for (let at = buf.length - END_RECORD_SIZE; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === SIG.end && at + END_RECORD_SIZE + buf.readUInt16LE(at + 20) === buf.length) return at;
  }
  return -1;
}
