import type { IncomingMessage, ServerResponse } from "node:http";
import type { StreamsInstance } from "../model/instance.js";
import { readBody } from "../rest/body.js";
import { answer, errorResponse, getRequest, isResponse, type JolokiaResponse } from "./protocol.js";

/** Where the twin's Jolokia agent answers, on each datacenter's REST server. */
export const JOLOKIA_PATH = "/jolokia";

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_BULK = 1000;
// Jolokia's agent servlet answers `text/plain` unless asked otherwise (its `mimeType` option).
const TEXT = "text/plain; charset=utf-8";

/**
 * Serves Jolokia's HTTP protocol for one instance: GET `/jolokia/read/…` and `/jolokia/version`,
 * POST `/jolokia` with one request or a bulk array. Every Jolokia answer is HTTP 200 with the
 * request's status in the body, as Jolokia's agents answer; HTTP statuses are left for what is
 * not Jolokia's to say (401 without valid credentials, 405 for other methods, 413). The caller
 * has checked the credentials.
 */
export function serveJolokia(instance: StreamsInstance, req: IncomingMessage, res: ServerResponse, path: string): void {
  const method = req.method ?? "GET";
  if (method === "GET" || method === "HEAD") {
    const below = path.slice(JOLOKIA_PATH.length);
    const request = getRequest(below);
    write(res, isResponse(request) ? request : answer(instance, request), method === "HEAD");
    return;
  }
  if (method !== "POST") {
    res.writeHead(405, { Allow: "GET, HEAD, POST", "Content-Type": TEXT });
    res.end(`${JOLOKIA_PATH} answers GET and POST\n`);
    return;
  }
  void readBody(req, MAX_BODY_BYTES).then((read) => {
    if (!read.ok) {
      res.writeHead(413, { "Content-Type": TEXT, Connection: "close" });
      res.end(`a Jolokia request may hold at most ${MAX_BODY_BYTES} bytes\n`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.value.toString("utf8"));
    } catch (e) {
      write(res, errorResponse(400, "java.lang.IllegalArgumentException", `Invalid JSON request: ${e instanceof Error ? e.message : String(e)}`), false);
      return;
    }
    if (!Array.isArray(parsed)) {
      write(res, answer(instance, parsed), false);
      return;
    }
    if (parsed.length > MAX_BULK) {
      write(res, errorResponse(400, "java.lang.IllegalArgumentException", `a bulk request may hold at most ${MAX_BULK} requests, not ${parsed.length}`), false);
      return;
    }
    write(res, parsed.map((r) => answer(instance, r)), false);
  });
}

/** The WWW-Authenticate challenge of an agent with Basic authentication. */
export const JOLOKIA_CHALLENGE = 'Basic realm="jolokia"';

function write(res: ServerResponse, body: JolokiaResponse | readonly JolokiaResponse[], headOnly: boolean): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(200, { "Content-Type": TEXT, "Content-Length": Buffer.byteLength(text), "Cache-Control": "no-cache" });
  res.end(headOnly ? undefined : text);
}
