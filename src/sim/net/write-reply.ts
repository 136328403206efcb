import type { ServerResponse } from "node:http";
import type { Reply } from "../rest/reply.js";

/** Writes a route's reply: JSON unless it is text, no body for 204; nothing once the response is over. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string | number> = { ...reply.headers };
  let body: string | undefined;
  if (reply.status !== 204) {
    body = reply.text ?? JSON.stringify(reply.json ?? {});
    headers["Content-Type"] = reply.text !== undefined ? "text/plain; charset=utf-8" : "application/json";
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** The size of a reply on the wire, roughly: its body plus a typical header block. */
export const replyBytes = (reply: Reply): number => (reply.status === 204 ? 0 : Buffer.byteLength(reply.text ?? JSON.stringify(reply.json ?? {}))) + 128;
