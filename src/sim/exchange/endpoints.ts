import type { IncomingMessage } from "node:http";
import type { AppRuntime } from "../app/runtime.js";
import type { InjectOutcome, InspectOutcome } from "../app/job-runtime.js";
import type { Route } from "../dc/host-server.js";
import type { Authenticator } from "../rest/auth.js";
import { parseJson, readBody } from "../rest/body.js";
import { restError, type ErrorReply } from "../rest/errors.js";
import type { Reply } from "../rest/reply.js";
import type { SinkQuery } from "./sink-buffer.js";

/**
 * Data Exchange endpoints (reference §2, docs/twin.md): `POST …/inject` with
 * `{"items":[…]}` into an EndpointSource's output port, `GET …/inspect` from an EndpointSink's
 * input port, Basic authentication as for REST. An endpoint answers on the host its PE runs
 * on. Clients find the URLs in the discovery document and never build them; the grammar
 * `/data/<job>/<operator>/<port>/inject|inspect` is the twin's own.
 */
export const DATA_PREFIX = "/data/";
const MAX_BATCH_BYTES = 64 * 1024 * 1024;

export type EndpointKind = "inject" | "inspect";

export const endpointPath = (jobId: string, operator: string, port: number, kind: EndpointKind): string =>
  `${DATA_PREFIX}${encodeURIComponent(jobId)}/${encodeURIComponent(operator)}/${port}/${kind}`;

function parseEndpointPath(path: string): { jobId: string; operator: string; port: number; kind: EndpointKind } | undefined {
  const m = /^\/data\/([^/]+)\/([^/]+)\/(\d+)\/(inject|inspect)$/.exec(path);
  if (!m) return undefined;
  try {
    return { jobId: decodeURIComponent(m[1]!), operator: decodeURIComponent(m[2]!), port: Number(m[3]), kind: m[4] as EndpointKind };
  } catch {
    return undefined;
  }
}

export interface EndpointDeps {
  readonly runtime: AppRuntime;
  readonly auth: Authenticator;
  /** the host whose data server asks */
  readonly hostId: string;
}

/** The route of a Data Exchange path on a host, or undefined when the path is not one. */
export function endpointRoute(deps: EndpointDeps, path: string, serverPort: number): Route | undefined {
  const target = parseEndpointPath(path);
  if (!target) return undefined;
  return { port: serverPort, handle: (req) => handle(deps, target, req) };
}

async function handle(deps: EndpointDeps, target: NonNullable<ReturnType<typeof parseEndpointPath>>, req: IncomingMessage): Promise<Reply> {
  if (!deps.auth.check(req.headers.authorization)) return restError("notAuthorized", "The request is not authorized: give a valid user name and password.");
  const expected = target.kind === "inject" ? "POST" : "GET";
  if (req.method !== expected && !(expected === "GET" && req.method === "HEAD")) {
    return { ...restError("methodNotAllowed", `${target.kind} answers ${expected} only.`), headers: { Allow: expected } };
  }
  const runtime = deps.runtime.job(target.jobId);
  const notHere = restError("notFound", `There is no ${target.kind} endpoint ${target.operator} port ${target.port} of job ${target.jobId} on this host.`);
  if (!runtime) return notHere;
  const pe = runtime.peOf(target.operator);
  const op = runtime.job.operators.find((o) => o.name === target.operator);
  const ports = target.kind === "inject" ? op?.outputPorts.length : op?.inputPorts.length;
  if (!pe || pe.hostId !== deps.hostId || ports === undefined || target.port >= ports) return notHere;
  if (target.kind === "inspect") return inspect(runtime.inspect.bind(runtime, target.operator), req);
  const body = await readBody(req, MAX_BATCH_BYTES);
  if (!body.ok) return body.error;
  const parsed = parseJson(body.value);
  if (!parsed.ok) return parsed.error;
  const items = (parsed.value as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return restError("badInput", 'the body must be {"items":[…]}, a batch of tuples');
  for (;;) {
    const outcome: InjectOutcome = runtime.inject(target.operator, items);
    if (outcome.kind !== "wait") return injectReply(outcome);
    await outcome.until;
  }
}

async function inspect(read: (q: SinkQuery) => InspectOutcome, req: IncomingMessage): Promise<Reply> {
  const query = sinkQuery(new URL(req.url ?? "/", "http://host").searchParams);
  if (typeof query === "string") return restError("badInput", query);
  for (;;) {
    const outcome = read(query);
    if (outcome.kind === "read") return { status: 200, json: outcome.read };
    if (outcome.kind === "unavailable") return unavailable("restarting", outcome.why, 1000);
    await outcome.until;
  }
}

function injectReply(outcome: Exclude<InjectOutcome, { kind: "wait" }>): Reply {
  switch (outcome.kind) {
    case "accepted":
      return { status: 200, json: { count: outcome.count } };
    case "full":
      return unavailable("full", `The source buffer is full (${outcome.free} free); retry the batch later.`, outcome.retryAfterMs);
    case "standby":
      return unavailable("standby", "The application is the standby and accepts no tuples until it takes over.", 1000);
    case "unavailable":
      return unavailable("restarting", `The endpoint is not available: ${outcome.why}.`, 1000);
    case "bad":
      return restError("badInput", outcome.message);
  }
}

/** 503 with Retry-After (whole seconds, as HTTP wants) and the twin's finer `retryAfterMs`. */
function unavailable(reason: "full" | "standby" | "restarting", message: string, retryAfterMs: number): Reply {
  const e: ErrorReply = restError("unavailable", message);
  return { status: e.status, json: { ...e.json, reason, retryAfterMs }, headers: { "Retry-After": String(Math.max(1, Math.ceil(retryAfterMs / 1000))) } };
}

function sinkQuery(params: URLSearchParams): SinkQuery | string {
  const out: { since?: number; start?: number; limit?: number } = {};
  for (const name of ["since", "start", "limit"] as const) {
    const raw = params.get(name);
    if (raw === null) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) return `\`${name}\` must be a whole number ≥ 0, not ${JSON.stringify(raw)}`;
    out[name] = n;
  }
  return out;
}
