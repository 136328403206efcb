import type { IncomingMessage, ServerResponse } from "node:http";
import type { StreamsInstance } from "../model/instance.js";
import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from "../prometheus/render.js";
import { Authenticator, type Credentials } from "./auth.js";
import { parseJson, readBody } from "./body.js";
import { restError } from "./errors.js";
import { drawFlaky, type FlakyOptions } from "./flaky.js";
import { Links, REST_PREFIX } from "./links.js";
import { RESOLVERS, type Resolved } from "./resolve.js";
import { isErrorReply, type Reply } from "./reply.js";
import { allowedMethods, Router } from "./router.js";
import { ROUTES, TOKEN_PATH, type Method, type MethodSpec, type RouteContext } from "./routes.js";

export interface RestHandlerOptions {
  readonly instance: StreamsInstance;
  /** the origin links point at, e.g. `http://127.0.1.1:8443`; default: from each request's Host header */
  readonly baseUrl?: string;
  readonly credentials: Credentials;
  /** serve the access-token flow (reference §1.4) and list `accessTokens` in the root */
  readonly tokens?: boolean;
  readonly tokenTtlMs?: number;
  readonly flaky?: FlakyOptions;
  /** the largest bundle accepted; default 64 MiB */
  readonly maxBundleBytes?: number;
}

/**
 * A node:http request listener. It answers `/streams/rest/…` and `/metrics` and returns true;
 * for any other path it calls `next` (or, without one, answers 404) and returns false, so the
 * datacenter process can serve `/xdc-data`, `/xdc-twin`… on the same server.
 */
export type RestHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => boolean;

const MAX_JSON_BYTES = 1024 * 1024;
const DEFAULT_MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const CACHE_ENTRIES = 256;
const JSON_TYPE = "application/json";
const TEXT_TYPE = "text/plain; charset=utf-8";

export function createRestHandler(options: RestHandlerOptions): RestHandler {
  const { instance } = options;
  const auth = new Authenticator(options.credentials, instance.now, options.tokens ?? false, options.tokenTtlMs);
  // Without tokens the token path does not exist at all (404 for any method, as on a server without it).
  const router = new Router(options.tokens ? ROUTES : ROUTES.filter((r) => r.path !== TOKEN_PATH));
  const maxBundle = options.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
  const fixedOrigin = options.baseUrl?.replace(/\/+$/, "").replace(/\/streams\/rest$/, "");
  // Renderings of GETs that depend only on the URL and the instance's revision: the job list
  // and the root are polled often by real clients (reference §4).
  const cache = new Map<string, { readonly revision: number; readonly body: string }>();
  const linksByOrigin = new Map<string, Links>();
  const linksFor = (origin: string): Links => {
    let links = linksByOrigin.get(origin);
    if (!links) {
      if (linksByOrigin.size > 16) linksByOrigin.clear();
      links = new Links(`${origin}${REST_PREFIX}`, instance.id);
      linksByOrigin.set(origin, links);
    }
    return links;
  };

  return (req, res, next) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");

    if (path === "/metrics") {
      if (method !== "GET") send(res, { ...restError("methodNotAllowed", "/metrics answers GET only"), headers: { Allow: "GET, HEAD" } });
      else send(res, { status: 200, text: renderMetrics(instance) }, PROMETHEUS_CONTENT_TYPE);
      return true;
    }
    if (path !== REST_PREFIX && !path.startsWith(`${REST_PREFIX}/`)) {
      if (next) next();
      else send(res, restError("notFound", `The resource at ${path} cannot be found.`));
      return false;
    }

    const flaky = drawFlaky(options.flaky);
    if (flaky.kind === "reset") {
      req.socket.destroy();
      return true;
    }
    if (flaky.kind === "unavailable") {
      const reply = restError("unavailable", "The service is temporarily unavailable; retry later.");
      send(res, flaky.retryAfter ? { ...reply, headers: { "Retry-After": "1" } } : reply);
      return true;
    }
    const deliver = (reply: Reply, contentType?: string): void => {
      if (flaky.kind !== "slow") {
        send(res, reply, contentType);
        return;
      }
      setTimeout(() => send(res, reply, contentType), flaky.delayMs).unref();
    };

    const principal = auth.check(req.headers.authorization);
    if (!principal) {
      deliver({ ...restError("notAuthorized", "The request is not authorized: give a valid user name and password, or access token."), headers: { "WWW-Authenticate": 'Basic realm="Streams"' } });
      return true;
    }

    // A trailing slash names the same resource (`…/jobs/` is `…/jobs`).
    const match = router.match(path.slice(REST_PREFIX.length + 1).replace(/\/$/, ""));
    if (!match) {
      deliver(restError("notFound", `The resource at ${path} cannot be found.`));
      return true;
    }
    const spec: MethodSpec | undefined = match.route.methods[method as Method];
    if (!spec) {
      const allow = allowedMethods(match.route);
      deliver({ ...restError("methodNotAllowed", `${path} does not answer ${req.method}; it answers ${allow.join(", ")}.`), headers: { Allow: allow.join(", ") } });
      return true;
    }
    let resolved: Resolved = {};
    const params: Record<string, string> = {};
    for (const [name, value] of match.params) {
      params[name] = value;
      const resolver = RESOLVERS[name];
      if (!resolver) continue;
      const r = resolver(resolved, value, instance);
      if (isErrorReply(r)) {
        deliver(r);
        return true;
      }
      resolved = r;
    }

    const origin = fixedOrigin ?? `http://${req.headers.host ?? "localhost"}`;
    const cacheKey = spec.cacheable ? `${origin}${url}` : undefined;
    if (cacheKey) {
      const hit = cache.get(cacheKey);
      if (hit && hit.revision === instance.revision) {
        deliver({ status: 200, text: hit.body }, JSON_TYPE);
        return true;
      }
    }

    const run = (body: unknown, raw: Buffer | undefined): void => {
      const ctx: RouteContext = {
        instance,
        links: linksFor(origin),
        resolved,
        params,
        query: new URLSearchParams(q < 0 ? "" : url.slice(q + 1)),
        url: `${origin}${path}`,
        user: principal.user,
        scheme: principal.scheme,
        body,
        raw,
        contentType: req.headers["content-type"] ?? "",
        accept: req.headers.accept ?? "",
        tokens: auth.tokensEnabled,
        issueToken: (user) => auth.issue(user),
      };
      let reply: Reply;
      const revision = instance.revision;
      try {
        reply = spec.run(ctx);
      } catch (e) {
        reply = restError("unexpected", `An unexpected error occurred: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (cacheKey && reply.status === 200 && reply.json !== undefined) {
        const text = JSON.stringify(reply.json);
        if (cache.size >= CACHE_ENTRIES) cache.clear();
        cache.set(cacheKey, { revision, body: text });
        deliver({ status: 200, text }, JSON_TYPE);
        return;
      }
      deliver(reply);
    };

    if (!spec.body) {
      run(undefined, undefined);
      return true;
    }
    void readBody(req, spec.body === "raw" ? maxBundle : MAX_JSON_BYTES).then((read) => {
      if (!read.ok) {
        deliver({ ...read.error, headers: { Connection: "close" } });
        return;
      }
      if (spec.body === "raw") {
        run(undefined, read.value);
        return;
      }
      const parsed = parseJson(read.value);
      if (!parsed.ok) deliver(parsed.error);
      else run(parsed.value, undefined);
    });
    return true;
  };
}

function send(res: ServerResponse, reply: Reply, contentType?: string): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string | number> = { ...reply.headers };
  let body: string | Buffer | undefined;
  if (reply.status !== 204) {
    body = reply.bytes ?? reply.text ?? JSON.stringify(reply.json ?? {});
    headers["Content-Type"] = contentType ?? reply.contentType ?? (reply.text !== undefined ? TEXT_TYPE : JSON_TYPE);
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}
