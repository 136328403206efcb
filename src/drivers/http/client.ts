import axios, { AxiosError, type AxiosInstance } from "axios";
import type { Clock } from "../../runtime/clock.js";
import type { Logger } from "../../runtime/logger.js";
import { safeUrl, type Redactor } from "../../runtime/redact.js";
import { VERSION } from "../../version.js";
import { err, ok, type Result } from "../result.js";
import { statusKind, wireFailure, type HttpError } from "./errors.js";
import { parseRetryAfter } from "./retry.js";
import type { Agents } from "./tls.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL, query included. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** A JSON body (sent with Content-Type: application/json). */
  readonly json?: unknown;
  /** A raw body, sent with `contentType`. */
  readonly body?: Uint8Array;
  readonly contentType?: string;
  /** Overrides the client's timeout for this call (uploads take longer). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
  /** The parsed body when the server said it is JSON and it parses. */
  readonly json: unknown;
}

/** What a service's error body says: its message id and text, when it has them. */
export type ErrorBodyReader = (res: HttpResponse) => { readonly messageId?: string; readonly detail?: string };

export interface HttpClientOptions {
  readonly agents: Agents;
  readonly clock: Clock;
  /** Already redacting (see redactingLogger). */
  readonly logger: Logger;
  readonly redactor: Redactor;
  /** A call fails when the server is silent this long (connecting included). */
  readonly timeoutMs: number;
  readonly readErrorBody: ErrorBodyReader;
  readonly maxResponseBytes?: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * One HTTP exchange at a time, as a value: any answer with a status below 300 is a response,
 * anything else an HttpError (classified, redacted, with method and path). No retries here
 * (retry.ts decides those), no redirects (they could carry credentials elsewhere), and no
 * proxy from the environment (traffic goes exactly where the environment file says).
 */
export class HttpClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: HttpClientOptions) {
    this.http = axios.create({
      httpAgent: options.agents.http,
      httpsAgent: options.agents.https,
      proxy: false,
      maxRedirects: 0,
      responseType: "arraybuffer",
      transformResponse: [],
      validateStatus: () => true,
      maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      maxBodyLength: Infinity,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
      headers: { "User-Agent": `xdc/${VERSION}` },
    });
  }

  async send(req: HttpRequest): Promise<Result<HttpResponse, HttpError>> {
    const { clock, logger } = this.options;
    const path = pathOf(req.url);
    const started = clock.now();
    const headers: Record<string, string> = { Accept: "application/json", ...req.headers };
    let data: unknown;
    if (req.json !== undefined) {
      data = JSON.stringify(req.json);
      headers["Content-Type"] = "application/json";
    } else if (req.body !== undefined) {
      data = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
      headers["Content-Type"] = req.contentType ?? "application/octet-stream";
    }
    let res: HttpResponse;
    try {
      const r = await this.http.request<ArrayBuffer>({
        method: req.method,
        url: req.url,
        headers,
        data,
        timeout: req.timeoutMs ?? this.options.timeoutMs,
        ...(req.signal ? { signal: req.signal } : {}),
      });
      res = toResponse(r.status, r.headers as Record<string, unknown>, r.data);
    } catch (e) {
      const error = this.wireError(req, path, e);
      logger.log("debug", `${req.method} ${path} failed after ${Math.round(clock.now() - started)} ms: ${error.message}`, { method: req.method, path, code: error.code });
      return err(error);
    }
    logger.log("debug", `${req.method} ${path} → ${res.status} in ${Math.round(clock.now() - started)} ms`, { method: req.method, path, status: res.status });
    if (res.status >= 200 && res.status < 300) return ok(res);
    return err(this.statusError(req, path, res));
  }

  /** Drops kept-alive connections. */
  close(): void {
    this.options.agents.http.destroy();
    this.options.agents.https.destroy();
  }

  private statusError(req: HttpRequest, path: string, res: HttpResponse): HttpError {
    return statusError(req.method, path, res, this.options);
  }

  private wireError(req: HttpRequest, path: string, e: unknown): HttpError {
    const code = e instanceof AxiosError ? (e.code ?? causeCode(e)) : causeCode(e);
    if (code === "ERR_CANCELED" || req.signal?.aborted) {
      return { kind: "cancelled", message: `${req.method} ${path} was cancelled`, method: req.method, path, code: "ERR_CANCELED" };
    }
    const wire = wireFailure(code ?? "UNKNOWN");
    // The code of a TLS failure is what says which certificate problem it is; the cause's text is not needed.
    const message = this.options.redactor.redact(`${req.method} ${path} failed: ${wire.hint} (${code ?? "no error code"})`);
    return { kind: wire.kind, message, method: req.method, path, ...(code ? { code } : {}) };
  }
}

/** An answer of status 300 or more as an HttpError: classified, with the server's message id and its Retry-After, redacted. */
export function statusError(method: string, path: string, res: HttpResponse, o: { readonly readErrorBody: ErrorBodyReader; readonly redactor: Redactor; readonly clock: Clock }): HttpError {
  const kind = statusKind(res.status);
  const { messageId, detail } = o.readErrorBody(res);
  const retryAfterMs = parseRetryAfter(res.headers["retry-after"], o.clock);
  const said = detail ? `: ${detail}` : messageId ? `: ${messageId}` : "";
  const message = o.redactor.redact(`${method} ${path} answered ${res.status} (${kind})${said}`);
  return {
    kind,
    message,
    method,
    path,
    status: res.status,
    ...(messageId ? { messageId } : {}),
    ...(detail ? { detail: o.redactor.redact(detail) } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** The path and query of a URL: what error messages and logs show of it. */
export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return safeUrl(url);
  }
}

function causeCode(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string" && code !== "ERR_NETWORK" && code !== "ERR_BAD_REQUEST") return code;
    current = (current as Error & { cause?: unknown }).cause;
  }
  return undefined;
}

function toResponse(status: number, rawHeaders: Record<string, unknown>, data: ArrayBuffer | undefined): HttpResponse {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawHeaders)) {
    if (value === undefined || value === null) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  const text = data ? Buffer.from(data).toString("utf8") : "";
  return { status, headers, text, json: jsonBody(headers, text) };
}

/** The parsed body when the server said it is JSON (headers in lower case) and it parses; else undefined. */
export function jsonBody(headers: Readonly<Record<string, string>>, text: string): unknown {
  if (!/\bjson\b/i.test(headers["content-type"] ?? "") || text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
