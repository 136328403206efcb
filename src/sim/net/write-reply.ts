import type { ServerResponse } from "node:http";
import type { Reply } from "../rest/reply.js";

/** A reply turned into bytes once: its status, headers and body (none for 204). */
export interface WireReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | number>>;
  readonly body: string | undefined;
  /** the size on the wire, roughly: body plus a typical header block */
  readonly bytes: number;
}

export function serializeReply(reply: Reply): WireReply {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.status === 204) return { status: 204, headers, body: undefined, bytes: 128 };
  const body = reply.text ?? JSON.stringify(reply.json ?? {});
  const length = Buffer.byteLength(body);
  headers["Content-Type"] = reply.text !== undefined ? "text/plain; charset=utf-8" : "application/json";
  headers["Content-Length"] = length;
  return { status: reply.status, headers, body, bytes: length + 128 };
}

const isWire = (r: Reply | WireReply): r is WireReply => "bytes" in r;

/** Writes a reply: JSON unless it is text, no body for 204; nothing once the response is over. */
export function writeReply(res: ServerResponse, reply: Reply | WireReply): void {
  if (res.writableEnded || res.destroyed) return;
  const wire = isWire(reply) ? reply : serializeReply(reply);
  res.writeHead(wire.status, wire.headers);
  res.end(wire.body);
}
