import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import type { Redactor } from "../../runtime/redact.js";
import { VERSION } from "../../version.js";
import { err, ok, type Result } from "../result.js";
import { jsonBody, pathOf, statusError, type ErrorBodyReader, type HttpResponse } from "../http/client.js";
import { wireFailure, type HttpError } from "../http/errors.js";
import type { Agents } from "../http/tls.js";

export interface WireRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  /** Already serialised JSON: the injector builds the body once per batch, outside this layer. */
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface WireOptions {
  readonly agents: Agents;
  readonly clock: Clock;
  /** Already redacting. */
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** `Basic …`, registered with the redactor by whoever made it. */
  readonly authorization: string;
  /** The longest the server may stay silent (connecting included). */
  readonly timeoutMs: number;
  readonly readErrorBody: ErrorBodyReader;
  /** An answer longer than this is a protocol error (a sink answer is bounded by its `limit`). */
  readonly maxResponseBytes: number;
}

/**
 * Data Exchange over node's own http module with kept-alive agents, not axios: a batch is one
 * POST of a body built once, and the tuples-per-second figure is dominated by per-request
 * overhead, which axios' adapter chain (config merging, transforms, a promise chain per
 * interceptor) multiplies (bench/exchange.bench.ts measures both). Errors are classified
 * exactly like the REST driver's (http/errors.ts), messages are redacted, and no retry
 * happens here: the injector and the reader decide that.
 */
export class Wire {
  constructor(private readonly o: WireOptions) {}

  send(req: WireRequest): Promise<Result<HttpResponse, HttpError>> {
    const path = pathOf(req.url);
    const started = this.o.clock.now();
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: Result<HttpResponse, HttpError>) => {
        if (settled) return;
        settled = true;
        req.signal?.removeEventListener("abort", onAbort);
        const took = Math.round(this.o.clock.now() - started);
        if (r.ok) this.o.logger.log("debug", `${req.method} ${path} → ${r.value.status} in ${took} ms`, { method: req.method, path, status: r.value.status });
        else this.o.logger.log("debug", `${req.method} ${path} failed after ${took} ms: ${r.error.message}`, { method: req.method, path, code: r.error.code });
        resolve(r);
      };
      const onAbort = () => {
        finish(err({ kind: "cancelled", message: `${req.method} ${path} was cancelled`, method: req.method, path, code: "ERR_CANCELED" }));
        outgoing.destroy();
      };
      let url: URL;
      try {
        url = new URL(req.url);
      } catch {
        resolve(err({ kind: "configuration", message: `${req.method} ${path}: not a URL`, method: req.method, path }));
        return;
      }
      const https = url.protocol === "https:";
      const headers: Record<string, string | number> = { Authorization: this.o.authorization, Accept: "application/json", "User-Agent": `xdc/${VERSION}` };
      if (req.body !== undefined) {
        headers["Content-Type"] = "application/json";
        headers["Content-Length"] = Buffer.byteLength(req.body);
      }
      const options = { method: req.method, headers, agent: https ? this.o.agents.https : this.o.agents.http, timeout: this.o.timeoutMs };
      const outgoing = (https ? httpsRequest : httpRequest)(url, options, (res) => this.collect(req, path, res, finish));
      outgoing.on("timeout", () => outgoing.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
      outgoing.on("error", (e: NodeJS.ErrnoException) => finish(err(this.wireError(req, path, e.code))));
      if (req.signal?.aborted) {
        onAbort();
        return;
      }
      req.signal?.addEventListener("abort", onAbort, { once: true });
      outgoing.end(req.body);
    });
  }

  private collect(req: WireRequest, path: string, res: IncomingMessage, finish: (r: Result<HttpResponse, HttpError>) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (c: Buffer) => {
      size += c.length;
      if (size > this.o.maxResponseBytes) {
        res.destroy();
        finish(err({ kind: "protocol", message: `${req.method} ${path}: the answer is longer than ${this.o.maxResponseBytes} bytes`, method: req.method, path, status: res.statusCode ?? 0 }));
        return;
      }
      chunks.push(c);
    });
    res.on("error", (e: NodeJS.ErrnoException) => finish(err(this.wireError(req, path, e.code))));
    res.on("end", () => {
      const response = toResponse(res, Buffer.concat(chunks).toString("utf8"));
      finish(response.status >= 200 && response.status < 300 ? ok(response) : err(this.statusError(req, path, response)));
    });
  }

  private statusError(req: WireRequest, path: string, res: HttpResponse): HttpError {
    const e = statusError(req.method, path, res, this.o);
    // The twin's finer `retryAfterMs` beats the header's whole seconds.
    const fine = (res.json as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    return typeof fine === "number" && fine >= 0 ? { ...e, retryAfterMs: fine } : e;
  }

  private wireError(req: WireRequest, path: string, code: string | undefined): HttpError {
    const wire = wireFailure(code ?? "UNKNOWN");
    return { kind: wire.kind, message: this.o.redactor.redact(`${req.method} ${path} failed: ${wire.hint} (${code ?? "no error code"})`), method: req.method, path, ...(code ? { code } : {}) };
  }

  close(): void {
    this.o.agents.http.destroy();
    this.o.agents.https.destroy();
  }
}

function toResponse(res: IncomingMessage, text: string): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  return { status: res.statusCode ?? 0, headers, text, json: jsonBody(headers, text) };
}
