import type { IncomingMessage, ServerResponse } from "node:http";
import type { StreamsInstance } from "../model/instance.js";
import { JOLOKIA_CHALLENGE, JOLOKIA_PATH, serveJolokia } from "../jolokia/handler.js";
import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from "../prometheus/render.js";
import { Authenticator, type Credentials, type Principal } from "./auth.js";
import { parseJson, readBody } from "./body.js";
import { restError } from "./errors.js";
import { drawFlaky, type FlakyOptions, type FlakyOutcome } from "./flaky.js";
import { Links, REST_PREFIX } from "./links.js";
import { RESOLVERS, type Resolved } from "./resolve.js";
import { isErrorReply, type Reply } from "./reply.js";
import { allowedMethods, Router } from "./router.js";
import { ROUTES, TOKEN_PATH, type Method, type MethodSpec, type RouteContext } from "./routes.js";

export interface RestHandlerOptions {
  readonly instance: StreamsInstance;
  /** the origin links point at, e.g. `http://127.0.1.1:8443`; default: from each request's Host header */
  readonly baseUrl?: string;
  /** the scheme of links built from the Host header: `https` behind TLS, which the handler cannot see; default `http` */
  readonly scheme?: "http" | "https";
  readonly credentials: Credentials;
  /** serve the access-token flow (reference §1.4) and list `accessTokens` in the root */
  readonly tokens?: boolean;
  readonly tokenTtlMs?: number;
  readonly flaky?: FlakyOptions;
  /** the largest bundle accepted; default 64 MiB */
  readonly maxBundleBytes?: number;
  /** the failure switch `restUserRevoked` (docs/twin.md): while true, every credential is refused */
  readonly revoked?: () => boolean;
}

/**
 * A node:http request listener. It answers `/streams/rest/…`, `/metrics` and `/jolokia…` (the
 * twin's Jolokia agent, src/sim/jolokia) and returns true;
 * for any other path it calls `next` (or, without one, answers 404) and returns false, so the
 * datacenter process can serve `/xdc-data`, `/xdc-twin`… on the same server.
 */
export type RestHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => boolean;

export function createRestHandler(options: RestHandlerOptions): RestHandler {
  const server = new RestServer(options);
  return (req, res, next) => server.handle(req, res, next);
}

const MAX_JSON_BYTES = 1024 * 1024;
const DEFAULT_MAX_BUNDLE_BYTES = 64 * 1024 * 1024;
const CACHE_ENTRIES = 256;
const JSON_TYPE = "application/json";
const TEXT_TYPE = "text/plain; charset=utf-8";

/** One request on its way: what every step after authentication needs. */
interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly flaky: FlakyOutcome;
  readonly url: string;
  readonly path: string;
  readonly query: string;
  readonly origin: string;
  readonly principal: Principal;
}

/** The steps of a REST request: misbehave (flaky), authenticate, answer from cache, route, resolve, run. */
class RestServer {
  private readonly instance: StreamsInstance;
  private readonly auth: Authenticator;
  private readonly router: Router;
  private readonly maxBundle: number;
  private readonly fixedOrigin: string | undefined;
  private readonly scheme: "http" | "https";
  // Renderings of GETs that depend only on the URL and the instance's revision, kept as bytes:
  // the job list and the root are polled often by real clients (reference §4).
  private readonly cache = new Map<string, { readonly revision: number; readonly body: Buffer }>();
  private readonly linksByOrigin = new Map<string, Links>();

  constructor(private readonly options: RestHandlerOptions) {
    this.instance = options.instance;
    this.auth = new Authenticator(options.credentials, this.instance.now, options.tokens ?? false, options.tokenTtlMs, options.revoked);
    // Without tokens the token path does not exist at all (404 for any method).
    this.router = new Router(options.tokens ? ROUTES : ROUTES.filter((r) => r.path !== TOKEN_PATH));
    this.maxBundle = options.maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES;
    this.scheme = options.scheme ?? "http";
    this.fixedOrigin = options.baseUrl?.replace(/\/+$/, "").replace(/\/streams\/rest$/, "");
  }

  handle(req: IncomingMessage, res: ServerResponse, next: (() => void) | undefined): boolean {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q < 0 ? url : url.slice(0, q);
    if (path === "/metrics") {
      this.metrics(req, res);
      return true;
    }
    if (path === JOLOKIA_PATH || path.startsWith(`${JOLOKIA_PATH}/`)) {
      // The agent takes the REST API's credentials, as an agent configured with a user and password does.
      if (!this.auth.check(req.headers.authorization)) {
        res.writeHead(401, { "WWW-Authenticate": JOLOKIA_CHALLENGE, "Content-Type": TEXT_TYPE });
        res.end("authentication required\n");
      } else serveJolokia(this.instance, req, res, path);
      return true;
    }
    if (path !== REST_PREFIX && !path.startsWith(`${REST_PREFIX}/`)) {
      if (next) next();
      else send(res, restError("notFound", `The resource at ${path} cannot be found.`));
      return false;
    }
    const flaky = drawFlaky(this.options.flaky);
    if (flaky.kind === "reset") {
      req.socket.destroy();
      return true;
    }
    if (flaky.kind === "unavailable") {
      const reply = restError("unavailable", "The service is temporarily unavailable; retry later.");
      send(res, flaky.retryAfter ? { ...reply, headers: { "Retry-After": "1" } } : reply);
      return true;
    }
    const principal = this.auth.check(req.headers.authorization);
    if (!principal) {
      deliver(res, flaky, { ...restError("notAuthorized", "The request is not authorized: give a valid user name and password, or access token."), headers: { "WWW-Authenticate": 'Basic realm="Streams"' } });
      return true;
    }
    const origin = this.fixedOrigin ?? `${this.scheme}://${req.headers.host ?? "localhost"}`;
    this.serve({ req, res, flaky, url, path, query: q < 0 ? "" : url.slice(q + 1), origin, principal });
    return true;
  }

  private metrics(req: IncomingMessage, res: ServerResponse): void {
    if (req.method === "GET" || req.method === "HEAD") send(res, { status: 200, text: renderMetrics(this.instance), contentType: PROMETHEUS_CONTENT_TYPE });
    else send(res, { ...restError("methodNotAllowed", "/metrics answers GET only"), headers: { Allow: "GET, HEAD" } });
  }

  private serve(x: Exchange): void {
    const method = x.req.method === "HEAD" ? "GET" : (x.req.method ?? "GET");
    // Only cacheable GETs are stored, and an entry of the current revision was routed and
    // resolved to this same answer: a hit skips both.
    const cacheKey = `${x.origin}${x.url}`;
    if (method === "GET") {
      const hit = this.cache.get(cacheKey);
      if (hit && hit.revision === this.instance.revision) {
        deliver(x.res, x.flaky, { status: 200, bytes: hit.body, contentType: JSON_TYPE });
        return;
      }
    }
    // A trailing slash names the same resource (`…/jobs/` is `…/jobs`).
    const match = this.router.match(x.path.slice(REST_PREFIX.length + 1).replace(/\/$/, ""));
    if (!match) {
      deliver(x.res, x.flaky, restError("notFound", `The resource at ${x.path} cannot be found.`));
      return;
    }
    const spec: MethodSpec | undefined = match.route.methods[method as Method];
    if (!spec) {
      const allow = allowedMethods(match.route).join(", ");
      deliver(x.res, x.flaky, { ...restError("methodNotAllowed", `${x.path} does not answer ${x.req.method}; it answers ${allow}.`), headers: { Allow: allow } });
      return;
    }
    let resolved: Resolved = {};
    const params: Record<string, string> = {};
    for (const [name, value] of match.params) {
      params[name] = value;
      const resolver = RESOLVERS[name];
      if (!resolver) continue;
      const r = resolver(resolved, value, this.instance);
      if (isErrorReply(r)) {
        deliver(x.res, x.flaky, r);
        return;
      }
      resolved = r;
    }
    const context = (body: unknown, raw: Buffer | undefined): RouteContext => ({
      instance: this.instance,
      links: this.linksFor(x.origin),
      resolved,
      params,
      query: new URLSearchParams(x.query),
      url: `${x.origin}${x.path}`,
      user: x.principal.user,
      scheme: x.principal.scheme,
      body,
      raw,
      contentType: x.req.headers["content-type"] ?? "",
      accept: x.req.headers.accept ?? "",
      tokens: this.auth.tokensEnabled,
      issueToken: (user) => this.auth.issue(user),
    });
    if (!spec.body) {
      this.run(x, spec, context(undefined, undefined), spec.cacheable ? cacheKey : undefined);
      return;
    }
    void readBody(x.req, spec.body === "raw" ? this.maxBundle : MAX_JSON_BYTES).then((read) => {
      if (!read.ok) {
        deliver(x.res, x.flaky, { ...read.error, headers: { Connection: "close" } });
        return;
      }
      if (spec.body === "raw") {
        this.run(x, spec, context(undefined, read.value), undefined);
        return;
      }
      const parsed = parseJson(read.value);
      if (!parsed.ok) deliver(x.res, x.flaky, parsed.error);
      else this.run(x, spec, context(parsed.value, undefined), undefined);
    });
  }

  private run(x: Exchange, spec: MethodSpec, ctx: RouteContext, cacheKey: string | undefined): void {
    const revision = this.instance.revision;
    let reply: Reply;
    try {
      reply = spec.run(ctx);
    } catch (e) {
      reply = restError("unexpected", `An unexpected error occurred: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (cacheKey && reply.status === 200 && reply.json !== undefined) {
      // Kept as bytes: a hit then costs no JSON and no UTF-8 encoding.
      const body = Buffer.from(JSON.stringify(reply.json), "utf8");
      if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
      this.cache.set(cacheKey, { revision, body });
      reply = { status: 200, bytes: body, contentType: JSON_TYPE };
    }
    deliver(x.res, x.flaky, reply);
  }

  private linksFor(origin: string): Links {
    let links = this.linksByOrigin.get(origin);
    if (!links) {
      if (this.linksByOrigin.size > 16) this.linksByOrigin.clear();
      links = new Links(`${origin}${REST_PREFIX}`, this.instance.id);
      this.linksByOrigin.set(origin, links);
    }
    return links;
  }
}

/** Sends the reply now, or, for a request drawn slow, after the delay (it was processed already). */
function deliver(res: ServerResponse, flaky: FlakyOutcome, reply: Reply): void {
  if (flaky.kind === "slow") setTimeout(send, flaky.delayMs, res, reply).unref();
  else send(res, reply);
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string | number> = { ...reply.headers };
  let body: string | Buffer | undefined;
  if (reply.status !== 204) {
    body = reply.bytes ?? reply.text ?? JSON.stringify(reply.json ?? {});
    headers["Content-Type"] = reply.contentType ?? (reply.text !== undefined ? TEXT_TYPE : JSON_TYPE);
    headers["Content-Length"] = Buffer.byteLength(body);
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}
