import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ManualClock } from "../../src/sim/model/clock.js";
import type { InstanceOptions, StreamsInstance } from "../../src/sim/model/instance.js";
import { createRestHandler, type RestHandlerOptions } from "../../src/sim/rest/handler.js";
import { makeInstance } from "./fixtures.js";

export const USER = "streamsadmin";
export const PASSWORD = "s3cret-pw";
export const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`;

export interface Twin {
  readonly origin: string;
  /** `${origin}/streams/rest` */
  readonly rest: string;
  readonly instance: StreamsInstance;
  readonly clock: ManualClock;
  readonly server: Server;
  /** GET with Basic auth; the parsed JSON (or text) and the status */
  get(url: string, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  send(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** One instance behind the REST handler on 127.0.0.1, a free port. */
export async function startTwin(
  handlerOptions: Partial<Omit<RestHandlerOptions, "instance">> = {},
  instanceOptions: Partial<InstanceOptions> = {},
): Promise<Twin> {
  const { instance, clock } = makeInstance(instanceOptions);
  const handler = createRestHandler({ instance, credentials: { user: USER, password: PASSWORD }, ...handlerOptions });
  const server = createServer((req, res) => {
    handler(req, res, () => {
      res.writeHead(299, { "Content-Type": "text/plain" });
      res.end("not mine");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const absolute = (url: string) => (url.startsWith("http") ? url : `${origin}${url}`);
  const send = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { Authorization: BASIC, Accept: "application/json", ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" || body instanceof Uint8Array ? (body as RequestInit["body"]) : JSON.stringify(body);
      if (!(body instanceof Uint8Array) && !headers["Content-Type"]) (init.headers as Record<string, string>)["Content-Type"] = "application/json";
    }
    const res = await fetch(absolute(url), init);
    const raw = await res.text();
    let parsed: unknown = raw;
    if ((res.headers.get("content-type") ?? "").startsWith("application/json") && raw.length > 0) parsed = JSON.parse(raw);
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  return {
    origin,
    rest: `${origin}/streams/rest`,
    instance,
    clock,
    server,
    get: (url, headers) => send("GET", url, undefined, headers),
    send,
    close: () =>
      new Promise<void>((resolve) => {
        instance.dispose();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A request through node:http, which (unlike fetch) may carry a body on GET. A body given as a
 * list of chunks is written one by one without Content-Length, so node sends it chunked.
 */
export function rawRequest(method: string, url: string, headers: Record<string, string>, body?: string | Buffer | readonly Buffer[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // The path goes as written: a URL would resolve `..` segments, which a client need not do.
    // Only what a request line cannot carry (spaces, controls, non-ASCII) is percent-encoded.
    const { protocol, hostname, port, pathname } = new URL(url);
    const written = url.slice(url.indexOf("/", `${protocol}//`.length)) || pathname;
    const path = written.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
    const req = request({ protocol, hostname, port, path, method, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}
