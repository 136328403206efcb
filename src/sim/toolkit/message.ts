/**
 * The toolkit's wire message, `HeartbeatMessageType` (reference §3.2): `uint32 heartbeatMsgType,
 * uint64 heartbeatCnt, rstring dataCenterOrigin, blob dataSnapshot, rstring dataSnapshotOrigin`,
 * POSTed as `application/octet-stream`. The twin writes it the way SPL's native serialization
 * lays such a tuple out: little-endian integers, strings and blobs as a uint32 length then the
 * bytes. The snapshot blob holds the application's state as JSON (an array of tuples).
 */
export const MESSAGE_TYPES = { heartbeat: 1, snapshot: 2, orderlyShutdown: 3, snapshotToOrigin: 4 } as const;
export type MessageType = (typeof MESSAGE_TYPES)[keyof typeof MESSAGE_TYPES];

export interface HeartbeatMessage {
  readonly type: MessageType;
  readonly count: number;
  readonly dataCenterOrigin: string;
  readonly dataSnapshot: Uint8Array;
  readonly dataSnapshotOrigin: string;
}

export type DecodeResult = { ok: true; message: HeartbeatMessage } | { ok: false; error: string };

export function encodeMessage(m: HeartbeatMessage): Buffer {
  const origin = Buffer.from(m.dataCenterOrigin, "utf8");
  const snapshotOrigin = Buffer.from(m.dataSnapshotOrigin, "utf8");
  const out = Buffer.alloc(4 + 8 + 4 + origin.length + 4 + m.dataSnapshot.byteLength + 4 + snapshotOrigin.length);
  let at = out.writeUInt32LE(m.type, 0);
  at = out.writeBigUInt64LE(BigInt(m.count), at);
  for (const part of [origin, m.dataSnapshot, snapshotOrigin]) {
    at = out.writeUInt32LE(part.byteLength, at);
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

export function decodeMessage(bytes: Buffer): DecodeResult {
  let at = 0;
  const need = (n: number) => at + n <= bytes.length;
  if (!need(12)) return { ok: false, error: `a message has at least 12 bytes, this one ${bytes.length}` };
  const type = bytes.readUInt32LE(0);
  if (type < 1 || type > 4) return { ok: false, error: `unknown heartbeatMsgType ${type}` };
  const count = Number(bytes.readBigUInt64LE(4));
  at = 12;
  const parts: Buffer[] = [];
  for (const name of ["dataCenterOrigin", "dataSnapshot", "dataSnapshotOrigin"]) {
    if (!need(4)) return { ok: false, error: `the message ends before ${name}` };
    const length = bytes.readUInt32LE(at);
    at += 4;
    if (!need(length)) return { ok: false, error: `${name} claims ${length} bytes; the message is shorter` };
    parts.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (at !== bytes.length) return { ok: false, error: `${bytes.length - at} bytes after the message` };
  return {
    ok: true,
    message: {
      type: type as MessageType,
      count,
      dataCenterOrigin: parts[0]!.toString("utf8"),
      dataSnapshot: parts[1]!,
      dataSnapshotOrigin: parts[2]!.toString("utf8"),
    },
  };
}

export const encodeSnapshot = (items: readonly unknown[]): Buffer => Buffer.from(JSON.stringify(items), "utf8");

/** The tuples of a snapshot blob; an empty blob (a heartbeat's) holds none. */
export function decodeSnapshot(blob: Uint8Array): unknown[] | undefined {
  if (blob.byteLength === 0) return [];
  try {
    const items: unknown = JSON.parse(Buffer.from(blob).toString("utf8"));
    return Array.isArray(items) ? items : undefined;
  } catch {
    return undefined;
  }
}
